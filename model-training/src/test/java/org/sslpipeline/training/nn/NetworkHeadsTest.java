package org.sslpipeline.training.nn;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sslpipeline.training.optim.OptimizerSettings;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The heads some algorithms add: their outputs, where their gradient goes, and that they survive a model file. */
class NetworkHeadsTest {
    private static final int CLASSES = 4;

    @Test
    void aDetachedClassifierLearnsWithoutTrainingTheEncoderWhileTheOtherHeadsTrainIt() {
        ComputationGraph graph = build(List.of(NetworkHead.OVA, NetworkHead.ENCODER_LOGITS));
        assertEquals(List.of(NetworkOutputs.LOGITS, NetworkOutputs.FEATURES, NetworkOutputs.OVA,
                NetworkOutputs.ENCODER_LOGITS), graph.getConfiguration().getNetworkOutputs());
        INDArray input = Nd4j.rand(DataType.FLOAT, 5, 1, 12, 12);
        INDArray[] outputs = graph.output(false, input);
        assertArrayEquals(new long[]{5, 2 * CLASSES}, outputs[2].shape());
        assertArrayEquals(new long[]{5, CLASSES}, outputs[3].shape());

        Gradient classifierOnly = backprop(graph, input, 0);
        assertTrue(classifierOnly.getGradientFor(NetworkOutputs.LOGITS + "_W").norm2Number().doubleValue() > 0);
        assertEquals(0.0, classifierOnly.getGradientFor("conv1_W").norm2Number().doubleValue(), 0.0,
                "no gradient reaches the encoder through the stop-gradient");
        for (int head : new int[]{2, 3}) {
            assertTrue(backprop(graph, input, head).getGradientFor("conv1_W").norm2Number().doubleValue() > 0,
                    "head " + head + " trains the encoder");
        }
    }

    @Test
    void aModelWithHeadsIsWrittenAndReadBackWhole() {
        ComputationGraph graph = build(List.of(NetworkHead.ENCODER_LOGITS));
        ComputationGraph read = ModelFiles.fromBytes(ModelFiles.toBytes(graph, false), false);
        INDArray input = Nd4j.rand(DataType.FLOAT, 3, 1, 12, 12);
        assertEquals(graph.output(false, input)[2], read.output(false, input)[2]);
    }

    /** The gradient of the parameters when only output {@code index} has an error. */
    private static Gradient backprop(ComputationGraph graph, INDArray input, int index) {
        Map<String, INDArray> activations = graph.feedForward(new INDArray[]{input}, true, false);
        List<String> outputs = graph.getConfiguration().getNetworkOutputs();
        INDArray[] errors = new INDArray[outputs.size()];
        for (int i = 0; i < errors.length; i++) {
            INDArray output = activations.get(outputs.get(i));
            errors[i] = i == index ? Nd4j.onesLike(output) : Nd4j.zerosLike(output);
        }
        return graph.backpropGradient(errors);
    }

    private static ComputationGraph build(List<NetworkHead> heads) {
        return NetworkArchitecture.SMALL_CNN.build(new NetworkSpec(12, 12, 1, CLASSES, 1, 0.0, 0.0, 3, heads),
                OptimizerSettings.fixMatchDefaults().updater(10), 5e-4);
    }
}
