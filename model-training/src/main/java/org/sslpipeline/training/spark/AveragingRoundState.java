package org.sslpipeline.training.spark;

import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.CollectionAccumulator;

import java.io.Serializable;

/**
 * The driver-owned state that is not a weight, as it travels with one averaging round: the driver's iteration and
 * epoch when the round starts (DL4J's broadcast configuration does not carry them: its clone() drops them, and
 * every worker would start each round at iteration 0); the EMA teacher's weights and the ensemble targets go out as
 * bytes in their own broadcasts, the workers' predictions for the ensemble come back through an accumulator. Each
 * of the last three is null when the step does not use it.
 */
record AveragingRoundState(int iteration, int epoch, Broadcast<byte[]> teacherParams, Broadcast<byte[]> ensembleTargets,
                  CollectionAccumulator<byte[]> predictions) implements Serializable {
}
