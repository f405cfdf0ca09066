package org.sslpipeline.training.step;

/**
 * What the optimizer steps of one averaging round read of their algorithm's {@link AlgorithmState}: the targets of
 * the rows they train on. Built in the JVM that runs the steps.
 */
@FunctionalInterface
public interface RoundTargets {
    /** For algorithms that keep no state. */
    RoundTargets NONE = rows -> null;

    /** The rows' targets, or null when the algorithm has none. */
    RowTargets forRows(TrainingBatch rows);
}
