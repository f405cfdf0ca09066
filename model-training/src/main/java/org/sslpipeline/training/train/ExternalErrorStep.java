package org.sslpipeline.training.train;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sslpipeline.training.nn.NetworkOutputs;
import org.sslpipeline.training.step.EnsembleTargets;
import org.sslpipeline.training.step.StepContext;
import org.sslpipeline.training.step.StepLoss;
import org.sslpipeline.training.step.TrainingBatch;
import org.sslpipeline.training.step.TrainingStep;

import java.util.Map;

/**
 * Runs one optimizer step of an algorithm on a graph through DL4J's external-error backprop: forward in
 * training mode, the algorithm's loss and output errors, backprop, the configured updater (with its schedule
 * and L2), parameter update, iteration count + 1. Used identically by the single-JVM trainer and the Spark worker.
 */
public final class ExternalErrorStep {
    private ExternalErrorStep() {}

    public static StepLoss run(ComputationGraph graph, TrainingStep step, TrainingBatch batch, long totalIterations) {
        return run(graph, null, null, step, batch, totalIterations);
    }

    /**
     * @param teacher the teacher network for steps that {@link TrainingStep#usesTeacher()}, else null
     * @param targets the ensemble targets for steps that {@link TrainingStep#usesEnsembleTargets()}, else null
     */
    public static StepLoss run(ComputationGraph graph, ComputationGraph teacher, EnsembleTargets targets,
                               TrainingStep step, TrainingBatch batch, long totalIterations) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        int iteration = conf.getIterationCount();
        int epoch = conf.getEpochCount();
        INDArray teacherLogits = null;
        if (step.usesTeacher()) {
            if (teacher == null) throw new IllegalStateException(step.name() + " needs a teacher network");
            // training mode: the teacher sees its own dropout noise, as in Mean Teacher
            teacherLogits = teacher.output(true, step.teacherInput(batch))[NetworkOutputs.LOGITS_INDEX];
        }

        EnsembleTargets.Lookup ensemble = null;
        if (step.usesEnsembleTargets()) {
            if (targets == null) throw new IllegalStateException(step.name() + " needs ensemble targets");
            ensemble = targets.lookup(EnsembleTargets.keysOf(batch));
        }

        INDArray input = step.trainingInput(batch);
        Map<String, INDArray> activations = graph.feedForward(new INDArray[]{input}, true, false);
        INDArray logits = activations.get(NetworkOutputs.LOGITS);
        INDArray features = activations.get(NetworkOutputs.FEATURES);
        StepLoss loss = step.loss(batch, logits, features, new StepContext(iteration, epoch, totalIterations, teacherLogits, ensemble));
        if (!Double.isFinite(loss.value())) {
            throw new ArithmeticException(step.name() + " loss is " + loss.value() + " at iteration " + iteration);
        }

        INDArray[] errors = new INDArray[2];
        errors[NetworkOutputs.LOGITS_INDEX] = loss.logitsError() != null ? loss.logitsError() : Nd4j.zerosLike(logits);
        errors[NetworkOutputs.FEATURES_INDEX] = loss.featuresError() != null ? loss.featuresError() : Nd4j.zerosLike(features);
        Gradient gradient = graph.backpropGradient(errors);
        // The errors are already the gradient of the exact (normalised) objective; batch size 1 keeps DL4J
        // from dividing it by the minibatch size a second time.
        graph.getUpdater().update(gradient, iteration, epoch, 1, LayerWorkspaceMgr.noWorkspaces());
        graph.params().subi(gradient.gradient());
        conf.setIterationCount(iteration + 1);
        graph.setScore(loss.value());
        graph.clearLayersStates();
        return loss;
    }
}
