package org.sslpipeline.training.train;

import org.sslpipeline.training.optim.OptimizerSettings;

import java.util.Objects;

/**
 * How to train, whatever the algorithm and wherever it runs.
 *
 * @param epochs                passes over the training rows
 * @param batchSize             rows per optimizer step (per worker on Spark)
 * @param optimizer             SGD settings
 * @param emaDecay              decay of the evaluation EMA of the weights
 * @param augment               weak-view augmentation name ("none" or "weak")
 * @param seed                  seed of data order, augmentations and dropout
 * @param checkpointEveryEpochs write a checkpoint after every this many epochs (and after the last)
 */
public record TrainingSettings(int epochs, int batchSize, OptimizerSettings optimizer, double emaDecay,
                               String augment, long seed, int checkpointEveryEpochs) {
    public TrainingSettings {
        if (epochs <= 0) throw new IllegalArgumentException("epochs must be > 0, got " + epochs);
        if (batchSize <= 0) throw new IllegalArgumentException("batch size must be > 0, got " + batchSize);
        Objects.requireNonNull(optimizer, "optimizer");
        if (emaDecay < 0 || emaDecay >= 1) throw new IllegalArgumentException("EMA decay must be in [0,1), got " + emaDecay);
        Objects.requireNonNull(augment, "augment");
        if (checkpointEveryEpochs <= 0) {
            throw new IllegalArgumentException("checkpoint interval must be > 0 epochs, got " + checkpointEveryEpochs);
        }
    }
}
