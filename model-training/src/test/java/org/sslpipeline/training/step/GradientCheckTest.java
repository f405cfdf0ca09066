package org.sslpipeline.training.step;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.sslpipeline.training.DoublePrecision;
import org.sslpipeline.training.SyntheticImages;
import org.sslpipeline.training.augment.Augmentations;
import org.sslpipeline.training.data.LabeledImage;
import org.sslpipeline.training.nn.NetworkArchitecture;
import org.sslpipeline.training.nn.NetworkOutputs;
import org.sslpipeline.training.nn.NetworkSpec;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The supervised step's output errors and the parameter gradients they induce, against finite differences. */
@ExtendWith(DoublePrecision.class)
class GradientCheckTest {
    private static final double H = 1e-6;

    @Test
    void crossEntropyErrorMatchesFiniteDifferencesIncludingMaskedAndSoftTargets() {
        Nd4j.getRandom().setSeed(3);
        INDArray logits = Nd4j.randn(DataType.DOUBLE, 5, 4).muli(2);
        INDArray targets = Nd4j.zeros(DataType.DOUBLE, 5, 4);
        targets.putScalar(0, 1, 1.0);
        targets.putScalar(1, 3, 1.0);
        targets.putRow(2, Nd4j.createFromArray(0.1, 0.2, 0.3, 0.4));   // soft target
        targets.putScalar(3, 0, 1.0);                                    // masked out below
        INDArray weights = Nd4j.createFromArray(1.0, 1.0, 0.5, 0.0, 1.0).reshape(5, 1);
        double normalizer = 3.5;

        INDArray analytic = SoftmaxCrossEntropy.of(logits, targets, weights, normalizer).gradient();
        for (int i = 0; i < 5; i++) {
            for (int k = 0; k < 4; k++) {
                double numeric = centralDifference(logits, i, k,
                        () -> SoftmaxCrossEntropy.of(logits, targets, weights, normalizer).value());
                assertEquals(numeric, analytic.getDouble(i, k), 1e-7, "dL/dz[" + i + "," + k + "]");
            }
        }
        for (int k = 0; k < 4; k++) {
            assertEquals(0.0, analytic.getDouble(3, k), 0.0, "a masked row gets no gradient");
        }
    }

    @Test
    void supervisedStepParameterGradientsMatchFiniteDifferences() {
        ComputationGraph graph = NetworkArchitecture.SMALL_CNN.build(
                new NetworkSpec(8, 8, 1, 3, 1, 0.0, 11), new Sgd(0.1), 0.0);
        graph = graph.convertDataType(DataType.DOUBLE);
        List<LabeledImage> images = SyntheticImages.bars(6, 3, 8, 1, 5);
        List<LabeledImage> withUnlabeled = new java.util.ArrayList<>(images);
        withUnlabeled.set(5, new LabeledImage("unlabeled", LabeledImage.UNLABELED, images.get(5).pixels()));
        TrainingRows rows = new TrainingRows(3, Augmentations.NONE, null, 1);
        TrainingBatch batch = new TrainingBatch(rows.batch(withUnlabeled, 0));
        castToDouble(batch);
        SupervisedStep step = new SupervisedStep();
        StepContext context = new StepContext(0, 0, 10);

        ComputationGraph g = graph;
        Map<String, INDArray> acts = g.feedForward(new INDArray[]{step.trainingInput(batch)}, true, false);
        StepLoss loss = step.loss(batch, acts.get(NetworkOutputs.LOGITS), acts.get(NetworkOutputs.FEATURES), context);
        Gradient gradient = g.backpropGradient(loss.logitsError(), Nd4j.zerosLike(acts.get(NetworkOutputs.FEATURES)));
        INDArray analytic = gradient.gradient().dup();

        Random pick = new Random(7);
        int checked = 0;
        for (Map.Entry<String, INDArray> variable : gradient.gradientForVariable().entrySet()) {
            String name = variable.getKey();
            if (name.endsWith("_mean") || name.endsWith("_var") || name.endsWith("_log10stdev")) {
                continue; // batch-norm running statistics: updated by backprop, not gradients
            }
            INDArray params = g.getParam(name);
            INDArray grads = variable.getValue();
            for (int n = 0; n < 4; n++) {
                long index = pick.nextInt((int) params.length());
                double original = params.getDouble(index);
                params.putScalar(index, original + H);
                double plus = lossOf(g, step, batch, context);
                params.putScalar(index, original - H);
                double minus = lossOf(g, step, batch, context);
                params.putScalar(index, original);
                double numeric = (plus - minus) / (2 * H);
                double exact = grads.getDouble(index);
                double scale = Math.max(1e-4, Math.abs(numeric) + Math.abs(exact));
                assertTrue(Math.abs(numeric - exact) / scale < 1e-3 || Math.abs(numeric - exact) < 1e-8,
                        name + "[" + index + "]: numeric " + numeric + " vs backprop " + exact);
                checked++;
            }
        }
        assertTrue(checked >= 20, "checked " + checked + " parameters");
        assertTrue(analytic.norm2Number().doubleValue() > 0, "the gradient is not zero");
    }

    private static double lossOf(ComputationGraph graph, TrainingStep step, TrainingBatch batch, StepContext context) {
        Map<String, INDArray> acts = graph.feedForward(new INDArray[]{step.trainingInput(batch)}, true, true);
        return step.loss(batch, acts.get(NetworkOutputs.LOGITS), acts.get(NetworkOutputs.FEATURES), context).value();
    }

    private static void castToDouble(TrainingBatch batch) {
        var rows = batch.rows();
        rows.setFeatures(0, rows.getFeatures(0).castTo(DataType.DOUBLE));
        rows.setLabels(0, rows.getLabels(0).castTo(DataType.DOUBLE));
    }

    private interface Loss { double value(); }

    private static double centralDifference(INDArray x, int i, int k, Loss loss) {
        double original = x.getDouble(i, k);
        x.putScalar(i, k, original + H);
        double plus = loss.value();
        x.putScalar(i, k, original - H);
        double minus = loss.value();
        x.putScalar(i, k, original);
        return (plus - minus) / (2 * H);
    }
}
