package org.sslpipeline.training.nn;

/** Names of the vertices every network of the pipeline exposes as outputs, in output order. */
public final class NetworkOutputs {
    private NetworkOutputs() {}

    /** The single image input. */
    public static final String INPUT = "image";
    /** Class scores before softmax, shape [batch, numClasses]. Output 0. */
    public static final String LOGITS = "logits";
    /** The pooled embedding the classifier reads, shape [batch, featureSize]. Output 1. */
    public static final String FEATURES = "features";
    /** OpenMatch's one-vs-all scores, shape [batch, 2 numClasses], in networks built with {@link NetworkHead#OVA}. */
    public static final String OVA = "ova";
    /** CoSSL's encoder classifier scores, shape [batch, numClasses], in networks built with {@link NetworkHead#ENCODER_LOGITS}. */
    public static final String ENCODER_LOGITS = "encoder_logits";

    public static final int LOGITS_INDEX = 0;

    /** Number of classes of a pipeline network: the width of its logits. */
    public static int numClasses(org.deeplearning4j.nn.graph.ComputationGraph graph) {
        return (int) ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer) graph.getLayer(LOGITS).conf().getLayer()).getNOut();
    }
    public static final int FEATURES_INDEX = 1;

    /** Whether the graph has the output {@code vertex} (e.g. {@link #OVA}). */
    public static boolean has(org.deeplearning4j.nn.graph.ComputationGraph graph, String vertex) {
        return graph.getConfiguration().getNetworkOutputs().contains(vertex);
    }
}
