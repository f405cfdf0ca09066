package org.sslpipeline.driver.config;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sslpipeline.training.spark.SparkTrainSettings;
import org.sslpipeline.training.step.PiModelStep;
import org.sslpipeline.training.step.TemporalEnsemblingStep;
import org.sslpipeline.training.train.TrainSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipelineConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaultsFillEverySetting() {
        PipelineConfig config = PipelineConfig.defaults();

        assertEquals(new SparkSettings("local[*]", "ssl-pipeline", "", Map.of()), config.spark());
        assertEquals(new IngestSettings("fashion-mnist", "/usr/share/datasets/fashion-mnist", "fashion-mnist",
                "train", 10000, false, false, "", List.of("train", "val", "validation", "test"), 0.2, 1L, "auto",
                "resize"), config.ingest());
        assertEquals(new DataSettings("runs/corpus/fashion-mnist", "balanced", 0, 1L, 0L,
                new DataSettings.LongTailed(1500, 3000, 100), new DataSettings.OpenSet(List.of(), 0)), config.data());
        assertEquals(new ModelSettings("small-cnn", 0.0, 1, 0.0), config.model());
        assertEquals(new TrainSettings("supervised", "spark", 5, 0, 64, 0.03, 0.9, true, 5e-4, "cosine", 0.999,
                "weak", 1L, 1, 1), config.train());
        assertEquals(new SparkTrainSettings(0, 5, true, 2), config.sparkTrain());
        assertEquals(new EvalSettings(256), config.eval());
        assertEquals(new RunSettings("runs", ""), config.run());
    }

    @Test
    void setOverridesBeatTheFileWhichBeatsTheDefaults() throws IOException {
        Path file = write("""
                ssl {
                  train { epochs = 3, batch-size = 32 }
                  spark.master = "local[1]"
                }
                """);

        PipelineConfig config = PipelineConfig.load(file, List.of("train.epochs=7", "ssl.spark.master=local[2]"));

        assertEquals(7, config.train().epochs(), "--set over file");
        assertEquals("local[2]", config.spark().master(), "--set with the ssl. prefix");
        assertEquals(32, config.train().batchSize(), "file over reference.conf");
        assertEquals(0.03, config.train().learningRate(), "reference.conf default");
        assertEquals(7, config.raw().getInt("ssl.train.epochs"), "raw() shows the merged value");
    }

    @Test
    void aCommandsDefaultsLieBetweenTheFileAndReferenceConf() throws IOException {
        Path file = write("ssl.train.epochs = 3");
        List<String> commandDefaults = List.of("spark.master=local[2]", "train.epochs=4", "train.batch-size=8");

        PipelineConfig config = PipelineConfig.load(file, commandDefaults, List.of("train.batch-size=16"));

        assertEquals("local[2]", config.spark().master(), "command default over reference.conf");
        assertEquals(3, config.train().epochs(), "file over command default");
        assertEquals(16, config.train().batchSize(), "--set over command default");
    }

    @Test
    void laterSetOverridesWin() {
        PipelineConfig config = PipelineConfig.load(null, List.of("train.epochs=2", "train.epochs=9"));

        assertEquals(9, config.train().epochs());
    }

    @Test
    void setValuesAreHoconValuesOrElseLiteralStrings() {
        PipelineConfig config = PipelineConfig.load(null, List.of(
                "train.epochs=5",
                "train.learning-rate=0.05",
                "ingest.overwrite=true",
                "train.weight-decay=1e-4",
                "run.dir=hdfs://namenode:8020/runs",
                "data.corpus=runs//corpus#1",
                "run.id = quoted-in-shell "));

        assertEquals(5, config.train().epochs());
        assertEquals(0.05, config.train().learningRate());
        assertTrue(config.ingest().overwrite());
        assertEquals(1e-4, config.train().weightDecay());
        assertEquals("hdfs://namenode:8020/runs", config.run().dir());
        assertEquals("runs//corpus#1", config.data().corpus(), "not cut at a HOCON comment");
        assertEquals("quoted-in-shell", config.run().id(), "key and value trimmed");
    }

    @Test
    void eachAlgorithmReadsItsOwnBlock() {
        PiModelStep.Settings defaults = (PiModelStep.Settings) PipelineConfig.defaults().algorithm("pi-model").settings();
        assertEquals(new PiModelStep.Settings(7, 100.0, true, 0.2667), defaults, "the paper's rule");

        PipelineConfig config = PipelineConfig.load(null, List.of("algorithms.pi-model.scale-by-labeled-fraction=false",
                "algorithms.pi-model.max-weight=10", "algorithms.fixmatch.mu=3", "train.algorithm=fixmatch"));
        assertEquals(new PiModelStep.Settings(7, 10.0, false, 0.2667), config.algorithm("pi-model").settings());
        assertEquals(new TemporalEnsemblingStep.Settings(7, 30.0, true, 0.2667, 0.6),
                config.algorithm("temporal-ensembling").settings(), "each algorithm has its own settings");
        assertEquals("fixmatch", config.algorithm().name());
        assertEquals(3, config.algorithm().unlabeledRatio());
    }

    @Test
    void anAlgorithmsSettingOutOfRangeIsReportedByItsKey() {
        InvalidConfigException error = assertThrows(InvalidConfigException.class, () -> PipelineConfig.load(null,
                List.of("algorithms.fixmatch.threshold=1.5", "algorithms.mean-teacher.mu=0")));
        assertTrue(error.getMessage().contains("ssl.algorithms.fixmatch.threshold must be in [0, 1], got 1.5"),
                error.getMessage());
        assertTrue(error.getMessage().contains("ssl.algorithms.mean-teacher.mu must be > 0, got 0"), error.getMessage());
    }

    @Test
    void keysOfTheOldSemiSupervisedSectionAreReportedWithTheirNewNames() {
        InvalidConfigException error = assertThrows(InvalidConfigException.class, () -> PipelineConfig.load(null,
                List.of("semi-supervised.pi-model.max-weight=10", "semi-supervised.threshold=0.9")));
        assertTrue(error.getMessage().contains(
                "ssl.semi-supervised.pi-model.max-weight was renamed to ssl.algorithms.pi-model.max-weight"),
                error.getMessage());
        assertTrue(error.getMessage().contains("ssl.semi-supervised.threshold was renamed to "
                + "ssl.algorithms.fixmatch.threshold and ssl.algorithms.featdistloss.threshold"), error.getMessage());
    }

    @Test
    void bracketedMasterWorksQuotedOrNot() {
        assertEquals("local[2]", PipelineConfig.load(null, List.of("spark.master=\"local[2]\"")).spark().master());
        assertEquals("local[2]", PipelineConfig.load(null, List.of("spark.master=local[2]")).spark().master());
    }

    @Test
    void sparkConfPassesThroughAsStrings() throws IOException {
        Path file = write("""
                ssl.spark.conf {
                  "spark.executor.memory" = 4g
                  spark.sql.shuffle.partitions = 8
                }
                """);

        PipelineConfig config = PipelineConfig.load(file,
                List.of("spark.conf.\"spark.kryo.registrationRequired\"=true"));

        assertEquals(Map.of(
                "spark.executor.memory", "4g",
                "spark.sql.shuffle.partitions", "8",
                "spark.kryo.registrationRequired", "true"), config.spark().conf());
    }

    @Test
    void substitutionsResolveAcrossLayers() throws IOException {
        Path file = write("ssl.data.corpus = ${ssl.run.dir}\"/corpus/fashion-mnist\"\n");

        PipelineConfig config = PipelineConfig.load(file, List.of("run.dir=/data/runs"));

        assertEquals("/data/runs/corpus/fashion-mnist", config.data().corpus());
    }

    @Test
    void renderedConfigIsJsonThatLoadsBackToTheSameSettings() throws IOException {
        PipelineConfig original = PipelineConfig.load(null, List.of(
                "train.epochs=11", "model.dropout=0.25", "spark.conf.\"spark.executor.memory\"=2g"));

        String rendered = original.renderResolved();
        ConfigFactory.parseString(rendered, ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON));
        PipelineConfig reloaded = PipelineConfig.load(write(rendered), List.of());

        assertEquals(original.raw().root(), reloaded.raw().root());
        assertEquals(original.train(), reloaded.train());
        assertEquals(original.model(), reloaded.model());
        assertEquals(original.spark(), reloaded.spark());
    }

    private Path write(String hocon) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "test", ".conf"), hocon);
    }
}
