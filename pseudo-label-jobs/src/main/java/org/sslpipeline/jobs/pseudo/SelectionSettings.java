package org.sslpipeline.jobs.pseudo;

/**
 * How Noisy Student (Xie et al. 2020) selects pseudo-labels for the next student.
 *
 * @param threshold keep only rows whose confidence is at least this, in [0, 1]. Confidences are stored as
 *                  float, so the comparison is made in float: a confidence written as {@code (float) t} is
 *                  kept by threshold {@code t}
 * @param perClass  per hard label, keep at most this many rows (the most confident) and fill a class with
 *                  fewer rows up to exactly this many by duplicating them; 0 keeps every row above the
 *                  threshold, unbalanced
 * @param alignDistribution first align the pool's probabilities to a uniform class distribution
 *                  ({@link DistributionAlignment}); threshold and balancing then apply to the aligned labels
 * @param maxOutlierScore drop, before the threshold, rows whose {@link PseudoLabelSchema#OUTLIER_SCORE} exceeds
 *                  this, in (0, 1]; rows without a score (teachers without one-vs-all heads) are never dropped
 */
public record SelectionSettings(double threshold, int perClass, boolean alignDistribution, double maxOutlierScore) {
    /** The confidence threshold of the design: low, as the paper's, so that balancing has rows to draw from. */
    public static final double DEFAULT_THRESHOLD = 0.3;
    /** OpenMatch's rule: a row is an outlier when the outlier probability of its predicted class exceeds 1/2. */
    public static final double DEFAULT_MAX_OUTLIER_SCORE = 0.5;

    public SelectionSettings {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("the confidence threshold must be in [0, 1], got " + threshold);
        }
        if (perClass < 0) {
            throw new IllegalArgumentException("rows per class must be 0 (no balancing) or more, got " + perClass);
        }
        if (!(maxOutlierScore > 0 && maxOutlierScore <= 1)) {
            throw new IllegalArgumentException("the largest outlier score kept must be in (0, 1], got " + maxOutlierScore);
        }
    }

    /** Outliers (by OpenMatch's rule) dropped when the pseudo-labels have scores. */
    public SelectionSettings(double threshold, int perClass, boolean alignDistribution) {
        this(threshold, perClass, alignDistribution, DEFAULT_MAX_OUTLIER_SCORE);
    }

    /** Noisy Student's selection: the teacher's labels as they are. */
    public SelectionSettings(double threshold, int perClass) {
        this(threshold, perClass, false);
    }

    /** Balances to {@code perClass} rows per class above {@link #DEFAULT_THRESHOLD}. */
    public static SelectionSettings withDefaultThreshold(int perClass) {
        return new SelectionSettings(DEFAULT_THRESHOLD, perClass);
    }

    public boolean balanced() {
        return perClass > 0;
    }
}
