package org.sslpipeline.training.eval;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sslpipeline.training.data.ImagePixels;
import org.sslpipeline.training.data.LabeledImage;
import org.sslpipeline.training.nn.ModelFiles;
import org.sslpipeline.training.spark.TaskNativeThreads;
import org.sslpipeline.training.nn.NetworkOutputs;
import org.sslpipeline.training.step.TrainingRows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/** Classifies labeled images with a network in inference mode and counts a confusion matrix. */
public final class Evaluator {
    private final int numClasses;
    private final int batchSize;

    public Evaluator(int numClasses, int batchSize) {
        if (batchSize <= 0) throw new IllegalArgumentException("evaluation batch size must be > 0");
        this.numClasses = numClasses;
        this.batchSize = batchSize;
    }

    /** In this JVM. */
    public ClassificationMetrics evaluate(ComputationGraph graph, Iterable<LabeledImage> examples) {
        return ClassificationMetrics.fromConfusion(confusion(graph, examples.iterator(), numClasses, batchSize));
    }

    /** As a Spark job; the model travels as bytes and is rebuilt in each task. */
    public ClassificationMetrics evaluate(JavaSparkContext sc, ComputationGraph graph, JavaRDD<LabeledImage> examples) {
        Broadcast<byte[]> model = sc.broadcast(ModelFiles.toBytes(graph, false));
        int k = numClasses, b = batchSize;
        try {
            long[][] confusion = examples
                    .mapPartitions(it -> Collections.singletonList(TaskNativeThreads.call(
                            () -> confusion(ModelFiles.fromBytes(model.value(), false), it, k, b))).iterator())
                    .fold(new long[k][k], ClassificationMetrics::add);
            return ClassificationMetrics.fromConfusion(confusion);
        } finally {
            model.destroy();
        }
    }

    private static long[][] confusion(ComputationGraph graph, Iterator<LabeledImage> it, int numClasses, int batchSize) {
        long[][] confusion = new long[numClasses][numClasses];
        List<LabeledImage> chunk = new ArrayList<>(batchSize);
        while (it.hasNext()) {
            chunk.clear();
            while (it.hasNext() && chunk.size() < batchSize) {
                LabeledImage example = it.next();
                if (!example.isLabeled()) {
                    throw new IllegalArgumentException("cannot evaluate on unlabeled example " + example.id());
                }
                chunk.add(example);
            }
            List<ImagePixels> images = chunk.stream().map(LabeledImage::pixels).toList();
            INDArray logits = graph.output(false, TrainingRows.input(images))[NetworkOutputs.LOGITS_INDEX];
            if (logits.size(1) != numClasses) {
                throw new IllegalArgumentException("the model predicts " + logits.size(1) + " classes but the data has "
                        + numClasses);
            }
            INDArray predicted = logits.argMax(1);
            for (int i = 0; i < chunk.size(); i++) {
                int label = chunk.get(i).label();
                if (label >= numClasses) {
                    throw new IllegalArgumentException("example " + chunk.get(i).id() + " has label " + label
                            + " outside the " + numClasses + " classes of the data");
                }
                confusion[label][predicted.getInt(i)]++;
            }
        }
        return confusion;
    }
}
