package org.sslpipeline.driver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sslpipeline.driver.SslPipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every semi-supervised algorithm, in one JVM and on Spark local[2], for a few dozen steps on a small
 * Fashion-MNIST slice (10 labels per class, 600 unlabeled images): finite losses that fall, an EMA model well above
 * chance on the test split, and the same seed giving the same result in one JVM.
 */
class SemiSupervisedTrainingTest {

    @BeforeAll
    static void corpus() {
        TestCorpus.fashionMnist();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"fixmatch, local", "fixmatch, spark", "pseudo-label, local", "pseudo-label, spark",
            "pi-model, local", "pi-model, spark", "mean-teacher, local", "mean-teacher, spark",
            "featdistloss, local", "featdistloss, spark", "temporal-ensembling, local", "temporal-ensembling, spark",
            "openmatch, local", "openmatch, spark", "cossl, local", "cossl, spark"})
    void trainsWithFallingFiniteLoss(String algorithm, String trainer, @TempDir Path runs) throws Exception {
        List<String> base = TestCorpus.baseArgs(runs);
        String[] args = TestCorpus.args(base, "train",
                "--set", "train.algorithm=" + algorithm,
                "--set", "train.trainer=" + trainer,
                "--set", "data.labels-per-class=10",
                "--set", "data.max-unlabeled=600",
                "--set", "train.batch-size=8",
                // FixMatch's 0.03 with 8 labeled rows per step diverges in the first epoch (supervised-only ends
                // at 0.25 on the test split), and Mean Teacher's weight-100 consistency then pins the network at
                // uniform predictions; at 0.01 every algorithm ends between 0.39 and 0.59
                "--set", "train.learning-rate=0.01",
                "--set", "algorithms." + algorithm + ".mu=3",
                // constant loss weights, so that "the loss falls" means the same objective fell
                "--set", "algorithms.pseudo-label.ramp-start=0",
                "--set", "algorithms.pseudo-label.ramp-end=0",
                "--set", "algorithms.pi-model.ramp-length=0.01",
                "--set", "algorithms.temporal-ensembling.ramp-length=0.01",
                // OpenMatch's reference threshold 0 lets every inlier's first guesses teach the strong views: at
                // 75 steps on 100 labels that held it at 0.28 in one JVM; FixMatch's 0.95 gives 0.43
                "--set", "algorithms.openmatch.threshold=0.95",
                "--set", "train.epochs=3",
                "--set", "train.eval-every-epochs=10",
                "--set", "train.spark.averaging-frequency=5",
                "--set", "model.dropout=0.2",
                "--run-id", "a");
        assertEquals(0, SslPipeline.run(args));
        JsonNode metrics = new ObjectMapper().readTree(runs.resolve("a/train/metrics.json").toFile());
        JsonNode training = metrics.get("training");
        assertEquals(3, training.size());
        for (JsonNode epoch : training) {
            assertTrue(Double.isFinite(epoch.get("meanLoss").asDouble()), epoch.toString());
            JsonNode terms = epoch.get("terms");
            assertTrue(terms.has("supervised"), "every algorithm reports its supervised term: " + epoch);
            terms.fields().forEachRemaining(term -> assertTrue(Double.isFinite(term.getValue().asDouble()), epoch.toString()));
            if (algorithm.equals("fixmatch")) {
                double maskRate = terms.get("mask_rate").asDouble();
                assertTrue(maskRate >= 0 && maskRate <= 1, epoch.toString());
                // the terms are averaged over the same steps as the loss they add up to (unlabeled weight 1)
                assertEquals(epoch.get("meanLoss").asDouble(),
                        terms.get("supervised").asDouble() + terms.get("unsupervised").asDouble(), 1e-9, epoch.toString());
            }
        }
        if (algorithm.equals("mean-teacher")) {
            // Its ramp (the first 27% of the run) ends in the first epoch, so the last epoch runs at the full weight
            // on both trainers: Spark's workers must follow the global iteration, not restart it every round.
            assertEquals(100.0, training.get(2).get("terms").get("weight").asDouble(), 1e-9, trainer);
        }
        double first = training.get(0).get("meanLoss").asDouble();
        double last = training.get(2).get("meanLoss").asDouble();
        assertTrue(last < first, algorithm + " on " + trainer + ": loss " + first + " -> " + last);
        double accuracy = metrics.get("test_accuracy").asDouble();
        // CoSSL predicts with its rebalanced classifier, which learns only from the labeled rows, behind a
        // stop-gradient: 0.25 on Spark at this budget, where the others end between 0.39 and 0.59
        double chanceAndMore = algorithm.equals("cossl") ? 0.2 : 0.3;
        assertTrue(accuracy > chanceAndMore, algorithm + " on " + trainer + " learned little: test accuracy " + accuracy
                + " (chance 0.1)");
        long steps = metrics.get("iterations").asLong();
        assertTrue(steps >= 24, "a few dozen steps, got " + steps);

        if (trainer.equals("local")) {
            args[args.length - 1] = "b";
            assertEquals(0, SslPipeline.run(args));
            assertEquals(Files.readString(runs.resolve("a/train/metrics.json")),
                    Files.readString(runs.resolve("b/train/metrics.json")), "same seed, same result");
        }
    }
}
