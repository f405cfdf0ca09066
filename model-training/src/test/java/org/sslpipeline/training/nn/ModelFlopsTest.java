package org.sslpipeline.training.nn;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ModelFlopsTest {

    @Test
    void smallCnnMatchesAHandCount() {
        ComputationGraph graph = NetworkArchitecture.SMALL_CNN.build(
                new NetworkSpec(28, 28, 1, 10, 1, 0.5, 1), new Sgd(0.1), 0);

        // conv 5x5, 1 -> 16 channels, 'same' padding: 28x28 outputs
        long conv = 2L * 5 * 5 * 1 * 16 * 28 * 28;
        // after 2x2 max pooling: 14 x 14 x 16 = 3136 inputs to the 128-unit embedding
        long embedding = 2L * 3136 * 128;
        long logits = 2L * 128 * 10;
        assertEquals(Map.of("conv1", conv, "embedding", embedding, NetworkOutputs.LOGITS, logits),
                ModelFlops.perLayer(graph, 28, 28, 1));
        assertEquals(1_432_576L, ModelFlops.perImage(graph, 28, 28, 1));
    }

    @Test
    void threeBlockSmallCnnMatchesAHandCount() {
        ComputationGraph graph = NetworkArchitecture.SMALL_CNN_3.build(
                new NetworkSpec(28, 28, 1, 10, 1, 0.0, 1), new Sgd(0.1), 0);

        // 5x5 1 -> 16 at 28x28; 3x3 16 -> 32 at 14x14; 3x3 32 -> 64 at 7x7; 'same' pooling of 7x7 gives 4x4
        assertEquals(Map.of("conv1", 2L * 5 * 5 * 1 * 16 * 28 * 28,
                        "conv2", 2L * 3 * 3 * 16 * 32 * 14 * 14,
                        "conv3", 2L * 3 * 3 * 32 * 64 * 7 * 7,
                        "embedding", 2L * 4 * 4 * 64 * 128,
                        NetworkOutputs.LOGITS, 2L * 128 * 10),
                ModelFlops.perLayer(graph, 28, 28, 1));
    }

    @Test
    void widthMultiplierWidensEveryCountedLayer() {
        ComputationGraph graph = NetworkArchitecture.SMALL_CNN.build(
                new NetworkSpec(28, 28, 1, 10, 2, 0.0, 1), new Sgd(0.1), 0);

        assertEquals(2L * 25 * 32 * 28 * 28 + 2L * 14 * 14 * 32 * 256 + 2L * 256 * 10, ModelFlops.perImage(graph, 28, 28, 1));
    }

    @Test
    void stridedConvolutionsCountTheirSmallerOutput() {
        ComputationGraph graph = NetworkArchitecture.WRN_28_2.build(
                new NetworkSpec(32, 32, 3, 10, 1, 0.0, 1), new Sgd(0.1), 0);

        Map<String, Long> flops = ModelFlops.perLayer(graph, 32, 32, 3);

        assertEquals(2L * 3 * 3 * 3 * 16 * 32 * 32, flops.get("stem"));
        // first block of the second group: stride 2, 32 -> 64 channels, 16x16 outputs
        assertEquals(2L * 3 * 3 * 32 * 64 * 16 * 16, flops.get("g2b1_conv1"));
        assertEquals(2L * 1 * 1 * 32 * 64 * 16 * 16, flops.get("g2b1_shortcut"));
    }
}
