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
 */
public record SelectionSettings(double threshold, int perClass, boolean alignDistribution) {
    /** The confidence threshold of the design: low, as the paper's, so that balancing has rows to draw from. */
    public static final double DEFAULT_THRESHOLD = 0.3;

    public SelectionSettings {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("the confidence threshold must be in [0, 1], got " + threshold);
        }
        if (perClass < 0) {
            throw new IllegalArgumentException("rows per class must be 0 (no balancing) or more, got " + perClass);
        }
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
