package org.sslpipeline.training.spark;

import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.CollectionAccumulator;

import java.io.Serializable;

/**
 * The driver-owned state that is not a weight, as it travels with one averaging round: the EMA teacher's weights
 * and the ensemble targets go out as bytes in their own broadcasts, the workers' predictions for the ensemble come
 * back through an accumulator. Each is null when the step does not use it.
 */
record RoundState(Broadcast<byte[]> teacherParams, Broadcast<byte[]> ensembleTargets,
                  CollectionAccumulator<byte[]> predictions) implements Serializable {
}
