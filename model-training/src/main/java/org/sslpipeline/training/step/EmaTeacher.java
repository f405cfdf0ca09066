package org.sslpipeline.training.step;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sslpipeline.training.nn.NetworkOutputs;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Mean Teacher's teacher: the network with the EMA of the trained weights, run in training mode (its own dropout
 * noise, as in the paper) on each row's second view; its softmax is the rows' target. It keeps nothing of its own:
 * the EMA is the trainer's, checkpointed with the weights.
 */
final class EmaTeacher implements AlgorithmState {

    @Override
    public RoundTargets inThisJvm(ComputationGraph graph, INDArray emaParams) {
        ComputationGraph teacher = graph.clone();
        return rows -> {
            teacher.params().assign(emaParams); // the EMA after the last step
            return targetsOf(teacher, rows);
        };
    }

    @Override
    public byte[] snapshot(INDArray emaParams) {
        try {
            return Nd4j.toByteArray(emaParams);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize the teacher's weights", e);
        }
    }

    /** The teacher of a round in a worker: the EMA weights at the round's start, from {@link #snapshot}. */
    static RoundTargets fromSnapshot(byte[] snapshot, ComputationGraphConfiguration network) {
        ComputationGraph teacher = new ComputationGraph(network.clone());
        teacher.init(Nd4j.fromByteArray(snapshot), false);
        return rows -> targetsOf(teacher, rows);
    }

    private static RowTargets targetsOf(ComputationGraph teacher, TrainingBatch rows) {
        INDArray logits = teacher.output(true, rows.secondView())[NetworkOutputs.LOGITS_INDEX];
        return new RowTargets(SoftmaxCrossEntropy.softmax(logits), null);
    }
}
