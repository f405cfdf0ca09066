package org.sslpipeline.jobs.pseudo;

import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sslpipeline.jobs.LocalSpark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Four hand-built rows of 3 classes whose teacher leans to class 0: mean prediction (0.5, 0.3125, 0.1875), so the
 * alignment factors are (1/3) / mean = (2/3, 16/15, 16/9). Two of the three rows labeled 0 move to class 1.
 */
class DistributionAlignmentTest {
    private static final int CLASSES = 3;

    @TempDir
    static Path temp;
    private static SparkSession spark;
    private static String pseudoLabels;

    @BeforeAll
    static void writePseudoLabels() {
        spark = LocalSpark.start(DistributionAlignmentTest.class);
        pseudoLabels = temp.resolve("pseudo-labels").toString();
        spark.createDataFrame(List.of(
                        row("r1", 0.6f, 0.4f, 0.0f),
                        row("r2", 0.7f, 0.3f, 0.0f),
                        row("r3", 0.5f, 0.45f, 0.05f),
                        row("r4", 0.2f, 0.1f, 0.7f)), PseudoLabelSchema.schema())
                .repartition(2).write().parquet(pseudoLabels);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void probabilitiesAreScaledByUniformOverThePoolMeanAndRenormalized() {
        double[] mean = DistributionAlignment.meanPrediction(spark.read().parquet(pseudoLabels), CLASSES);
        assertArrayEquals(new double[] {0.5, 0.3125, 0.1875}, mean, 1e-6);

        List<Row> aligned = DistributionAlignment.align(spark.read().parquet(pseudoLabels), mean)
                .orderBy("id").collectAsList();
        // r1: (0.6 * 2/3, 0.4 * 16/15, 0) = (0.4, 0.42667, 0), normalized (15/31, 16/31, 0)
        assertArrayEquals(new float[] {15f / 31, 16f / 31, 0f}, probs(aligned.get(0)), 1e-6f);
        assertEquals(1, aligned.get(0).getInt(2));
        assertEquals(16f / 31, aligned.get(0).getFloat(3), 1e-6f);
        // r3: (1/3, 0.48, 0.05 * 16/9) normalized; class 1 overtakes class 0
        double[] r3 = {0.5 * 2 / 3, 0.45 * 16 / 15, 0.05 * 16 / 9};
        double sum = r3[0] + r3[1] + r3[2];
        assertArrayEquals(new float[] {(float) (r3[0] / sum), (float) (r3[1] / sum), (float) (r3[2] / sum)},
                probs(aligned.get(2)), 1e-6f);
        assertEquals(List.of(1, 0, 1, 2), aligned.stream().map(row -> row.getInt(2)).toList(), "hard labels r1..r4");
        for (Row row : aligned) {
            float total = 0;
            for (float p : probs(row)) total += p;
            assertEquals(1f, total, 1e-6f, row.getString(0) + " sums to 1");
            assertEquals("teacher-sha", row.getString(5), "other columns are kept");
        }
    }

    @Test
    void theSelectionThresholdsAndCountsTheAlignedLabels() {
        SelectionSummary plain = PseudoLabelSelection.select(spark, pseudoLabels, temp.resolve("plain").toString(),
                CLASSES, new SelectionSettings(0.5, 0), false);
        SelectionSummary aligned = PseudoLabelSelection.select(spark, pseudoLabels, temp.resolve("aligned").toString(),
                CLASSES, new SelectionSettings(0.5, 0, true), false);

        assertEquals(List.of(3L, 0L, 1L), plain.classes().stream().map(SelectionCounts::selected).toList());
        assertEquals(List.of(1L, 2L, 1L), aligned.classes().stream().map(SelectionCounts::selected).toList());
        assertTrue(plain.poolMeanPrediction().isEmpty());
        assertEquals(0.3125, aligned.poolMeanPrediction().get(1), 1e-6);
        assertEquals(List.of("r2"), spark.read().parquet(temp.resolve("aligned").toString())
                .filter("label = 0").select("id").as(Encoders.STRING()).collectAsList());
        assertTrue(aligned.format().contains("distribution aligned"));
        assertFalse(plain.format().contains("distribution aligned"));
    }

    @Test
    void rowsWithoutOneProbabilityPerClassAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DistributionAlignment
                .meanPrediction(spark.read().parquet(pseudoLabels), CLASSES + 1));
        assertTrue(e.getMessage().contains("4 pseudo-labels do not have 4 probabilities"), e.getMessage());
    }

    private static Row row(String id, float... probs) {
        int label = 0;
        for (int c = 1; c < probs.length; c++) if (probs[c] > probs[label]) label = c;
        List<Float> list = new ArrayList<>();
        for (float p : probs) list.add(p);
        return RowFactory.create(id, list, label, probs[label], 1, "teacher-sha", null);
    }

    private static float[] probs(Row row) {
        List<Float> list = row.getList(1);
        float[] out = new float[list.size()];
        for (int i = 0; i < out.length; i++) out[i] = list.get(i);
        return out;
    }
}
