package org.sslpipeline.training.nn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * conv5x5(16w)-BN-ReLU-maxpool2, dense(128w)-ReLU = features, [dropout], dense = logits. One convolution only:
 * DL4J's CPU networks run at about 2.5 GFLOP/s on this class of machine (measured images/s times multiply-adds
 * per image, docs/RESULTS.md), and a second 3x3x32 layer halved
 * training throughput (measured: 607 vs 355 images/s), and this one already reaches 0.90 on Fashion-MNIST in three
 * epochs (docs/RESULTS.md).
 */
final class SmallCnn {
    private SmallCnn() {}

    static ComputationGraph build(NetworkSpec spec, IUpdater updater, double l2) {
        int w = spec.widthMultiplier();
        ComputationGraphConfiguration.GraphBuilder g = GraphParts.start(spec, updater, l2);
        g.addLayer("conv1", new ConvolutionLayer.Builder(5, 5).nOut(16 * w).activation(Activation.IDENTITY).build(), NetworkOutputs.INPUT)
                .addLayer("bn1", new BatchNormalization.Builder().activation(Activation.RELU).build(), "conv1")
                .addLayer("pool1", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(), "bn1")
                .addLayer("embedding", new DenseLayer.Builder().nOut(128 * w).activation(Activation.RELU).build(), "pool1");
        return GraphParts.finish(g, "embedding", spec);
    }
}
