package org.sslpipeline.jobs.pseudo;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sslpipeline.training.nn.ModelFiles;
import org.sslpipeline.training.nn.NetworkOutputs;

import java.util.function.Supplier;

/**
 * The teacher network of this executor JVM: rebuilt from the broadcast bytes the first time a task of a job needs
 * it (identified by the model's checksum), then shared by the executor's tasks. A DL4J network is not thread-safe,
 * so inference takes a lock; ND4J already spreads one forward pass over the cores, and the other tasks decode
 * their next images meanwhile.
 */
final class ExecutorTeacher {
    private static final Object LOCK = new Object();
    private static String checksum;
    private static ComputationGraph network;

    private ExecutorTeacher() {}

    /** Logits of the teacher in inference mode (no dropout, batch-norm running statistics). */
    static INDArray logits(String modelChecksum, Supplier<byte[]> modelBytes, INDArray input) {
        synchronized (LOCK) {
            if (!modelChecksum.equals(checksum)) {
                network = null; // let the previous round's teacher go before building this one
                network = ModelFiles.fromBytes(modelBytes.get(), false);
                checksum = modelChecksum;
            }
            return network.output(false, input)[NetworkOutputs.LOGITS_INDEX].detach();
        }
    }
}
