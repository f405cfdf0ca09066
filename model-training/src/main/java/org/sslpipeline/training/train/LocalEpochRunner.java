package org.sslpipeline.training.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.sslpipeline.training.data.ExampleKeys;
import org.sslpipeline.training.data.LabeledImage;
import org.sslpipeline.training.step.AlgorithmState;
import org.sslpipeline.training.step.RoundTargets;
import org.sslpipeline.training.step.StepLoss;
import org.sslpipeline.training.step.TrainingBatch;
import org.sslpipeline.training.step.TrainingRows;
import org.sslpipeline.training.step.TrainingStep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Plain single-JVM training: a seeded shuffle of the stream per epoch (reshuffled copies one after another when a
 * step budget needs more rows than one pass), the plan's minibatches, EMA every step.
 */
public final class LocalEpochRunner implements EpochRunner {
    private final List<LabeledImage> stream;
    private final MinibatchPlan plan;
    private final TrainingStep step;
    private final TrainingRows rows;
    private final long seed;
    private final int fixedSteps;

    /**
     * @param stream        the rows an epoch passes over once: labeled rows, or the unlabeled pool for a mixed plan
     * @param stepsPerEpoch optimizer steps per epoch; 0 = one pass over the stream
     */
    public LocalEpochRunner(List<LabeledImage> stream, MinibatchPlan plan, TrainingStep step, TrainingRows rows, long seed,
                            int stepsPerEpoch) {
        if (stream.isEmpty()) throw new IllegalArgumentException("no training examples");
        if (stepsPerEpoch < 0) throw new IllegalArgumentException("steps per epoch must be >= 0, got " + stepsPerEpoch);
        // A fixed order before the seeded shuffle, whatever order the examples arrived in (e.g. from a shuffle).
        List<LabeledImage> sorted = new ArrayList<>(stream);
        sorted.sort(Comparator.comparingLong((LabeledImage e) -> ExampleKeys.keyOf(e.id())).thenComparing(LabeledImage::id));
        this.stream = List.copyOf(sorted);
        this.plan = plan;
        this.step = step;
        this.rows = rows;
        this.seed = seed;
        this.fixedSteps = stepsPerEpoch;
    }

    @Override
    public long stepsPerEpoch() {
        if (fixedSteps > 0) return fixedSteps;
        return (stream.size() + plan.streamRowsPerBatch() - 1) / plan.streamRowsPerBatch();
    }

    @Override
    public TrainingStep step() {
        return step;
    }

    @Override
    public EpochStats runEpoch(ComputationGraph graph, int epoch, long totalIterations, EmaWeights ema,
                               AlgorithmState state) {
        List<LabeledImage> order = epochOrder(epoch);
        double lossSum = 0;
        LossTerms terms = new LossTerms();
        long steps = 0;
        long rowsSeen = 0;
        RoundTargets targets = state.inThisJvm(graph, ema.average());
        for (Iterator<List<LabeledImage>> it = plan.minibatches(order.iterator(), epoch, 0, seed); it.hasNext(); ) {
            List<LabeledImage> chunk = it.next();
            TrainingBatch batch = new TrainingBatch(rows.batch(chunk, epoch));
            StepLoss loss = OptimizerStep.run(graph, targets, step, batch, totalIterations);
            ema.update(graph.params(), 1);
            state.fold(loss.predictions() == null ? List.of() : List.of(loss.predictions()));
            lossSum += loss.value();
            terms.add(loss.terms());
            rowsSeen += chunk.size();
            steps++;
        }
        return new EpochStats(steps, rowsSeen, lossSum / steps, terms.means());
    }

    private List<LabeledImage> epochOrder(int epoch) {
        Random random = new Random(ExampleKeys.mix(seed * 31 + epoch));
        long needed = fixedSteps > 0 ? (long) fixedSteps * plan.streamRowsPerBatch() : stream.size();
        List<LabeledImage> order = new ArrayList<>((int) needed);
        while (order.size() < needed) {
            List<LabeledImage> pass = new ArrayList<>(stream);
            Collections.shuffle(pass, random);
            order.addAll(pass.subList(0, (int) Math.min(pass.size(), needed - order.size())));
        }
        return order;
    }
}
