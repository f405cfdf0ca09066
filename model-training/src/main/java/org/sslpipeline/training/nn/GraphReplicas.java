package org.sslpipeline.training.nn;

import org.deeplearning4j.nn.graph.ComputationGraph;

/** Copies of a network for other threads: DL4J's graphs are not thread-safe, but their weights can be shared. */
public final class GraphReplicas {
    private GraphReplicas() {}

    /**
     * A graph of the same configuration whose parameters are a view of {@code graph}'s own: only activations are
     * per replica. For inference; a replica that trains changes the original's weights too.
     */
    public static ComputationGraph sharingWeights(ComputationGraph graph) {
        ComputationGraph replica = new ComputationGraph(graph.getConfiguration().clone());
        replica.init(graph.params(), false);
        return replica;
    }
}
