package org.sslpipeline.training.step;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sslpipeline.training.nn.NetworkHead;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * One algorithm's training step. The trainer runs a training-mode forward pass of the network on
 * {@link #trainingInput}, asks {@link #loss} for the loss and its gradient with respect to the outputs, and
 * lets DL4J backpropagate those errors and apply the updater (after a labeled-rows pass of its own, for steps that
 * ask for one with {@link #labeledRowsInOwnPass}). The same instance runs in the single-JVM
 * trainer and, serialized, inside Spark workers; it never knows which.
 */
public interface TrainingStep extends Serializable {

    /** Configuration name of the algorithm, e.g. "supervised". */
    String name();

    /** The second view rows must carry besides the weak one. */
    default SecondView secondView() {
        return SecondView.NONE;
    }

    /** Unlabeled rows per labeled row in a minibatch (mu); 0 for steps that train on labeled rows only. */
    default int unlabeledRatio() {
        return 0;
    }

    /** Whether minibatches mix unlabeled rows in (at {@link #unlabeledRatio}), or hold labeled rows only. */
    default boolean usesUnlabeledRows() {
        return unlabeledRatio() > 0;
    }

    /**
     * Whether the labeled rows get a forward/backward pass of their own (cross-entropy on their weak view, which the
     * trainer adds to the loss) and {@link #loss} sees only the unlabeled rows and returns their part of the loss
     * alone, in a second pass whose gradient is added and which leaves batch normalization's running statistics
     * alone: they then follow the labeled rows, not a batch of mostly unlabeled ones. USB runs Pi-model,
     * Pseudo-Label and Mean Teacher this way ({@link SeparateLabeledPassStep}); FixMatch stacks all rows in one pass.
     */
    default boolean labeledRowsInOwnPass() {
        return false;
    }

    /**
     * The state this algorithm keeps across optimizer steps besides the weights (a teacher, per-example targets),
     * which the trainer holds for the run and whose {@link RoundTargets} reach {@link #loss} as
     * {@link StepContext#targets()}; none by default.
     *
     * @param classes the network's number of classes
     */
    default AlgorithmState newState(int classes) {
        return AlgorithmState.NONE;
    }

    /** Rebuilds, in a worker, the targets of a round from its state's {@link AlgorithmState#snapshot}. */
    default RoundTargets roundTargets(byte[] snapshot, ComputationGraphConfiguration network) {
        return RoundTargets.NONE;
    }

    /** Heads beside the classifier the step trains; the network is built with them. None by default. */
    default List<NetworkHead> heads() {
        return List.of();
    }

    /**
     * {@link #loss(TrainingBatch, INDArray, INDArray, StepContext)} for steps with {@link #heads()}, which get their
     * outputs by vertex name and return their errors in {@link StepLoss#headErrors()}.
     */
    default StepLoss loss(TrainingBatch batch, INDArray logits, INDArray features, Map<String, INDArray> heads,
                          StepContext context) {
        return loss(batch, logits, features, context);
    }

    /** The input of the training forward pass, e.g. the weak view, or weak and strong views stacked. */
    INDArray trainingInput(TrainingBatch batch);

    /**
     * The loss of a step without {@link #heads()}; a step with heads implements the variant that gets their
     * outputs instead.
     *
     * @param batch   the rows
     * @param logits  logits of the training pass on {@link #trainingInput}
     * @param features features of the same pass
     */
    default StepLoss loss(TrainingBatch batch, INDArray logits, INDArray features, StepContext context) {
        throw new IllegalStateException(name() + " needs the outputs of its heads " + heads());
    }
}
