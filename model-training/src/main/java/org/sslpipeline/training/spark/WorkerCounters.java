package org.sslpipeline.training.spark;

import org.apache.spark.SparkContext;
import org.apache.spark.util.DoubleAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.sslpipeline.training.step.StepLoss;
import org.sslpipeline.training.train.LossTerms;

import java.io.Serializable;

/**
 * What the workers of parameter-averaging rounds really did, counted with Spark accumulators: DL4J's master
 * assumes every worker ran {@code averagingFrequency} minibatches, which is false whenever a worker's share of a
 * round is smaller (few labels, many workers). Retried tasks count twice, as accumulators in transformations do.
 */
public final class WorkerCounters implements Serializable {
    private static final long serialVersionUID = 1L;

    private final LongAccumulator tasks;
    private final LongAccumulator steps;
    private final LongAccumulator rows;
    private final DoubleAccumulator loss;
    private final LossTermsAccumulator terms;

    private WorkerCounters(SparkContext sc) {
        this.tasks = sc.longAccumulator("training tasks");
        this.steps = sc.longAccumulator("training steps");
        this.rows = sc.longAccumulator("training rows");
        this.loss = sc.doubleAccumulator("training loss");
        this.terms = new LossTermsAccumulator();
        sc.register(terms, "training loss terms");
    }

    public static WorkerCounters register(SparkContext sc) {
        return new WorkerCounters(sc);
    }

    /** On a worker, once per task that received data. */
    void taskStarted() {
        tasks.add(1);
    }

    /** On a worker, once per optimizer step. */
    void stepDone(long batchRows, StepLoss stepLoss) {
        steps.add(1);
        rows.add(batchRows);
        loss.add(stepLoss.value());
        terms.add(stepLoss.terms());
    }

    /** On the driver: the loss terms summed over every step so far. */
    LossTerms terms() {
        return terms.value();
    }

    /** On the driver. */
    Snapshot snapshot() {
        return new Snapshot(tasks.value(), steps.value(), rows.value(), loss.value());
    }

    /** Totals at one moment; {@link #minus} gives what happened in between. */
    public record Snapshot(long tasks, long steps, long rows, double lossSum) {
        Snapshot minus(Snapshot earlier) {
            return new Snapshot(tasks - earlier.tasks, steps - earlier.steps, rows - earlier.rows, lossSum - earlier.lossSum);
        }

        /** Optimizer steps of an average worker, the increase of the averaged model's iteration count. */
        public int stepsPerWorker() {
            return tasks == 0 ? 0 : (int) Math.max(1, Math.round((double) steps / tasks));
        }
    }
}
