package org.sslpipeline.training.train;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sslpipeline.training.nn.NetworkHead;
import org.sslpipeline.training.nn.NetworkOutputs;
import org.sslpipeline.training.step.RoundTargets;
import org.sslpipeline.training.step.RowTargets;
import org.sslpipeline.training.step.StepContext;
import org.sslpipeline.training.step.StepLoss;
import org.sslpipeline.training.step.SupervisedStep;
import org.sslpipeline.training.step.TrainingBatch;
import org.sslpipeline.training.step.TrainingStep;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one optimizer step of an algorithm on a graph through DL4J's external-error backprop: forward in
 * training mode, the algorithm's loss and output errors, backprop, the configured updater (with its schedule
 * and L2), parameter update, iteration count + 1. Used identically by the single-JVM trainer and the Spark worker.
 * Steps that ask for it ({@link TrainingStep#labeledRowsInOwnPass()}) get two forward/backward passes whose
 * gradients are added before the one update.
 */
public final class OptimizerStep {
    private static final TrainingStep LABELED_PASS = new SupervisedStep();
    private static final List<String> RUNNING_STATISTICS = List.of(BatchNormalizationParamInitializer.GLOBAL_MEAN,
            BatchNormalizationParamInitializer.GLOBAL_VAR, BatchNormalizationParamInitializer.GLOBAL_LOG_STD);

    private OptimizerStep() {}

    public static StepLoss run(ComputationGraph graph, TrainingStep step, TrainingBatch batch, long totalIterations) {
        return run(graph, RoundTargets.NONE, step, batch, totalIterations);
    }

    /** @param targets what the step's {@link org.sslpipeline.training.step.AlgorithmState} gives this round's rows */
    public static StepLoss run(ComputationGraph graph, RoundTargets targets, TrainingStep step, TrainingBatch batch,
                               long totalIterations) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        int iteration = conf.getIterationCount();
        int epoch = conf.getEpochCount();
        StepContext at = new StepContext(iteration, epoch, totalIterations);

        TrainingBatch labeledRows = step.labeledRowsInOwnPass() ? batch.rowsWhereLabeled(true) : null;
        TrainingBatch stepRows = step.labeledRowsInOwnPass() ? batch.rowsWhereLabeled(false) : batch;
        Pass labeledPass = labeledRows == null ? null : Pass.run(graph, RoundTargets.NONE, LABELED_PASS, labeledRows, at);
        StepLoss loss;
        Gradient gradient;
        if (stepRows == null) { // only labeled rows, e.g. at the end of a short partition
            loss = labeledPass.loss();
            gradient = labeledPass.gradient();
        } else {
            INDArray labeledGradient = labeledPass == null ? null : labeledPass.gradient().gradient().dup();
            Pass stepPass = Pass.run(graph, targets, step, stepRows, at);
            gradient = stepPass.gradient();
            loss = stepPass.loss();
            if (labeledPass != null) {
                keepRunningStatistics(graph, gradient);
                gradient.gradient().addi(labeledGradient);
            }
            if (step.labeledRowsInOwnPass()) loss = withSupervisedTerm(loss, labeledPass);
        }

        // The errors are already the gradient of the exact (normalised) objective; batch size 1 keeps DL4J
        // from dividing it by the minibatch size a second time.
        graph.getUpdater().update(gradient, iteration, epoch, 1, LayerWorkspaceMgr.noWorkspaces());
        graph.params().subi(gradient.gradient());
        conf.setIterationCount(iteration + 1);
        graph.setScore(loss.value());
        graph.clearLayersStates();
        return loss;
    }

    /** One training-mode forward pass of a step over some rows, its loss, and the backpropagated gradient. */
    private record Pass(StepLoss loss, Gradient gradient) {
        static Pass run(ComputationGraph graph, RoundTargets targets, TrainingStep step, TrainingBatch rows,
                        StepContext at) {
            // before the training pass: a teacher's forward pass draws its own dropout masks first
            RowTargets rowTargets = targets.forRows(rows);

            Map<String, INDArray> activations = graph.feedForward(new INDArray[]{step.trainingInput(rows)}, true, false);
            INDArray logits = activations.get(NetworkOutputs.LOGITS);
            INDArray features = activations.get(NetworkOutputs.FEATURES);
            Map<String, INDArray> heads = new HashMap<>();
            for (NetworkHead head : step.heads()) heads.put(head.vertex(), activations.get(head.vertex()));
            StepContext context = new StepContext(at.iteration(), at.epoch(), at.totalIterations(), rowTargets);
            StepLoss loss = step.heads().isEmpty() ? step.loss(rows, logits, features, context)
                    : step.loss(rows, logits, features, heads, context);
            if (!Double.isFinite(loss.value())) {
                throw new ArithmeticException(step.name() + " loss is " + loss.value() + " at iteration " + at.iteration());
            }
            List<String> outputs = graph.getConfiguration().getNetworkOutputs();
            INDArray[] errors = new INDArray[outputs.size()];
            errors[NetworkOutputs.LOGITS_INDEX] = loss.logitsError() != null ? loss.logitsError() : Nd4j.zerosLike(logits);
            errors[NetworkOutputs.FEATURES_INDEX] = loss.featuresError() != null ? loss.featuresError() : Nd4j.zerosLike(features);
            for (int output = NetworkOutputs.FEATURES_INDEX + 1; output < errors.length; output++) {
                INDArray error = loss.headErrors().get(outputs.get(output));
                errors[output] = error != null ? error : Nd4j.zerosLike(activations.get(outputs.get(output)));
            }
            return new Pass(loss, graph.backpropGradient(errors));
        }
    }

    /**
     * DL4J carries batch normalization's running-statistics update in the gradient (applied by a no-op updater);
     * zeroing it leaves the running statistics as the labeled pass moves them, as USB's BN freeze does.
     */
    private static void keepRunningStatistics(ComputationGraph graph, Gradient gradient) {
        for (Layer layer : graph.getLayers()) {
            if (!(layer instanceof BatchNormalization)) continue;
            for (String statistic : RUNNING_STATISTICS) {
                INDArray update = gradient.getGradientFor(layer.getConfig().getLayerName() + "_" + statistic);
                if (update != null) update.assign(0);
            }
        }
    }

    /**
     * The step's loss on the unlabeled rows plus the labeled pass's cross-entropy, which it also reports as the
     * supervised term (0 for a batch without labeled rows).
     */
    private static StepLoss withSupervisedTerm(StepLoss unlabeled, Pass labeledPass) {
        double supervised = labeledPass == null ? 0.0 : labeledPass.loss().terms().get("supervised");
        Map<String, Double> terms = new HashMap<>(unlabeled.terms());
        terms.put("supervised", supervised);
        return new StepLoss(unlabeled.value() + supervised, null, null, terms, unlabeled.predictions(),
                unlabeled.headErrors());
    }
}
