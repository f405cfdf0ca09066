package org.sslpipeline.driver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sslpipeline.driver.SslPipeline;
import org.sslpipeline.jobs.pseudo.PseudoLabelSchema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training runs under the long-tailed and the open-set protocols on Fashion-MNIST: what they drew is recorded in
 * protocol.json, class by class, and the metrics follow the protocol (class groups; the known classes only, and
 * for a model with one-vs-all heads how well it scores the unknown ones).
 */
class ProtocolTrainingTest {
    private static final List<String> GARMENTS = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Shirt");

    @BeforeAll
    static void corpus() {
        TestCorpus.fashionMnist();
    }

    @Test
    void longTailedRunDrawsFallingCountsAndReportsClassGroups(@TempDir Path runs) throws Exception {
        assertEquals(0, SslPipeline.run(train(runs, "data.protocol=long-tailed", "data.long-tailed.labeled-head=40",
                "data.long-tailed.unlabeled-head=80", "data.long-tailed.imbalance-ratio=10")));

        JsonNode protocol = read(runs, "protocol.json");
        assertEquals("long-tailed", protocol.get("protocol").asText());
        // N_c = floor(40 * 10^(-c/9)), M_c = floor(80 * 10^(-c/9)), the last class N_1 / 10 and M_1 / 10
        long[] labeled = {40, 30, 23, 18, 14, 11, 8, 6, 5, 4};
        long[] unlabeled = {80, 61, 47, 37, 28, 22, 17, 13, 10, 8};
        for (int c = 0; c < 10; c++) {
            JsonNode counts = protocol.get("classes").get(c);
            assertEquals(labeled[c], counts.get("labeled").asLong(), counts.toString());
            assertEquals(unlabeled[c], counts.get("unlabeled").asLong(), counts.toString());
        }
        assertEquals(0, protocol.get("unlabeled_without_class").asLong());

        JsonNode ema = read(runs, "metrics.json").get("test").get("ema");
        assertEquals(10000, ema.get("examples").asLong(), "the test split stays whole and balanced");
        JsonNode longTail = ema.get("long_tail");
        assertEquals("[\"Sneaker\",\"Bag\",\"Ankle boot\"]", longTail.get("few_shot_classes").toString(),
                "the last 30% of the classes in the long-tailed order");
        assertTrue(longTail.get("gmean_recall").asDouble() <= ema.get("accuracy").asDouble() + 1e-9,
                "a geometric mean of recalls is at most their arithmetic mean, the accuracy of a balanced test split");
    }

    @Test
    void openMatchUnderTheOpenSetProtocolLearnsTheKnownClassesAndScoresTheOthers(@TempDir Path runs) throws Exception {
        assertEquals(0, SslPipeline.run(train(runs, "train.algorithm=openmatch", "data.protocol=open-set",
                "data.labels-per-class=5", "data.max-unlabeled=400", "data.open-set.known-classes=" + hoconList(GARMENTS))));

        JsonNode protocol = read(runs, "protocol.json");
        assertEquals(6, protocol.get("classes").size());
        assertEquals(30, protocol.get("labeled_rows").asLong());
        assertEquals(400, protocol.get("unlabeled_rows").asLong());
        long unknown = protocol.get("unlabeled_without_class").asLong();
        // 24,000 of the 59,970 pool rows are of the four unknown classes: a 400-row sample holds about 160 of them
        assertTrue(unknown > 100 && unknown < 220, "unknown-class rows in the pool: " + unknown);

        JsonNode metrics = read(runs, "metrics.json");
        assertEquals(GARMENTS.size(), metrics.get("class_names").size());
        assertEquals("Shirt", metrics.get("class_names").get(5).asText());
        assertEquals(6000, metrics.get("test").get("ema").get("examples").asLong(), "closed-set accuracy: known classes");
        JsonNode openSet = metrics.get("test").get("open_set");
        assertEquals("ova", openSet.get("score").asText());
        assertEquals(6000, openSet.get("known_examples").asLong());
        assertEquals(4000, openSet.get("unknown_examples").asLong());
        double auroc = openSet.get("auroc").asDouble();
        assertTrue(auroc >= 0 && auroc <= 1, "AUROC of the one-vs-all outlier score: " + auroc);
    }

    @Test
    void aRoundWithAnOpenMatchTeacherDropsTheRowsItsOutlierScoreCalls(@TempDir Path runs) throws Exception {
        List<String> args = new ArrayList<>(TestCorpus.baseArgs(runs));
        for (String setting : List.of("train.algorithm=openmatch", "data.protocol=open-set", "data.labels-per-class=5",
                "data.max-unlabeled=400", "data.open-set.known-classes=" + hoconList(GARMENTS), "train.trainer=local",
                "train.epochs=1", "train.steps-per-epoch=5", "train.batch-size=16", "noisy-student.per-class=0",
                "noisy-student.threshold=0", "noisy-student.pseudo-label-batch-size=64")) {
            args.addAll(List.of("--set", setting));
        }
        assertEquals(0, SslPipeline.run(TestCorpus.args(args, "run", "--run-id", "r")));

        JsonNode total = new ObjectMapper().readTree(runs.resolve("r/round-1/selected/_selection.json").toFile())
                .get("total");
        SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
        try {
            Dataset<Row> pseudo = spark.read().parquet(runs.resolve("r/round-1/pseudo").toString());
            long scoredAbove = pseudo.filter(col(PseudoLabelSchema.OUTLIER_SCORE).gt(0.5f)).count();
            assertEquals(400, pseudo.filter(col(PseudoLabelSchema.OUTLIER_SCORE).isNotNull()).count(),
                    "the OpenMatch teacher scores every row");
            assertTrue(scoredAbove > 0, "an untrained one-vs-all head calls some rows outliers");
            assertEquals(scoredAbove, total.get("outliers").asLong());
            assertEquals(400 - scoredAbove, total.get("above_threshold").asLong(), "threshold 0: every other row counts");
            Dataset<Row> selected = spark.read().parquet(runs.resolve("r/round-1/selected").toString());
            assertEquals(0, selected.filter(col(PseudoLabelSchema.OUTLIER_SCORE).gt(0.5f)).count());
        } finally {
            spark.stop();
        }
        assertTrue(Files.readString(runs.resolve("r/report.html")).contains("dropped as outliers"),
                "the report shows the rows dropped per class");

        Path labels = runs.resolve("labels.csv");
        assertEquals(0, SslPipeline.run(TestCorpus.args(TestCorpus.baseArgs(runs), "predict", "--model",
                runs.resolve("r/round-1/teacher/train/model.zip").toString(), "--input", TestCorpus.FASHION_MNIST,
                "--output", labels.toString())));
        assertEquals("id,label,confidence,outlier_score", Files.readAllLines(labels).get(0),
                "predict writes the outlier score of a model with one-vs-all heads");
    }

    private static String[] train(Path runs, String... settings) {
        List<String> args = new ArrayList<>(TestCorpus.baseArgs(runs));
        for (String setting : settings) args.addAll(List.of("--set", setting));
        return TestCorpus.args(args, "train", "--set", "train.trainer=local", "--set", "train.epochs=1",
                "--set", "train.steps-per-epoch=5", "--set", "train.batch-size=16", "--run-id", "p");
    }

    private static String hoconList(List<String> names) {
        return "[" + String.join(", ", names.stream().map(name -> "\"" + name + "\"").toList()) + "]";
    }

    private static JsonNode read(Path runs, String file) throws Exception {
        return new ObjectMapper().readTree(runs.resolve("p/train").resolve(file).toFile());
    }
}
