package org.sslpipeline.bench.measure;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sslpipeline.training.data.ImagePixels;
import org.sslpipeline.training.nn.GraphReplicas;
import org.sslpipeline.training.spark.TaskNativeThreads;
import org.sslpipeline.training.step.TrainingRows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain DL4J batched inference in this JVM, the baseline the Spark job is held to: the images are turned into
 * network inputs once, so a pass times {@code graph.output(false, batch)} alone. {@link #passOnEachCore} is the
 * same work arranged as the Spark job arranges it: one thread per core, each with its own replica of the graph and
 * a one-thread OpenMP team.
 */
public final class SingleJvmInference {
    private final ComputationGraph graph;
    private final List<INDArray> batches;
    private final long images;
    /** Replicas of the graph for the threads after the first, made once. */
    private final Map<Integer, ComputationGraph> replicas = new HashMap<>();

    private SingleJvmInference(ComputationGraph graph, List<INDArray> batches, long images) {
        this.graph = graph;
        this.batches = batches;
        this.images = images;
    }

    public static SingleJvmInference of(ComputationGraph graph, List<ImagePixels> images, int batchSize) {
        if (images.isEmpty()) throw new IllegalArgumentException("no images to run inference on");
        List<INDArray> batches = new ArrayList<>();
        for (int start = 0; start < images.size(); start += batchSize) {
            batches.add(TrainingRows.input(images.subList(start, Math.min(images.size(), start + batchSize))));
        }
        return new SingleJvmInference(graph, batches, images.size());
    }

    public long images() {
        return images;
    }

    /** Seconds of one pass over every batch. */
    public double pass() {
        long started = System.nanoTime();
        for (INDArray batch : batches) graph.output(false, batch);
        return (System.nanoTime() - started) / 1e9;
    }

    /** Seconds of one pass over every batch, the batches dealt in turn to {@code cores} threads. */
    public double passOnEachCore(int cores) {
        List<Thread> threads = new ArrayList<>(cores);
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        for (int core = 0; core < cores; core++) {
            ComputationGraph replica = core == 0 ? graph : replicas.computeIfAbsent(core,
                    c -> GraphReplicas.sharingWeights(graph));
            int first = core;
            Thread thread = new Thread(() -> TaskNativeThreads.withThreads(1, () -> {
                for (int b = first; b < batches.size(); b += cores) replica.output(false, batches.get(b));
                return null;
            }), "inference-" + core);
            thread.setUncaughtExceptionHandler((t, e) -> failures.add(e));
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for inference threads", e);
            }
        }
        if (!failures.isEmpty()) throw new IllegalStateException("an inference thread failed", failures.get(0));
        return (System.nanoTime() - started) / 1e9;
    }
}
