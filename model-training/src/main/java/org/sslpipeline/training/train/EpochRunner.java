package org.sslpipeline.training.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.sslpipeline.training.step.AlgorithmState;
import org.sslpipeline.training.step.TrainingStep;

import java.util.Map;

/**
 * Runs the optimizer steps of one epoch, in one JVM or on Spark, and keeps the driver-side state up to date: the
 * EMA, and the algorithm's {@link AlgorithmState}.
 */
public interface EpochRunner {

    /** The algorithm's step this runner trains with. */
    TrainingStep step();

    /** Optimizer steps (iteration-count increments) one epoch takes; fixes the schedule's horizon. */
    long stepsPerEpoch();

    /** Trains {@code graph} in place for one epoch. */
    EpochStats runEpoch(ComputationGraph graph, int epoch, long totalIterations, EmaWeights ema, AlgorithmState state);

    /** What an epoch did: optimizer steps, rows seen, mean loss, and the mean of each of the step's loss terms. */
    record EpochStats(long steps, long rows, double meanLoss, Map<String, Double> meanTerms) {}
}
