package org.sslpipeline.training.spark;

/**
 * Parameter-averaging settings.
 *
 * @param workers             parallel workers (0 = Spark's default parallelism)
 * @param averagingFrequency  minibatches each worker fits between two averagings
 * @param averageUpdaterState average the updater (momentum) state too, not just the weights
 * @param prefetchBatches     minibatches each worker prepares ahead (0 = none)
 */
public record SparkTrainSettings(int workers, int averagingFrequency, boolean averageUpdaterState, int prefetchBatches) {
    public SparkTrainSettings {
        if (workers < 0) throw new IllegalArgumentException("workers must be >= 0, got " + workers);
        if (averagingFrequency <= 0) throw new IllegalArgumentException("averaging frequency must be > 0, got " + averagingFrequency);
        if (prefetchBatches < 0) throw new IllegalArgumentException("prefetch batches must be >= 0, got " + prefetchBatches);
    }
}
