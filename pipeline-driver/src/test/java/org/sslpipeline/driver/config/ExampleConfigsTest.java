package org.sslpipeline.driver.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ready-made configs in the repository's conf/ folder. */
class ExampleConfigsTest {
    private static final Path CONF = findConfFolder();

    static Stream<Path> exampleConfigs() throws IOException {
        try (Stream<Path> files = Files.list(CONF)) {
            return files.filter(file -> file.toString().endsWith(".conf")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("exampleConfigs")
    void loadsWithoutError(Path file) {
        PipelineConfig.load(file, List.of());
    }

    @ParameterizedTest
    @MethodSource("exampleConfigs")
    void setsOnlyWhatDiffersFromTheDefaults(Path file) {
        Config example = ConfigFactory.parseFile(file.toFile());
        Config defaults = PipelineConfig.defaults().raw();
        for (Map.Entry<String, ConfigValue> entry : example.entrySet()) {
            if (!entry.getKey().startsWith("ssl.spark.conf.")) {
                assertNotEquals(defaults.getValue(entry.getKey()).unwrapped(), entry.getValue().unwrapped(),
                        entry.getKey() + " repeats its default");
            }
        }
    }

    @Test
    void quickstartIsAFixMatchTeacherOn250LabelsAndOneNoisyStudentRoundLocally() {
        PipelineConfig config = PipelineConfig.load(CONF.resolve("quickstart.conf"), List.of());

        assertEquals("fixmatch", config.train().algorithm());
        assertEquals("small-cnn", config.model().network());
        assertEquals(25, config.data().labelsPerClass());
        assertEquals(1, config.noisyStudent().rounds());
        assertEquals("local[*]", config.spark().master());
        assertTrue(config.train().epochs() * config.train().stepsPerEpoch() <= 500, "minutes, not hours");
    }

    @Test
    void allLabelsIsTheSupervisedReferenceNetwork() {
        PipelineConfig config = PipelineConfig.load(CONF.resolve("all-labels.conf"), List.of());

        assertEquals("supervised", config.train().algorithm());
        assertEquals(0, config.data().labelsPerClass());
        assertTrue(config.train().epochs() <= 5, "a few epochs");
    }

    @Test
    void benchAccuracyLongIsTheProtocolWithTheLongestBudget() {
        PipelineConfig protocol = PipelineConfig.load(CONF.resolve("bench-accuracy.conf"), List.of());
        PipelineConfig longer = PipelineConfig.load(CONF.resolve("bench-accuracy-long.conf"), List.of());

        assertEquals(protocol.model(), longer.model());
        assertEquals(protocol.train().trainer(), longer.train().trainer());
        assertEquals(protocol.train().batchSize(), longer.train().batchSize());
        assertEquals(3000, longer.train().epochs() * longer.train().stepsPerEpoch());
    }

    @Test
    void fashionMnist250IsTheSupervisedBaselineOn25LabelsPerClass() {
        PipelineConfig config = PipelineConfig.load(CONF.resolve("fashion-mnist-250-labels.conf"), List.of());

        assertEquals("supervised", config.train().algorithm());
        assertEquals(25, config.data().labelsPerClass());
    }

    @Test
    void clusterStandaloneTargetsTheStandaloneMasterAndHdfs() {
        PipelineConfig config = PipelineConfig.load(CONF.resolve("cluster-standalone.conf"), List.of());

        assertEquals("spark://127.0.0.1:7077", config.spark().master());
        assertTrue(config.data().corpus().startsWith("hdfs://"), config.data().corpus());
        assertFalse(config.spark().conf().isEmpty());
    }

    /** Tests run in the module folder; conf/ is at the repository root above it. */
    private static Path findConfFolder() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("conf/quickstart.conf"))) {
                return dir.resolve("conf");
            }
        }
        throw new IllegalStateException("no conf/quickstart.conf above " + Path.of("").toAbsolutePath());
    }
}
