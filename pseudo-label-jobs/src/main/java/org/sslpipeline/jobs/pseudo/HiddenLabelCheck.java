package org.sslpipeline.jobs.pseudo;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * The teacher's pseudo-labels against labels the benchmark protocol hid from it. When the unlabeled pool is a
 * labeled split with its labels withheld (Fashion-MNIST's training images beyond the labeled subset), this shows
 * how often the pseudo-labels are right, per true class and per confidence bin (the bins of
 * {@link SelectionSummary#confidenceHistogram()}): what a threshold buys, and which classes the teacher loses,
 * as USB and TorchSSL log the pseudo-label accuracy of their unlabeled batches. Pools of truly unlabeled images have
 * nothing to compare with: every count is zero. One aggregation; only the counts reach the driver.
 *
 * @param hiddenPerClass  pool rows with a hidden label of class 0, 1, ...
 * @param correctPerClass of those, the rows whose pseudo-label is that class
 * @param hiddenPerBin    pool rows with a hidden label, by the confidence bin of their pseudo-label
 * @param correctPerBin   of those, the rows whose pseudo-label is right
 */
public record HiddenLabelCheck(List<Long> hiddenPerClass, List<Long> correctPerClass, List<Long> hiddenPerBin,
                               List<Long> correctPerBin) {

    public HiddenLabelCheck {
        hiddenPerClass = List.copyOf(hiddenPerClass);
        correctPerClass = List.copyOf(correctPerClass);
        hiddenPerBin = List.copyOf(hiddenPerBin);
        correctPerBin = List.copyOf(correctPerBin);
    }

    /**
     * @param pseudoLabels rows of {@link PseudoLabelSchema}
     * @param truth        rows with an id column and a label column, null where no label is known (named by
     *                     {@code idColumn} and {@code labelColumn}): e.g. the split the pool was drawn from, before
     *                     its labels were withheld. Only the pseudo-labeled ids are looked up.
     * @param classes      the number of classes; hidden labels outside 0..classes-1 are an error
     */
    public static HiddenLabelCheck of(Dataset<Row> pseudoLabels, Dataset<Row> truth, String idColumn, String labelColumn,
                                      int classes) {
        Dataset<Row> known = truth.filter(col(labelColumn).isNotNull())
                .select(col(idColumn).as("truth_id"), col(labelColumn).as("truth"));
        List<Row> groups = pseudoLabels.join(known, col(PseudoLabelSchema.ID).equalTo(col("truth_id")))
                .groupBy(col("truth"), SelectedRows.confidenceBin().as("bin"))
                .agg(count(lit(1)), sum(when(col(PseudoLabelSchema.LABEL).equalTo(col("truth")), 1L).otherwise(0L)))
                .collectAsList();
        long[] hiddenPerClass = new long[classes], correctPerClass = new long[classes];
        long[] hiddenPerBin = new long[SelectionSummary.CONFIDENCE_BINS];
        long[] correctPerBin = new long[SelectionSummary.CONFIDENCE_BINS];
        for (Row group : groups) {
            int label = group.getInt(0);
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("a hidden label " + label + " is outside 0.." + (classes - 1));
            }
            int b = (int) group.getLong(1);
            hiddenPerClass[label] += group.getLong(2);
            correctPerClass[label] += group.getLong(3);
            hiddenPerBin[b] += group.getLong(2);
            correctPerBin[b] += group.getLong(3);
        }
        return new HiddenLabelCheck(boxed(hiddenPerClass), boxed(correctPerClass), boxed(hiddenPerBin),
                boxed(correctPerBin));
    }

    /** Pool rows with a hidden label; 0 for a pool of truly unlabeled images. */
    public long hidden() {
        return hiddenPerClass.stream().mapToLong(Long::longValue).sum();
    }

    /** The share of those whose pseudo-label is right; NaN without hidden labels. */
    public double accuracy() {
        long hidden = hidden();
        return hidden == 0 ? Double.NaN : correctPerClass.stream().mapToLong(Long::longValue).sum() / (double) hidden;
    }

    private static List<Long> boxed(long[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
