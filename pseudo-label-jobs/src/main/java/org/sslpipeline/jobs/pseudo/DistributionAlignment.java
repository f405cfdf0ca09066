package org.sslpipeline.jobs.pseudo;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.posexplode;

/**
 * Distribution alignment (Berthelot et al. 2020, ReMixMatch) of a pool's pseudo-labels: every row's probabilities
 * are multiplied, class by class, by (1 / classes) / (the pool's mean probability of that class) and renormalized;
 * the hard label and the confidence follow. A teacher whose argmax seldom lands on a class it confuses with others
 * hands that class back its share, so class balancing has real rows to draw from and the class does not fade
 * round after round. The target is uniform, the distribution class balancing aims at.
 *
 * <p>Two small jobs over the pool, a check that every row has one probability per class and the per-class means;
 * only counts and the means reach the driver.
 */
final class DistributionAlignment {
    /** Keeps a class no row gives any probability to at zero, instead of dividing by zero. */
    private static final double SMALLEST_MEAN = 1e-12;
    private static final String SCALED = "_scaled";
    private static final String TOTAL = "_total";

    private DistributionAlignment() {}

    /**
     * The mean of each class's probability over the rows.
     *
     * @throws IllegalArgumentException if a row's probabilities do not have one entry per class
     */
    static double[] meanPrediction(Dataset<Row> pseudoLabels, int classes) {
        long mismatched = pseudoLabels.filter(expr("size(" + PseudoLabelSchema.PROBS + ") <> " + classes)).count();
        if (mismatched > 0) {
            throw new IllegalArgumentException(mismatched + " pseudo-labels do not have " + classes
                    + " probabilities, one per class: they cannot be aligned to " + classes + " classes");
        }
        List<Row> means = pseudoLabels.select(posexplode(col(PseudoLabelSchema.PROBS)))
                .groupBy("pos").agg(avg("col")).collectAsList();
        double[] mean = new double[classes];
        for (Row row : means) mean[row.getInt(0)] = row.getDouble(1);
        return mean;
    }

    /**
     * The rows with aligned {@value PseudoLabelSchema#PROBS}, {@value PseudoLabelSchema#LABEL} (the first class of
     * highest probability) and {@value PseudoLabelSchema#CONFIDENCE}; every other column as it was.
     *
     * @param meanPrediction the pool's mean probability per class ({@link #meanPrediction})
     */
    static Dataset<Row> align(Dataset<Row> pseudoLabels, double[] meanPrediction) {
        String factors = Arrays.stream(meanPrediction)
                .map(mean -> 1.0 / meanPrediction.length / Math.max(mean, SMALLEST_MEAN))
                .mapToObj(factor -> String.format(Locale.ROOT, "%.17eD", factor)) // a double literal of Spark SQL
                .collect(Collectors.joining(", ", "array(", ")"));
        return pseudoLabels
                .withColumn(SCALED, expr("transform(" + PseudoLabelSchema.PROBS
                        + ", (p, i) -> p * element_at(" + factors + ", i + 1))"))
                .withColumn(TOTAL, expr("aggregate(" + SCALED + ", 0D, (sum, p) -> sum + p)"))
                .withColumn(PseudoLabelSchema.PROBS,
                        expr("transform(" + SCALED + ", p -> cast(p / " + TOTAL + " as float))"))
                .drop(SCALED, TOTAL)
                .withColumn(PseudoLabelSchema.LABEL,
                        expr("array_position(" + PseudoLabelSchema.PROBS + ", array_max(" + PseudoLabelSchema.PROBS
                                + ")) - 1").cast("int"))
                .withColumn(PseudoLabelSchema.CONFIDENCE, expr("array_max(" + PseudoLabelSchema.PROBS + ")"));
    }
}
