package org.sslpipeline.training.nn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Conv blocks, each conv-BN-ReLU-maxpool2, then dense(128w)-ReLU = features, [dropout], dense = logits. The first
 * block is a 5x5 convolution of 16w channels; each further block a 3x3 one with twice the channels of the one
 * before, at half the resolution.
 * <p>
 * One block is the quick-start network: DL4J's CPU networks run at about 2.5 GFLOP/s on this class of machine
 * (measured images/s times multiply-adds per image, docs/RESULTS.md), and it already reaches 0.90 on Fashion-MNIST
 * in three epochs. Three blocks cost about 2.3M multiply-adds per 28x28 image against 0.7M, but a FixMatch step
 * takes only about 1.5x as long (measured), since their dense layer sees 4x4x64 inputs instead of 14x14x16. With
 * 250 labels they lift FixMatch by about 3 points and supervised-only by about as much (docs/RESULTS.md).
 */
final class SmallCnn {
    private SmallCnn() {}

    static ComputationGraph build(NetworkSpec spec, int blocks, IUpdater updater, double l2) {
        if (blocks < 1) throw new IllegalArgumentException("need at least one conv block, got " + blocks);
        int w = spec.widthMultiplier();
        ComputationGraphConfiguration.GraphBuilder g = GraphParts.start(spec, updater, l2);
        String x = NetworkOutputs.INPUT;
        for (int b = 1; b <= blocks; b++) {
            int kernel = b == 1 ? 5 : 3;
            String bn = GraphParts.convBnRelu(g, "conv" + b, "bn" + b, kernel, (16 << (b - 1)) * w, x);
            x = GraphParts.maxPool2(g, "pool" + b, bn);
        }
        g.addLayer("embedding", new DenseLayer.Builder().nOut(128 * w).activation(Activation.RELU).build(), x);
        return GraphParts.finish(g, "embedding", spec);
    }
}
