package org.sslpipeline.training.nn;

import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

/**
 * A head some algorithms add beside the classifier, reading the same input as the logits; its output follows
 * {@code logits} and {@code features}, in the order the network's spec lists its heads.
 */
public enum NetworkHead {
    /**
     * OpenMatch's one-vs-all heads: 2K scores, the first K "not class k", the last K "class k", a linear layer
     * without bias as in the reference code's {@code fc_open}.
     */
    OVA(NetworkOutputs.OVA) {
        @Override
        Layer layer(int numClasses) {
            return new DenseLayer.Builder().nOut(2L * numClasses).hasBias(false).activation(Activation.IDENTITY)
                    .weightInit(WeightInit.XAVIER).build();
        }
    };

    private final String vertex;

    NetworkHead(String vertex) {
        this.vertex = vertex;
    }

    /** The name of the head's vertex and output. */
    public String vertex() {
        return vertex;
    }

    abstract Layer layer(int numClasses);
}
