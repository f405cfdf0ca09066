package org.sslpipeline.training.nn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Floating-point operations of one forward pass of one image, counting the multiply-adds of the layers that do
 * matrix products (2 FLOPs each): a 2-D convolution 2·kh·kw·cin·cout·hout·wout, a dense layer 2·nin·nout. Batch
 * norm, activations, pooling, dropout and graph vertices (such as residual additions) cost a few operations per
 * activation rather than per weight, and are left out. Any other layer type is refused rather than guessed.
 */
public final class ModelFlops {
    private static final Set<Class<? extends Layer>> CHEAP = Set.of(BatchNormalization.class, ActivationLayer.class,
            SubsamplingLayer.class, GlobalPoolingLayer.class, DropoutLayer.class);

    private ModelFlops() {}

    /** FLOPs per image for an input of the given shape. */
    public static long perImage(ComputationGraph graph, long height, long width, long channels) {
        return perLayer(graph, height, width, channels).values().stream().mapToLong(Long::longValue).sum();
    }

    /** FLOPs per image of each counted layer, in the order the layers were added. */
    public static Map<String, Long> perLayer(ComputationGraph graph, long height, long width, long channels) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        if (conf.getNetworkInputs().size() != 1) {
            throw new IllegalArgumentException("FLOPs are counted for single-input graphs, this one has inputs "
                    + conf.getNetworkInputs());
        }
        Map<String, InputType> outputs = conf.getLayerActivationTypes(InputType.convolutional(height, width, channels));
        Map<String, Long> flops = new LinkedHashMap<>();
        for (Map.Entry<String, GraphVertex> vertex : conf.getVertices().entrySet()) {
            if (!(vertex.getValue() instanceof LayerVertex layerVertex)) continue;
            String name = vertex.getKey();
            Layer layer = layerVertex.getLayerConf().getLayer();
            if (layer.getClass() == ConvolutionLayer.class) {
                ConvolutionLayer conv = (ConvolutionLayer) layer;
                InputType.InputTypeConvolutional out = (InputType.InputTypeConvolutional) outputs.get(name);
                int[] kernel = conv.getKernelSize();
                flops.put(name, 2L * kernel[0] * kernel[1] * conv.getNIn() * conv.getNOut() * out.getHeight() * out.getWidth());
            } else if (layer instanceof DenseLayer || layer instanceof BaseOutputLayer) {
                FeedForwardLayer dense = (FeedForwardLayer) layer;
                flops.put(name, 2L * dense.getNIn() * dense.getNOut());
            } else if (!CHEAP.contains(layer.getClass())) {
                throw new IllegalArgumentException("no FLOP count for layer '" + name + "' of type "
                        + layer.getClass().getSimpleName());
            }
        }
        return flops;
    }
}
