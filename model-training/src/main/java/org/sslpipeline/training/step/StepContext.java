package org.sslpipeline.training.step;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Where training stands when a step runs: the global iteration (optimizer step) and epoch, and the
 * planned total number of iterations, from which ramp-ups and schedules are computed; for steps that use a
 * teacher, the teacher's logits on {@link TrainingStep#teacherInput} (constants: no gradient reaches the teacher);
 * for steps that use ensemble targets, the rows' targets.
 */
public record StepContext(long iteration, int epoch, long totalIterations, INDArray teacherLogits,
                          EnsembleTargets.Lookup ensemble) {
    public StepContext {
        if (iteration < 0 || epoch < 0) throw new IllegalArgumentException("iteration and epoch must be >= 0");
        if (totalIterations <= 0) throw new IllegalArgumentException("total iterations must be > 0");
    }

    public StepContext(long iteration, int epoch, long totalIterations) {
        this(iteration, epoch, totalIterations, null, null);
    }

    public StepContext(long iteration, int epoch, long totalIterations, INDArray teacherLogits) {
        this(iteration, epoch, totalIterations, teacherLogits, null);
    }

    /** Fraction of training done, in [0, 1]. */
    public double progress() {
        return Math.min(1.0, (double) iteration / totalIterations);
    }
}
