package org.sslpipeline.driver.bench;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sslpipeline.training.data.ImagePixels;
import org.sslpipeline.training.step.TrainingRows;

import java.util.ArrayList;
import java.util.List;

/**
 * Plain DL4J batched inference in this JVM, the baseline the Spark job is held to: the images are turned into
 * network inputs once, so a pass times {@code graph.output(false, batch)} alone.
 */
public final class SingleJvmInference {
    private final ComputationGraph graph;
    private final List<INDArray> batches;
    private final long images;

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
}
