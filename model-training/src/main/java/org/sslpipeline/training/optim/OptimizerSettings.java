package org.sslpipeline.training.optim;

import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ISchedule;

import java.util.List;

/**
 * SGD settings. Weight decay is L2 added to the gradient before momentum, as in PyTorch's SGD that the
 * FixMatch reference code uses (DL4J's {@code l2}); it applies to weights, not biases or batch-norm.
 *
 * @param schedule "cosine" (FixMatch's cos(7 pi k / 16 K)) or "constant"
 */
public record OptimizerSettings(double learningRate, double momentum, boolean nesterov, double weightDecay,
                                String schedule) {
    public static final List<String> SCHEDULES = List.of("cosine", "constant");

    public OptimizerSettings {
        if (learningRate <= 0) throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        if (momentum < 0 || momentum >= 1) throw new IllegalArgumentException("momentum must be in [0,1), got " + momentum);
        if (weightDecay < 0) throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        if (!SCHEDULES.contains(schedule)) {
            throw new IllegalArgumentException("unknown learning-rate schedule '" + schedule + "'; known: " + SCHEDULES);
        }
        if (!nesterov && momentum > 0) {
            throw new IllegalArgumentException("DL4J offers momentum only as Nesterov momentum: set nesterov = true or momentum = 0");
        }
    }

    /** FixMatch's reference optimizer: lr 0.03, Nesterov momentum 0.9, weight decay 5e-4, cosine decay. */
    public static OptimizerSettings fixMatchDefaults() {
        return new OptimizerSettings(0.03, 0.9, true, 5e-4, "cosine");
    }

    /** The DL4J updater for a run of {@code totalSteps} optimizer steps. */
    public IUpdater updater(long totalSteps) {
        ISchedule lr = schedule.equals("cosine") ? new CosineDecaySchedule(learningRate, totalSteps) : null;
        if (momentum > 0) {
            return lr != null ? new Nesterovs(lr, momentum) : new Nesterovs(learningRate, momentum);
        }
        return lr != null ? new Sgd(lr) : new Sgd(learningRate);
    }
}
