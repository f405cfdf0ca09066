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

import java.util.ArrayList;
import java.util.List;

/** What every architecture shares: the graph's settings and image input, and the head with its two outputs. */
final class GraphParts {
    static {
        NativeLayerHelpers.enable();
    }

    private GraphParts() {}

    /** A graph builder with the optimizer settings and the {@link NetworkOutputs#INPUT} image input. */
    static ComputationGraphConfiguration.GraphBuilder start(NetworkSpec spec, IUpdater updater, double l2) {
        return new NeuralNetConfiguration.Builder()
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
    }

    /**
     * Adds a convolution (kernel x kernel, 'same' padding, no activation) of {@code channels} outputs on
     * {@code input}, then batch norm with ReLU; returns the batch norm's name.
     */
    static String convBnRelu(ComputationGraphConfiguration.GraphBuilder g, String conv, String bn, int kernel,
                             int channels, String input) {
        g.addLayer(conv, new ConvolutionLayer.Builder(kernel, kernel).nOut(channels).activation(Activation.IDENTITY).build(), input)
                .addLayer(bn, new BatchNormalization.Builder().activation(Activation.RELU).build(), conv);
        return bn;
    }

    /** Adds 2x2 max pooling with stride 2 on {@code input}; returns its name. */
    static String maxPool2(ComputationGraphConfiguration.GraphBuilder g, String name, String input) {
        g.addLayer(name, new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(), input);
        return name;
    }

    /**
     * Adds [dropout], the linear classifier {@code logits} (behind a stop-gradient when a head asks for it), the
     * {@code features} output and the spec's heads on top of the pooled embedding vertex, then builds and
     * initialises the graph.
     */
    static ComputationGraph finish(ComputationGraphConfiguration.GraphBuilder g, String embedding, NetworkSpec spec) {
        String classifierInput = embedding;
        if (spec.dropout() > 0) {
            // DL4J takes the probability of *retaining* an activation
            g.addLayer("dropout", new DropoutLayer.Builder(1.0 - spec.dropout()).build(), embedding);
            classifierInput = "dropout";
        }
        String logitsInput = classifierInput;
        if (spec.heads().stream().anyMatch(NetworkHead::detachesClassifier)) {
            logitsInput = NetworkOutputs.LOGITS + "_input";
            g.addVertex(logitsInput, new StopGradientVertex(), classifierInput);
        }
        g.addLayer(NetworkOutputs.LOGITS, new DenseLayer.Builder().nOut(spec.numClasses())
                        .activation(Activation.IDENTITY).weightInit(WeightInit.XAVIER).build(), logitsInput)
                // A separate identity vertex: a vertex that is both an output and an input of another vertex
                // would have its backpropagated error overwritten by the external one.
                .addLayer(NetworkOutputs.FEATURES, new ActivationLayer.Builder().activation(Activation.IDENTITY).build(), embedding);
        List<String> outputs = new ArrayList<>(List.of(NetworkOutputs.LOGITS, NetworkOutputs.FEATURES));
        for (NetworkHead head : spec.heads()) {
            head.add(g, embedding, classifierInput, spec.numClasses());
            outputs.add(head.vertex());
        }
        g.setOutputs(outputs.toArray(String[]::new));
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        return graph;
    }
}
