package org.sslpipeline.training.step;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * What an algorithm keeps across optimizer steps besides the trained weights: Mean Teacher's teacher (the EMA of
 * the weights), Temporal Ensembling's per-example targets. A step makes one per run ({@link TrainingStep#newState});
 * the trainer holds it where the weights are averaged (the driver) and calls it without knowing the algorithm:
 * <ol>
 *   <li>before the steps of an averaging round it gives them {@link RoundTargets}: live when they run in this JVM
 *   ({@link #inThisJvm}), else as a {@link #snapshot} the step rebuilds in the worker
 *   ({@link TrainingStep#roundTargets});</li>
 *   <li>after the round it folds in the predictions the steps reported ({@link StepLoss#predictions()});</li>
 *   <li>checkpoints keep its {@link #checkpoint} bytes, a resumed run {@link #restore}s them.</li>
 * </ol>
 * In one JVM every optimizer step is an averaging round of one worker.
 */
public interface AlgorithmState {
    /** For algorithms that keep nothing but their weights. */
    AlgorithmState NONE = new AlgorithmState() {
        @Override
        public RoundTargets inThisJvm(ComputationGraph graph, INDArray emaParams) {
            return RoundTargets.NONE;
        }

        @Override
        public byte[] snapshot(INDArray emaParams) {
            return new byte[0];
        }
    };

    /**
     * Targets for steps run in this JVM on {@code graph}, valid for one epoch.
     *
     * @param emaParams the EMA of the weights, which the trainer updates in place after every step
     */
    RoundTargets inThisJvm(ComputationGraph graph, INDArray emaParams);

    /** The next round's targets as bytes for workers in other JVMs (never a live array); empty when they need none. */
    byte[] snapshot(INDArray emaParams);

    /** Folds in the predictions the steps of a round reported; by default they are not needed. */
    default void fold(List<KeyedRows> predictions) {}

    /** What a checkpoint keeps beside the weights and their EMA; by default nothing (empty). */
    default byte[] checkpoint() {
        return new byte[0];
    }

    /** Continues from a checkpoint's bytes (empty when it kept none); by default there is nothing to restore. */
    default void restore(byte[] checkpoint) {}
}
