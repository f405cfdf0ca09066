package org.sslpipeline.training.nn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Pre-activation Wide ResNet (Zagoruyko and Komodakis 2016) as used by FixMatch: depth 28, widen factor 2,
 * leaky ReLU 0.1 and batch-norm momentum 0.001 (FixMatch reference code), global average pooling. With
 * {@link NetworkSpec#stochasticDepth()} above 0, each residual branch ends in a {@link DropPath}.
 */
final class WideResNet {
    private WideResNet() {}

    private static final double LEAK = 0.1;
    /** DL4J's decay is the weight of the old running statistic; PyTorch's momentum 0.001 is 1 - 0.999. */
    private static final double BN_DECAY = 0.999;
    /** Suffix of a block's drop-path layer name. */
    static final String DROP_PATH = "_droppath";

    static ComputationGraph build(NetworkSpec spec, int depth, int widen, IUpdater updater, double l2) {
        if ((depth - 4) % 6 != 0) {
            throw new IllegalArgumentException("Wide ResNet depth must be 6n+4, got " + depth);
        }
        int blocksPerGroup = (depth - 4) / 6;
        int k = widen * spec.widthMultiplier();
        int[] channels = {16, 16 * k, 32 * k, 64 * k};

        ComputationGraphConfiguration.GraphBuilder g = GraphParts.start(spec, updater, l2);
        g.addLayer("stem", conv(3, channels[0], 1), NetworkOutputs.INPUT);
        String x = "stem";
        int inChannels = channels[0];
        int blocks = 3 * blocksPerGroup;
        int index = 0;
        for (int group = 0; group < 3; group++) {
            for (int b = 0; b < blocksPerGroup; b++) {
                int stride = (group > 0 && b == 0) ? 2 : 1;
                index++;
                double survival = 1.0 - spec.stochasticDepth() * index / blocks;
                x = block(g, "g" + (group + 1) + "b" + (b + 1), x, inChannels, channels[group + 1], stride, survival);
                inChannels = channels[group + 1];
            }
        }
        g.addLayer("final_bn", bnLeaky(), x)
                .addLayer("embedding", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "final_bn");
        return GraphParts.finish(g, "embedding", spec);
    }

    /**
     * out = drop(conv(act(bn(conv(act(bn(x))))))) + shortcut, the shortcut a 1x1 conv when the shape changes and the
     * drop path present only when {@code survival < 1}, so that networks without it keep their layers.
     */
    private static String block(ComputationGraphConfiguration.GraphBuilder g, String name, String input,
                                int inChannels, int outChannels, int stride, double survival) {
        g.addLayer(name + "_bn1", bnLeaky(), input)
                .addLayer(name + "_conv1", conv(3, outChannels, stride), name + "_bn1")
                .addLayer(name + "_bn2", bnLeaky(), name + "_conv1")
                .addLayer(name + "_conv2", conv(3, outChannels, 1), name + "_bn2");
        String shortcut = input;
        if (inChannels != outChannels || stride != 1) {
            g.addLayer(name + "_shortcut", conv(1, outChannels, stride), name + "_bn1");
            shortcut = name + "_shortcut";
        }
        String branch = name + "_conv2";
        if (survival < 1) {
            g.addLayer(name + DROP_PATH, new DropoutLayer(new DropPath(survival)), branch);
            branch = name + DROP_PATH;
        }
        g.addVertex(name, new ElementWiseVertex(ElementWiseVertex.Op.Add), branch, shortcut);
        return name;
    }

    private static ConvolutionLayer conv(int kernel, int outChannels, int stride) {
        return new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).nOut(outChannels)
                .hasBias(false).activation(Activation.IDENTITY).build();
    }

    private static BatchNormalization bnLeaky() {
        return new BatchNormalization.Builder().decay(BN_DECAY).activation(new ActivationLReLU(LEAK)).build();
    }
}
