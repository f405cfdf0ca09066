package org.sslpipeline.training.optim;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * FixMatch's learning-rate decay (Sohn et al. 2020, section 4): {@code lr(k) = lr0 * cos(7 pi k / (16 K))} for
 * step k of K, so the rate ends at about 0.2 lr0 instead of zero. Serialized with the network's configuration,
 * so Spark workers apply the same schedule.
 */
public final class CosineDecaySchedule implements ISchedule {
    private static final long serialVersionUID = 1L;

    private final double initialValue;
    private final long totalSteps;

    public CosineDecaySchedule(@JsonProperty("initialValue") double initialValue,
                               @JsonProperty("totalSteps") long totalSteps) {
        if (initialValue <= 0) throw new IllegalArgumentException("initial learning rate must be > 0, got " + initialValue);
        if (totalSteps <= 0) throw new IllegalArgumentException("total steps must be > 0, got " + totalSteps);
        this.initialValue = initialValue;
        this.totalSteps = totalSteps;
    }

    @JsonProperty("initialValue")
    public double getInitialValue() { return initialValue; }

    @JsonProperty("totalSteps")
    public long getTotalSteps() { return totalSteps; }

    @Override
    public double valueAt(int iteration, int epoch) {
        double k = Math.min(iteration, totalSteps);
        return initialValue * Math.cos(7.0 * Math.PI * k / (16.0 * totalSteps));
    }

    @Override
    public ISchedule clone() {
        return new CosineDecaySchedule(initialValue, totalSteps);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CosineDecaySchedule s && s.initialValue == initialValue && s.totalSteps == totalSteps;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(initialValue) * 31 + Long.hashCode(totalSteps);
    }
}
