package org.sslpipeline.training.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An exponential moving average of all parameters (batch-norm statistics included), used for evaluation as in
 * FixMatch. The decay warms up as min(decay, (1+t)/(10+t)) over t averaged steps (as TensorFlow's
 * ExponentialMovingAverage with num_updates), so short runs are not dominated by the random initialisation.
 */
public final class EmaWeights {
    private final double decay;
    private final INDArray average;
    private long updates;

    public EmaWeights(double decay, INDArray initialParams, long updates) {
        if (decay < 0 || decay >= 1) throw new IllegalArgumentException("EMA decay must be in [0,1), got " + decay);
        this.decay = decay;
        this.average = initialParams.dup();
        this.updates = updates;
    }

    /** Folds in the parameters after {@code steps} optimizer steps taken since the last update. */
    public void update(INDArray params, int steps) {
        double keep = 1.0;
        for (int i = 0; i < steps; i++) {
            updates++;
            keep *= Math.min(decay, (1.0 + updates) / (10.0 + updates));
        }
        average.muli(keep).addi(params.mul(1.0 - keep));
    }

    public INDArray average() { return average; }

    public long updates() { return updates; }

    /** A copy of the graph carrying the averaged parameters. */
    public ComputationGraph applyTo(ComputationGraph graph) {
        ComputationGraph copy = graph.clone();
        copy.setParams(average);
        return copy;
    }
}
