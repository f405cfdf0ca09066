package org.sslpipeline.training.nn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
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
        void add(ComputationGraphConfiguration.GraphBuilder g, String embedding, String classifierInput, int numClasses) {
            g.addLayer(vertex(), new DenseLayer.Builder().nOut(2L * numClasses).hasBias(false)
                    .activation(Activation.IDENTITY).weightInit(WeightInit.XAVIER).build(), classifierInput);
        }
    },
    /**
     * CoSSL's encoder classifier: K scores, a linear layer with bias on the embedding, which FixMatch trains (and
     * with it the encoder). With it the network's own classifier ({@code logits}, what predictions use) sits behind
     * a stop-gradient: CoSSL's rebalanced classifier, whose class-balanced loss trains it and not the encoder (the
     * reference code trains it on the EMA encoder's features, without gradient).
     */
    ENCODER_LOGITS(NetworkOutputs.ENCODER_LOGITS) {
        @Override
        void add(ComputationGraphConfiguration.GraphBuilder g, String embedding, String classifierInput, int numClasses) {
            g.addLayer(vertex(), new DenseLayer.Builder().nOut(numClasses).activation(Activation.IDENTITY)
                    .weightInit(WeightInit.XAVIER).build(), classifierInput);
        }

        @Override
        public boolean detachesClassifier() {
            return true;
        }
    };

    private final String vertex;

    NetworkHead(String vertex) {
        this.vertex = vertex;
    }

    /** The name of the head's output vertex. */
    public String vertex() {
        return vertex;
    }

    /** Whether the network's classifier ({@code logits}) learns behind a stop-gradient when it has this head. */
    public boolean detachesClassifier() {
        return false;
    }

    /** Adds the head's vertices; {@code classifierInput} is what the logits read (the embedding after dropout). */
    abstract void add(ComputationGraphConfiguration.GraphBuilder g, String embedding, String classifierInput,
                      int numClasses);
}
