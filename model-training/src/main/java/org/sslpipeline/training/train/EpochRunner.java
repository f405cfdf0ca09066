package org.sslpipeline.training.train;

import org.deeplearning4j.nn.graph.ComputationGraph;

/** Runs the optimizer steps of one epoch, in one JVM or on Spark, and keeps the EMA up to date. */
public interface EpochRunner {

    /** Optimizer steps (iteration-count increments) one epoch takes; fixes the schedule's horizon. */
    long stepsPerEpoch();

    /** Trains {@code graph} in place for one epoch. */
    EpochStats runEpoch(ComputationGraph graph, int epoch, long totalIterations, EmaWeights ema);

    /** What an epoch did: optimizer steps, rows seen, mean loss. */
    record EpochStats(long steps, long rows, double meanLoss) {}
}
