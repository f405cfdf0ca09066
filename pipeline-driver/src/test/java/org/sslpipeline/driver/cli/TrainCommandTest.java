package org.sslpipeline.driver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sslpipeline.driver.SslPipeline;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training on a few thousand real Fashion-MNIST images, through the command line, on Spark local[2] with the
 * subclassed DL4J worker and in a single JVM: both must beat 0.70 test accuracy on the full 10,000-image test split.
 */
class TrainCommandTest {

    @BeforeAll
    static void corpus() {
        TestCorpus.fashionMnist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"spark", "local"})
    void aFewThousandLabelsBeatSeventyPercent(String trainer, @TempDir Path runs) throws Exception {
        List<String> base = TestCorpus.baseArgs(runs);
        int exit = SslPipeline.run(TestCorpus.args(base, "train",
                "--set", "train.trainer=" + trainer,
                "--set", "data.labels-per-class=300",
                "--set", "train.epochs=3",
                "--set", "train.augment=none",
                "--set", "train.spark.averaging-frequency=4",
                "--run-id", "t"));
        assertEquals(0, exit);

        Path train = runs.resolve("t").resolve("train");
        JsonNode metrics = new ObjectMapper().readTree(train.resolve("metrics.json").toFile());
        assertEquals(3000, metrics.get("labeled_examples").asLong());
        assertEquals(10000, metrics.at("/test/ema/examples").asLong());
        double accuracy = metrics.get("test_accuracy").asDouble();
        assertTrue(accuracy > 0.70, trainer + " test accuracy " + accuracy);
        assertEquals(10, metrics.at("/test/ema/per_class_accuracy").size());
        assertEquals(10, metrics.at("/test/raw/confusion").size());
        assertEquals(3, metrics.get("training").size());

        // the model file is a plain DL4J zip
        ComputationGraph model = ModelSerializer.restoreComputationGraph(train.resolve("model.zip").toFile(), false);
        assertEquals(List.of("logits", "features"), model.getConfiguration().getNetworkOutputs());
    }
}
