package org.sslpipeline.training.spark;

import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.CollectionAccumulator;

import java.io.Serializable;

/**
 * The driver-owned state that is not a weight, as it travels with one averaging round: the driver's iteration and
 * epoch when the round starts (DL4J's broadcast configuration does not carry them: its clone() drops them, and
 * every worker would start each round at iteration 0); the algorithm's state goes out as bytes in a broadcast of
 * its own (null when the algorithm keeps none), the predictions the steps report come back through an accumulator.
 */
record AveragingRoundState(int iteration, int epoch, Broadcast<byte[]> algorithmState,
                           CollectionAccumulator<byte[]> predictions) implements Serializable {
}
