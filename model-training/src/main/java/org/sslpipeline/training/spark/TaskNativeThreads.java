package org.sslpipeline.training.spark;

import org.apache.spark.TaskContext;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

import java.util.function.Supplier;

/**
 * Runs a Spark task's native work on the cores Spark granted the task ({@code spark.task.cpus}), not on every core
 * of the machine. libnd4j sizes its OpenMP teams by the calling thread's OpenMP setting, which defaults to all
 * cores; with one task per core, the tasks' teams then oversubscribe the cores and slow each other down (measured
 * in docs/RESULTS.md, "One OpenMP thread per task"). The setting belongs to the calling thread, so it is set for the
 * work and restored afterwards: the executor's pooled threads run other work later. Outside a Spark task (the
 * driver, the single-JVM trainer) {@link #call} runs the work unchanged.
 */
public final class TaskNativeThreads {
    private TaskNativeThreads() {}

    public static <T> T call(Supplier<T> work) {
        TaskContext task = TaskContext.get();
        return task == null ? work.get() : withThreads(Math.max(1, task.cpus()), work);
    }

    /** Runs work with the calling thread's OpenMP teams limited to {@code threads}, then restores its setting. */
    public static <T> T withThreads(int threads, Supplier<T> work) {
        NativeOps ops = nativeOps();
        int before = ops.ompGetMaxThreads();
        ops.setOmpNumThreads(threads);
        try {
            return work.get();
        } finally {
            ops.setOmpNumThreads(before);
        }
    }

    /** libnd4j's entry points; ND4J's backend must be loaded before they can be looked up. */
    static NativeOps nativeOps() {
        Nd4j.getBackend();
        return NativeOpsHolder.getInstance().getDeviceNativeOps();
    }
}
