package org.sslpipeline.training.nn;

import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.sslpipeline.training.DoublePrecision;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stochastic depth in a Wide ResNet 10-1 on 8x8 RGB inputs (three residual blocks), in double precision. */
@ExtendWith(DoublePrecision.class)
class StochasticDepthTest {
    private static final int CLASSES = 3;
    private static final List<String> BLOCKS = List.of("g1b1", "g2b1", "g3b1");
    private static final double H = 1e-6;

    @Test
    void blockDropProbabilitiesDecayLinearlyAndZeroAddsNoLayers() {
        ComputationGraph graph = tinyWrn(0.3);
        double[] survivals = BLOCKS.stream().mapToDouble(b -> dropPathOf(graph, b).survival()).toArray();
        assertArrayEquals(new double[]{0.9, 0.8, 0.7}, survivals, 1e-12);

        ComputationGraph plain = tinyWrn(0.0);
        assertTrue(Arrays.stream(plain.getVertices()).noneMatch(v -> v.getVertexName().contains(WideResNet.DROP_PATH)));
        assertEquals(plain.numParams(), graph.numParams());
    }

    @Test
    void specValidatesStochasticDepthAndTheOldConstructorMeansNone() {
        assertEquals(0.0, new NetworkSpec(8, 8, 3, CLASSES, 1, 0.0, 1).stochasticDepth());
        for (double bad : new double[]{-0.1, 1.0, Double.NaN}) {
            assertThrows(IllegalArgumentException.class, () -> new NetworkSpec(8, 8, 3, CLASSES, 1, 0.0, bad, 1));
        }
    }

    @Test
    void theSmallCnnIgnoresStochasticDepth() {
        var sgd = new Sgd(0.1);
        ComputationGraph with = NetworkArchitecture.SMALL_CNN.build(new NetworkSpec(8, 8, 3, CLASSES, 1, 0.0, 0.2, 1), sgd, 0.0);
        ComputationGraph without = NetworkArchitecture.SMALL_CNN.build(new NetworkSpec(8, 8, 3, CLASSES, 1, 0.0, 1), sgd, 0.0);
        assertEquals(without.getConfiguration(), with.getConfiguration());
    }

    @Test
    void inferenceWithStochasticDepthEqualsTheSameWeightsWithout() {
        ComputationGraph plain = tinyWrn(0.0);
        ComputationGraph noisy = tinyWrn(0.5);
        for (Map.Entry<String, INDArray> p : plain.paramTable().entrySet()) {
            noisy.getParam(p.getKey()).assign(p.getValue());
        }
        INDArray x = images(6, 1);
        INDArray[] expected = plain.output(false, x);
        INDArray[] actual = noisy.output(false, x);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i].data().asDouble(), actual[i].data().asDouble(), 0.0, "output " + i);
        }

        Nd4j.getRandom().setSeed(2);
        INDArray plainTrain = plain.output(true, x)[NetworkOutputs.LOGITS_INDEX];
        Nd4j.getRandom().setSeed(2);
        INDArray noisyTrain = noisy.output(true, x)[NetworkOutputs.LOGITS_INDEX];
        assertTrue(plainTrain.distance2(noisyTrain) > 1e-6, "the drop path acts in training");
    }

    @Test
    void trainingDropsWholeExamplesReproduciblyFromTheSeed() {
        ComputationGraph graph = tinyWrn(0.5);
        int n = 32;
        INDArray x = images(n, 3);
        Nd4j.getRandom().setSeed(11);
        Map<String, INDArray> acts = graph.feedForward(new INDArray[]{x}, true, false);
        for (String block : BLOCKS) {
            int dropped = droppedExamples(acts.get(block + WideResNet.DROP_PATH), block);
            assertTrue(dropped > 0 && dropped < n, block + ": " + dropped + " of " + n + " dropped");
        }
        INDArray logits = acts.get(NetworkOutputs.LOGITS).dup();

        Nd4j.getRandom().setSeed(11);
        assertEquals(logits, graph.feedForward(new INDArray[]{x}, true, false).get(NetworkOutputs.LOGITS));
        Nd4j.getRandom().setSeed(12);
        assertFalse(logits.equals(graph.feedForward(new INDArray[]{x}, true, false).get(NetworkOutputs.LOGITS)));
    }

    @Test
    void parameterGradientsThroughDroppedAndKeptBranchesMatchFiniteDifferences() {
        ComputationGraph graph = tinyWrn(0.5).convertDataType(DataType.DOUBLE);
        int n = 8;
        INDArray x = images(n, 5);
        // loss = sum(logits * w): its error at the logits is w
        INDArray w = Nd4j.randn(DataType.DOUBLE, n, CLASSES);
        long seed = 21;

        Map<String, INDArray> acts = forward(graph, x, seed);
        int dropped = 0;
        for (String block : BLOCKS) {
            dropped += droppedExamples(acts.get(block + WideResNet.DROP_PATH), block);
        }
        assertTrue(dropped > 0 && dropped < BLOCKS.size() * n, "masks mix kept and dropped: " + dropped);
        Gradient gradient = graph.backpropGradient(w, Nd4j.zerosLike(acts.get(NetworkOutputs.FEATURES)));

        Random pick = new Random(7);
        int checked = 0;
        for (Map.Entry<String, INDArray> variable : gradient.gradientForVariable().entrySet()) {
            String name = variable.getKey();
            // the weights of every convolution and of the classifier: the branches in and behind each drop path
            // (double-precision forward passes take up to half a second on a busy 2-core machine: not every variable)
            if (!name.endsWith("_W")) {
                continue;
            }
            INDArray params = graph.getParam(name);
            for (int k = 0; k < 2; k++) {
                long index = pick.nextInt((int) params.length());
                double original = params.getDouble(index);
                params.putScalar(index, original + H);
                double plus = loss(graph, x, w, seed);
                params.putScalar(index, original - H);
                double minus = loss(graph, x, w, seed);
                params.putScalar(index, original);
                double numeric = (plus - minus) / (2 * H);
                double exact = variable.getValue().getDouble(index);
                double scale = Math.max(1e-4, Math.abs(numeric) + Math.abs(exact));
                assertTrue(Math.abs(numeric - exact) / scale < 1e-3 || Math.abs(numeric - exact) < 1e-8,
                        name + "[" + index + "]: numeric " + numeric + " vs backprop " + exact);
                checked++;
            }
        }
        assertEquals(20, checked, "two entries of each of the ten weight arrays");
    }

    @Test
    void theSettingSurvivesTheModelFileRoundTrip() {
        ComputationGraph graph = tinyWrn(0.2);
        ComputationGraph restored = ModelFiles.fromBytes(ModelFiles.toBytes(graph, true), true);
        assertEquals(graph.getConfiguration(), restored.getConfiguration());
        assertEquals(0.8, dropPathOf(restored, "g3b1").survival(), 1e-12);
        assertTrue(restored.getConfiguration().toJson().contains(DropPath.class.getName()));

        INDArray x = images(8, 9);
        assertEquals(graph.output(false, x)[0], restored.output(false, x)[0]);
        Nd4j.getRandom().setSeed(4);
        INDArray trained = graph.output(true, x)[0];
        Nd4j.getRandom().setSeed(4);
        assertEquals(trained, restored.output(true, x)[0]);
    }

    private static ComputationGraph tinyWrn(double stochasticDepth) {
        return WideResNet.build(new NetworkSpec(8, 8, 3, CLASSES, 1, 0.0, stochasticDepth, 13), 10, 1, new Sgd(0.1), 0.0);
    }

    private static DropPath dropPathOf(ComputationGraph graph, String block) {
        IDropout dropout = graph.getLayer(block + WideResNet.DROP_PATH).conf().getLayer().getIDropout();
        return assertInstanceOf(DropPath.class, dropout);
    }

    private static INDArray images(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, n, 3, 8, 8);
    }

    /** Examples whose drop-path output is all zeros; the others must have no zero at all. */
    private static int droppedExamples(INDArray dropPathOutput, String block) {
        long n = dropPathOutput.size(0);
        INDArray zeros = dropPathOutput.reshape(n, -1).eq(0.0).castTo(DataType.DOUBLE).sum(1);
        long perExample = dropPathOutput.length() / n;
        int dropped = 0;
        for (int i = 0; i < n; i++) {
            long z = zeros.getLong(i);
            assertTrue(z == 0 || z == perExample, block + " example " + i + " is partly dropped: " + z + " zeros");
            if (z == perExample) dropped++;
        }
        return dropped;
    }

    private static Map<String, INDArray> forward(ComputationGraph graph, INDArray x, long seed) {
        // the only random draws of the forward pass are the masks, so the seed fixes them
        Nd4j.getRandom().setSeed(seed);
        return graph.feedForward(new INDArray[]{x}, true, false);
    }

    private static double loss(ComputationGraph graph, INDArray x, INDArray w, long seed) {
        return forward(graph, x, seed).get(NetworkOutputs.LOGITS).mul(w).sumNumber().doubleValue();
    }
}
