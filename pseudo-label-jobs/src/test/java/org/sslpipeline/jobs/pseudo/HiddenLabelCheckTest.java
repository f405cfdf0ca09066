package org.sslpipeline.jobs.pseudo;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sslpipeline.jobs.LocalSpark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-built pseudo-labels of 3 classes against true labels that are partly known. */
class HiddenLabelCheckTest {
    private static final StructType TRUTH = new StructType()
            .add("id", DataTypes.StringType, false)
            .add("label", DataTypes.IntegerType, true);
    private static SparkSession spark;
    private static Dataset<Row> pseudoLabels;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start(HiddenLabelCheckTest.class);
        pseudoLabels = spark.createDataFrame(List.of(
                pseudo("right-sure", 0, 0.97f), pseudo("wrong-sure", 1, 0.97f), pseudo("right-unsure", 1, 0.42f),
                pseudo("no-truth", 2, 0.42f), pseudo("not-in-pool", 2, 0.12f)), PseudoLabelSchema.schema());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void countsRightAndWrongLabelsPerTrueClassAndPerConfidenceBin() {
        Dataset<Row> truth = spark.createDataFrame(List.of(RowFactory.create("right-sure", 0),
                RowFactory.create("wrong-sure", 0), RowFactory.create("right-unsure", 1),
                RowFactory.create("no-truth", null), RowFactory.create("not-pseudo-labeled", 2)), TRUTH);

        HiddenLabelCheck check = HiddenLabelCheck.of(pseudoLabels, truth, "id", "label", 3);

        assertEquals(List.of(2L, 1L, 0L), check.hiddenPerClass());
        assertEquals(List.of(1L, 1L, 0L), check.correctPerClass());
        assertEquals(bins(19, 2, 8, 1), check.hiddenPerBin(), "0.97 falls in the last bin, 0.42 in [0.40, 0.45)");
        assertEquals(bins(19, 1, 8, 1), check.correctPerBin());
        assertEquals(3, check.hidden());
        assertEquals(2 / 3.0, check.accuracy(), 1e-12);
    }

    @Test
    void aPoolWithoutKnownLabelsHasNothingToCompare() {
        Dataset<Row> truth = spark.createDataFrame(List.of(RowFactory.create("right-sure", null),
                RowFactory.create("wrong-sure", null)), TRUTH);

        HiddenLabelCheck check = HiddenLabelCheck.of(pseudoLabels, truth, "id", "label", 3);

        assertEquals(0, check.hidden());
        assertTrue(Double.isNaN(check.accuracy()));
    }

    @Test
    void aHiddenLabelOutsideTheClassesIsNamed() {
        Dataset<Row> truth = spark.createDataFrame(List.of(RowFactory.create("right-sure", 7)), TRUTH);

        var error = assertThrows(IllegalArgumentException.class, () -> HiddenLabelCheck.of(pseudoLabels, truth, "id", "label", 3));
        assertTrue(error.getMessage().contains("7"), error.getMessage());
    }

    /** Counts per confidence bin: zero except bin {@code a} holding {@code countA} and bin {@code b} {@code countB}. */
    private static List<Long> bins(int a, long countA, int b, long countB) {
        Long[] counts = new Long[SelectionSummary.CONFIDENCE_BINS];
        Arrays.fill(counts, 0L);
        counts[a] = countA;
        counts[b] = countB;
        return List.of(counts);
    }

    private static Row pseudo(String id, int label, float confidence) {
        List<Float> probs = new ArrayList<>(List.of(0f, 0f, 0f));
        probs.set(label, confidence);
        return RowFactory.create(id, probs, label, confidence, 1, "teacher-sha", null);
    }
}
