package org.sslpipeline.training.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.sslpipeline.training.data.ExampleKeys;
import org.sslpipeline.training.data.LabeledImage;
import org.sslpipeline.training.step.StepLoss;
import org.sslpipeline.training.step.TrainingBatch;
import org.sslpipeline.training.step.TrainingRows;
import org.sslpipeline.training.step.TrainingStep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Plain single-JVM training: a seeded shuffle per epoch, minibatches in order, EMA after every step. */
public final class LocalEpochRunner implements EpochRunner {
    private final List<LabeledImage> examples;
    private final TrainingStep step;
    private final TrainingRows rows;
    private final int batchSize;
    private final long seed;

    public LocalEpochRunner(List<LabeledImage> examples, TrainingStep step, TrainingRows rows, int batchSize, long seed) {
        if (examples.isEmpty()) throw new IllegalArgumentException("no training examples");
        // A fixed order before the seeded shuffle, whatever order the examples arrived in (e.g. from a shuffle).
        List<LabeledImage> sorted = new ArrayList<>(examples);
        sorted.sort(java.util.Comparator.comparingLong((LabeledImage e) -> ExampleKeys.keyOf(e.id()))
                .thenComparing(LabeledImage::id));
        this.examples = List.copyOf(sorted);
        this.step = step;
        this.rows = rows;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    @Override
    public long stepsPerEpoch() {
        return (examples.size() + batchSize - 1) / batchSize;
    }

    @Override
    public EpochStats runEpoch(ComputationGraph graph, int epoch, long totalIterations, EmaWeights ema) {
        List<LabeledImage> order = new ArrayList<>(examples);
        Collections.shuffle(order, new Random(ExampleKeys.mix(seed * 31 + epoch)));
        double lossSum = 0;
        long steps = 0;
        for (int from = 0; from < order.size(); from += batchSize) {
            List<LabeledImage> chunk = order.subList(from, Math.min(order.size(), from + batchSize));
            StepLoss loss = ExternalErrorStep.run(graph, step, new TrainingBatch(rows.batch(chunk, epoch)), totalIterations);
            ema.update(graph.params(), 1);
            lossSum += loss.value();
            steps++;
        }
        return new EpochStats(steps, order.size(), lossSum / steps);
    }
}
