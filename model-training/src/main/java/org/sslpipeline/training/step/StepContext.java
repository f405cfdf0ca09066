package org.sslpipeline.training.step;

/**
 * Where training stands when a step runs: the global iteration (optimizer step) and epoch, and the
 * planned total number of iterations, from which ramp-ups and schedules are computed; for steps that keep an
 * {@link AlgorithmState}, the rows' targets from it (null for the others).
 */
public record StepContext(long iteration, int epoch, long totalIterations, RowTargets targets) {
    public StepContext {
        if (iteration < 0 || epoch < 0) throw new IllegalArgumentException("iteration and epoch must be >= 0");
        if (totalIterations <= 0) throw new IllegalArgumentException("total iterations must be > 0");
    }

    public StepContext(long iteration, int epoch, long totalIterations) {
        this(iteration, epoch, totalIterations, null);
    }

    /** Fraction of training done, in [0, 1]. */
    public double progress() {
        return Math.min(1.0, (double) iteration / totalIterations);
    }
}
