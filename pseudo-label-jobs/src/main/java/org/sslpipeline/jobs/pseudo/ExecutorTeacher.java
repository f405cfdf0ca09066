package org.sslpipeline.jobs.pseudo;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sslpipeline.training.nn.GraphReplicas;
import org.sslpipeline.training.nn.ModelFiles;
import org.sslpipeline.training.nn.NetworkOutputs;
import org.sslpipeline.training.spark.TaskNativeThreads;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * The teacher of this executor JVM: built from the broadcast bytes once per job's model (identified by its
 * checksum), the first time a task needs it. A DL4J network is not thread-safe, so each task running at once infers
 * with its own replica of the graph; the replicas share the teacher's one weight array, so the weights sit in
 * memory once. A task infers on its own cores ({@link TaskNativeThreads}) while the others decode or infer on
 * theirs, instead of queueing for one network that spreads over every core.
 */
final class ExecutorTeacher {
    private static String checksum;
    private static ComputationGraph teacher;
    /** The teacher and its replicas that no task is using now. */
    private static final Deque<ComputationGraph> IDLE = new ArrayDeque<>();

    private ExecutorTeacher() {}

    /** What the teacher says of a batch: its logits, and its one-vs-all logits if it has such heads (else null). */
    record Outputs(INDArray logits, INDArray ova) {}

    /** The teacher's outputs in inference mode (no dropout, batch-norm running statistics). */
    static Outputs outputs(String modelChecksum, Supplier<byte[]> modelBytes, INDArray input) {
        ComputationGraph network = borrow(modelChecksum, modelBytes);
        try {
            return TaskNativeThreads.call(() -> {
                INDArray[] outputs = network.output(false, input);
                int ova = network.getConfiguration().getNetworkOutputs().indexOf(NetworkOutputs.OVA);
                return new Outputs(outputs[NetworkOutputs.LOGITS_INDEX].detach(), ova < 0 ? null : outputs[ova].detach());
            });
        } finally {
            giveBack(modelChecksum, network);
        }
    }

    static synchronized ComputationGraph borrow(String modelChecksum, Supplier<byte[]> modelBytes) {
        if (!modelChecksum.equals(checksum)) {
            IDLE.clear(); // let the previous round's teacher go before building this one
            teacher = null;
            teacher = ModelFiles.fromBytes(modelBytes.get(), false);
            checksum = modelChecksum;
            return teacher;
        }
        ComputationGraph idle = IDLE.poll();
        return idle != null ? idle : GraphReplicas.sharingWeights(teacher);
    }

    static synchronized void giveBack(String modelChecksum, ComputationGraph network) {
        if (modelChecksum.equals(checksum)) IDLE.push(network);
    }
}
