package org.sslpipeline.training.spark;

import org.sslpipeline.training.settings.SettingsCheck;

/**
 * Parameter averaging on Spark ({@code ssl.train.spark}); used when {@code ssl.train.trainer = spark}.
 *
 * @param workers             parallel workers; 0 uses Spark's default parallelism
 * @param averagingFrequency  minibatches each worker fits between two averagings of the parameters
 * @param averageUpdaterState whether the updater state (momentum) is averaged too, not just the weights
 * @param prefetchBatches     minibatches each worker prepares ahead; 0 turns prefetching off
 */
public record SparkTrainSettings(int workers, int averagingFrequency, boolean averageUpdaterState, int prefetchBatches) {
    public SparkTrainSettings {
        SettingsCheck.section("ssl.train.spark")
                .atLeast("workers", workers, 0)
                .positive("averaging-frequency", averagingFrequency)
                .atLeast("prefetch-batches", prefetchBatches, 0)
                .done();
    }
}
