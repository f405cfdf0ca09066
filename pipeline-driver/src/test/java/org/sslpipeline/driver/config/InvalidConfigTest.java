package org.sslpipeline.driver.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sslpipeline.training.spark.SparkTrainSettings;
import org.sslpipeline.training.train.TrainSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InvalidConfigTest {
    @TempDir
    Path dir;

    @Test
    void unknownKeyInFileIsNamedWithItsLineAndTheCloseKey() throws IOException {
        Path file = write("""
                ssl {
                  train {
                    epohcs = 3
                  }
                }
                """);

        String message = failure(file).getMessage();

        assertContains(message, "unknown key ssl.train.epohcs (" + file + ":3)");
        assertContains(message, "did you mean ssl.train.epochs?");
    }

    @Test
    void suggestionsCoverForgottenRootOtherSpellingsAndWrongSections() throws IOException {
        Path file = write("""
                train.epochs = 3
                ssl.train.batch_size = 32
                ssl.train.dropout = 0.1
                ssl.trian.seed = 2
                """);

        List<String> problems = failure(file).problems();

        assertEquals(4, problems.size(), problems::toString);
        assertContains(problems.get(0), "unknown key ssl.train.batch_size");
        assertContains(problems.get(0), "did you mean ssl.train.batch-size?");
        assertContains(problems.get(1), "unknown key ssl.train.dropout");
        assertContains(problems.get(1), "did you mean ssl.model.dropout?");
        assertContains(problems.get(2), "unknown key ssl.trian");
        assertContains(problems.get(2), "did you mean ssl.train?");
        assertContains(problems.get(3), "unknown key train");
        assertContains(problems.get(3), "did you mean ssl.train?");
    }

    @Test
    void unknownSetKeyFails() {
        String message = failure("train.epohcs=3").getMessage();

        assertContains(message, "unknown key ssl.train.epohcs (--set train.epohcs=3)");
        assertContains(message, "did you mean ssl.train.epochs?");
        assertContains(failure("foo.bar=1").getMessage(), "unknown key ssl.foo (--set foo.bar=1)");
    }

    @Test
    void setWithoutKeyOrEqualsFails() {
        assertContains(failure("train.epochs").getMessage(), "--set expects key=value, got \"train.epochs\"");
        assertContains(failure("=5").getMessage(), "--set expects key=value, got \"=5\"");
    }

    @Test
    void wrongTypeNamesKeyValueAndOrigin() throws IOException {
        Path file = write("ssl.train.epochs = abc\n");

        assertContains(failure(file).getMessage(),
                "ssl.train.epochs must be an integer, got \"abc\" (" + file + ":1)");
        assertContains(failure("train.nesterov=maybe").getMessage(),
                "ssl.train.nesterov must be true or false, got \"maybe\" (--set train.nesterov=maybe)");
        assertContains(failure("train.epochs=2.5").getMessage(), "ssl.train.epochs must be an integer, got 2.5");
        assertContains(failure("train.learning-rate=fast").getMessage(),
                "ssl.train.learning-rate must be a number, got \"fast\"");
        assertContains(failure("ingest.shard-rows=99999999999").getMessage(),
                "ssl.ingest.shard-rows must be an integer, got 99999999999");
        assertContains(failure("train.epochs=null").getMessage(), "ssl.train.epochs must be an integer, got null");
    }

    @Test
    void outOfRangeValuesFail() {
        assertContains(failure("train.epochs=0").getMessage(), "ssl.train.epochs must be > 0, got 0");
        assertContains(failure("model.dropout=1.5").getMessage(),
                "ssl.model.dropout must be in [0, 1), got 1.5 (--set model.dropout=1.5)");
        assertContains(failure("data.labels-per-class=-1").getMessage(),
                "ssl.data.labels-per-class must be >= 0, got -1");
        assertContains(failure("train.spark.averaging-frequency=0").getMessage(),
                "ssl.train.spark.averaging-frequency must be > 0, got 0");
        assertContains(failure("train.weight-decay=-0.1").getMessage(), "ssl.train.weight-decay must be >= 0");
        assertContains(failure("eval.batch-size=0").getMessage(), "ssl.eval.batch-size must be > 0, got 0");
        assertContains(failure("noisy-student.student-epochs=-1").getMessage(),
                "ssl.noisy-student.student-epochs must be >= 0, got -1");
        assertContains(failure("run.id=a/b").getMessage(), "ssl.run.id may hold only letters");
    }

    @Test
    void valuesOutsideTheirSetFail() {
        assertContains(failure("model.network=resnet50").getMessage(),
                "ssl.model.network must be one of small-cnn, small-cnn-3, pooled-cnn, wrn-28-2, got \"resnet50\"");
        assertContains(failure("train.algorithm=magic").getMessage(),
                "ssl.train.algorithm must be one of cossl, featdistloss, fixmatch, mean-teacher, openmatch, pi-model, pseudo-label, supervised, temporal-ensembling, got \"magic\"");
        assertContains(failure("data.protocol=imbalanced").getMessage(),
                "ssl.data.protocol must be one of balanced, long-tailed, open-set, got \"imbalanced\"");
        assertContains(failure("train.lr-schedule=step").getMessage(), "ssl.train.lr-schedule must be one of");
        assertContains(failure("train.trainer=gpu").getMessage(), "ssl.train.trainer must be one of spark, local");
        assertContains(failure("ingest.format=csv").getMessage(), "ssl.ingest.format must be one of");
    }

    @Test
    void protocolsRefuseSettingsTheyCannotDrawWith() {
        assertContains(failure("data.protocol=open-set", "data.labels-per-class=5").getMessage(),
                "ssl.data.open-set.known-classes must name the known classes for the open-set protocol");
        assertContains(failure("data.protocol=open-set", "data.open-set.known-classes=[Bag]").getMessage(),
                "ssl.data.labels-per-class must be > 0 for the open-set protocol");
        assertContains(failure("data.open-set.unknown-share=1").getMessage(),
                "ssl.data.open-set.unknown-share must be in [0, 1), got 1");
        assertContains(failure("data.long-tailed.imbalance-ratio=0.5").getMessage(),
                "ssl.data.long-tailed.imbalance-ratio must be >= 1, got 0.5");
    }

    @Test
    void momentumWithoutNesterovFails() {
        assertContains(failure("train.nesterov=false").getMessage(),
                "ssl.train.momentum must be 0 when nesterov = false");
        assertEquals(0.0, PipelineConfig.load(null, List.of("train.nesterov=false", "train.momentum=0"))
                .train().momentum());
    }

    @Test
    void everyProblemIsListedInOneError() throws IOException {
        Path file = write("""
                ssl {
                  train { epochs = 0, batch-size = -1, momentum = abc }
                  model.dropout = 2
                  spark.mastr = "local[2]"
                }
                """);

        InvalidConfigException error = failure(file, "eval.batch-size=0");

        assertEquals(6, error.problems().size(), error::getMessage);
        assertContains(error.getMessage(), "Invalid configuration (6 problems):");
        assertContains(error.getMessage(), "unknown key ssl.spark.mastr");
        assertContains(error.getMessage(), "ssl.train.momentum must be a number, got \"abc\"");
        assertContains(error.getMessage(), "ssl.train.epochs must be > 0, got 0");
        assertContains(error.getMessage(), "ssl.train.batch-size must be > 0, got -1");
        assertContains(error.getMessage(), "ssl.model.dropout must be in [0, 1), got 2.0");
        assertContains(error.getMessage(), "ssl.eval.batch-size must be > 0, got 0");
    }

    @Test
    void sectionReplacedByValueFails() {
        assertContains(failure("train=5").getMessage(), "ssl.train must be a section { ... }, got 5 (--set train=5)");
        assertContains(failure("spark.conf=4g").getMessage(), "ssl.spark.conf must be a section");
    }

    @Test
    void sparkConfRejectsNonSparkKeysAndLists() {
        assertContains(failure("spark.conf.\"executor.memory\"=4g").getMessage(),
                "ssl.spark.conf.\"executor.memory\" is not a Spark setting");
        assertContains(failure("spark.conf.\"spark.jars\"=[a,b]").getMessage(),
                "ssl.spark.conf.\"spark.jars\" must be a string");
    }

    @Test
    void missingConfigFileIsNamed() {
        Path missing = dir.resolve("nope.conf");

        assertContains(failure(missing).getMessage(), "config file " + missing + " does not exist");
    }

    @Test
    void unparsableConfigFileIsNamed() throws IOException {
        Path file = write("ssl { train { epochs = 3 }\n");

        assertContains(failure(file).getMessage(), "cannot read config file " + file);
    }

    @Test
    void recordsValidateOnTheirOwn() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new TrainSettings("supervised", "spark", 0, 0, 64, 0.03, 0.9, true, 5e-4, "cosine", 0.999,
                        "weak", 1, 1, 1));
        assertEquals("ssl.train.epochs must be > 0, got 0", error.getMessage());

        assertThrows(IllegalArgumentException.class, () -> new ModelSettings("small-cnn", 1.0, 1, 0.0));
        assertThrows(IllegalArgumentException.class, () -> new SparkSettings(null, "app", "", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new SparkTrainSettings(-1, 5, true, 2));
    }

    private InvalidConfigException failure(String... sets) {
        return failure(null, sets);
    }

    private InvalidConfigException failure(Path file, String... sets) {
        return assertThrows(InvalidConfigException.class, () -> PipelineConfig.load(file, List.of(sets)));
    }

    private Path write(String hocon) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "test", ".conf"), hocon);
    }

    private static void assertContains(String text, String expected) {
        assertTrue(text.contains(expected), () -> "expected to contain <" + expected + "> but was:\n" + text);
    }
}
