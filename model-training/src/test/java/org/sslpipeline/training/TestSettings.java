package org.sslpipeline.training;

import org.sslpipeline.training.optim.OptimizerSettings;
import org.sslpipeline.training.train.TrainSettings;

/** Settings the tests train with. */
public final class TestSettings {
    private TestSettings() {}

    /**
     * FixMatch's optimizer ({@link OptimizerSettings#fixMatchDefaults()}), EMA decay 0.99, a checkpoint after every
     * epoch; the algorithm and trainer named here are not read by the trainer, which gets its step and runner.
     */
    public static TrainSettings train(int epochs, int batchSize, String augment, long seed) {
        OptimizerSettings sgd = OptimizerSettings.fixMatchDefaults();
        return new TrainSettings("supervised", "local", epochs, 0, batchSize, sgd.learningRate(), sgd.momentum(),
                sgd.nesterov(), sgd.weightDecay(), sgd.schedule(), 0.99, augment, seed, 1, 1);
    }
}
