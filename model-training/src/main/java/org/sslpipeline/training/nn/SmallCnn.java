package org.sslpipeline.training.nn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * conv5x5(16w)-BN-ReLU-maxpool2, dense(128w)-ReLU = features, [dropout], dense = logits. One convolution only:
 * DL4J's CPU convolutions run at about 1-2 GFLOP/s on this class of machine, and a second 3x3x32 layer halved
 * training throughput (measured: 607 vs 355 images/s) for a small gain on 28x28 grayscale images.
 */
final class SmallCnn {
    private SmallCnn() {}

    static ComputationGraph build(NetworkSpec spec, IUpdater updater, double l2) {
        int w = spec.widthMultiplier();
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(spec.seed())
                .updater(updater)
                .l2(l2)
                .weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Same)
                // External-error training runs forward and backward as separate calls; workspaces would
                // recycle the forward state (e.g. batch-norm statistics) before backprop reads it.
                .trainingWorkspaceMode(WorkspaceMode.NONE)
                .graphBuilder()
                .addInputs(NetworkOutputs.INPUT)
                .setInputTypes(InputType.convolutional(spec.height(), spec.width(), spec.channels()));
        g.addLayer("conv1", new ConvolutionLayer.Builder(5, 5).nOut(16 * w).activation(Activation.IDENTITY).build(), NetworkOutputs.INPUT)
                .addLayer("bn1", new BatchNormalization.Builder().activation(Activation.RELU).build(), "conv1")
                .addLayer("pool1", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(), "bn1")
                .addLayer("embedding", new DenseLayer.Builder().nOut(128 * w).activation(Activation.RELU).build(), "pool1");
        String classifierInput = "embedding";
        if (spec.dropout() > 0) {
            // DL4J takes the probability of *retaining* an activation
            g.addLayer("dropout", new DropoutLayer.Builder(1.0 - spec.dropout()).build(), "embedding");
            classifierInput = "dropout";
        }
        g.addLayer(NetworkOutputs.LOGITS, new DenseLayer.Builder().nOut(spec.numClasses())
                        .activation(Activation.IDENTITY).weightInit(WeightInit.XAVIER).build(), classifierInput)
                // A separate identity vertex: a vertex that is both an output and an input of another vertex
                // would have its backpropagated error overwritten by the external one.
                .addLayer(NetworkOutputs.FEATURES, new ActivationLayer.Builder().activation(Activation.IDENTITY).build(), "embedding")
                .setOutputs(NetworkOutputs.LOGITS, NetworkOutputs.FEATURES);
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        return graph;
    }
}
