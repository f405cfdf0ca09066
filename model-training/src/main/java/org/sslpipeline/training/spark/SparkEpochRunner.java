package org.sslpipeline.training.spark;

import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.sslpipeline.training.data.ExampleKeys;
import org.sslpipeline.training.data.LabeledImage;
import org.sslpipeline.training.step.AlgorithmState;
import org.sslpipeline.training.step.TrainingRows;
import org.sslpipeline.training.step.TrainingStep;
import org.sslpipeline.training.train.EmaWeights;
import org.sslpipeline.training.train.EpochRunner;
import org.sslpipeline.training.train.MinibatchPlan;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One epoch as a Spark job: rows shuffled by a seeded key, built into minibatches inside the tasks (decode and
 * augmentation run on the executors), then trained by DL4J's parameter averaging with the algorithm's step.
 * With a step budget, each worker's partition gets exactly the rows of its steps: the stream is replicated or
 * sampled (seeded per row and epoch) with a margin, and each sorted partition keeps its first rows.
 */
public final class SparkEpochRunner implements EpochRunner {
    private final JavaSparkContext sc;
    private final JavaRDD<LabeledImage> stream;
    private final long streamRows;
    private final MinibatchPlan plan;
    private final TrainingStep step;
    private final TrainingRows rows;
    private final int streamRowsPerBatch;
    private final int rowsPerBatch;
    private final long seed;
    private final SparkTrainSettings settings;
    private final int workers;
    private final int fixedSteps;

    /**
     * @param stream        the rows an epoch passes over once (labeled rows, or the unlabeled pool for a mixed plan),
     *                      ideally cached by the caller: they are read every epoch
     * @param stepsPerEpoch optimizer steps per epoch (each worker takes this many minibatches); 0 = one pass
     */
    public SparkEpochRunner(JavaSparkContext sc, JavaRDD<LabeledImage> stream, MinibatchPlan plan, TrainingStep step,
                            TrainingRows rows, long seed, SparkTrainSettings settings, int stepsPerEpoch) {
        if (stepsPerEpoch < 0) throw new IllegalArgumentException("steps per epoch must be >= 0, got " + stepsPerEpoch);
        this.sc = sc;
        this.stream = stream;
        this.streamRows = stream.count();
        if (streamRows == 0) throw new IllegalArgumentException("no training examples");
        this.plan = plan;
        this.step = step;
        this.rows = rows;
        this.streamRowsPerBatch = plan.streamRowsPerBatch();
        this.rowsPerBatch = plan.rowsPerBatch();
        this.seed = seed;
        this.settings = settings;
        this.workers = settings.workers() > 0 ? settings.workers() : sc.defaultParallelism();
        this.fixedSteps = stepsPerEpoch;
    }

    public int workers() { return workers; }

    /**
     * DL4J runs floor(minibatches / (workers x frequency)) averaging rounds; in each a worker takes at most
     * {@code frequency} steps, fewer when its share of the round is smaller.
     */
    @Override
    public long stepsPerEpoch() {
        long perWorker = fixedSteps > 0 ? fixedSteps : (streamRows + (long) workers * streamRowsPerBatch - 1) / ((long) workers * streamRowsPerBatch);
        long frequency = settings.averagingFrequency();
        long rounds = Math.max(1, perWorker / frequency);
        long stepsPerRound = Math.min(frequency, (perWorker + rounds - 1) / rounds);
        return rounds * stepsPerRound;
    }

    @Override
    public TrainingStep step() {
        return step;
    }

    @Override
    public EpochStats runEpoch(ComputationGraph graph, int epoch, long totalIterations, EmaWeights ema,
                               AlgorithmState state) {
        JavaRDD<MultiDataSet> minibatches = shuffledMinibatches(epoch);
        WorkerCounters counters = WorkerCounters.register(sc.sc());
        int iterationsBefore = graph.getConfiguration().getIterationCount();
        StepTrainingMaster master = new StepTrainingMaster(
                // DL4J re-batches to this size; our minibatches are built whole, so it must be theirs
                new ParameterAveragingTrainingMaster.Builder(workers, rowsPerBatch)
                        .batchSizePerWorker(rowsPerBatch)
                        .averagingFrequency(settings.averagingFrequency())
                        .saveUpdater(settings.averageUpdaterState())
                        .workerPrefetchNumBatches(settings.prefetchBatches())
                        .rddTrainingApproach(RDDTrainingApproach.Direct)
                        // the epoch's rows already sit in one partition per worker: no shuffle per averaging round
                        .repartionData(Repartition.NumPartitionsWorkersDiffers)
                        .storageLevel(StorageLevel.MEMORY_ONLY_SER())
                        .rngSeed(ExampleKeys.mix(seed * 131 + epoch)),
                step, totalIterations, seed, counters,
                (averaged, round, predictions) -> {
                    ema.update(averaged.params(), round.stepsPerWorker());
                    state.fold(predictions);
                },
                () -> state.snapshot(ema.average()));
        try {
            new SparkComputationGraph(sc, graph, master).fitMultiDataSet(minibatches);
        } finally {
            minibatches.unpersist(false);
        }
        WorkerCounters.Snapshot epochTotals = counters.snapshot();
        long iterations = graph.getConfiguration().getIterationCount() - iterationsBefore;
        double meanLoss = epochTotals.steps() == 0 ? Double.NaN : epochTotals.lossSum() / epochTotals.steps();
        return new EpochStats(iterations, epochTotals.rows(), meanLoss, counters.terms().means());
    }

    private JavaRDD<MultiDataSet> shuffledMinibatches(int epoch) {
        long epochSeed = ExampleKeys.mix(seed * 31 + epoch);
        MinibatchPlan minibatchPlan = plan;
        TrainingRows builder = rows;
        long runSeed = seed;
        long rowsPerWorker = (long) fixedSteps * streamRowsPerBatch;
        // Copies of each row, on average, so that every partition very likely gets its rows: six standard
        // deviations of the binomial partition sizes above the need.
        double copiesPerRow = fixedSteps == 0 ? 1
                : workers * (rowsPerWorker + 6 * Math.sqrt(rowsPerWorker) + 1) / streamRows;
        return stream
                .flatMapToPair(e -> shuffleKeys(e, epochSeed, copiesPerRow))
                .repartitionAndSortWithinPartitions(new HashPartitioner(workers))
                .values()
                .mapPartitionsWithIndex((partition, it) -> trainingRows(minibatchPlan.minibatches(
                        rowsPerWorker == 0 ? it : limit(it, rowsPerWorker), epoch, partition, runSeed), builder, epoch), true);
    }

    /** floor(copies) keyed copies of the row, plus one more with probability frac(copies), all seeded by row and epoch. */
    private static Iterator<Tuple2<Long, LabeledImage>> shuffleKeys(LabeledImage e, long epochSeed, double copies) {
        long key = ExampleKeys.keyOf(e.id());
        int whole = (int) Math.floor(copies);
        double extra = (ExampleKeys.mix(epochSeed ^ key ^ 0x5DEECE66DL) >>> 11) * 0x1.0p-53;
        int count = whole + (extra < copies - whole ? 1 : 0);
        List<Tuple2<Long, LabeledImage>> out = new ArrayList<>(count);
        for (int copy = 0; copy < count; copy++) {
            out.add(new Tuple2<>(ExampleKeys.mix(epochSeed ^ key ^ ((long) copy * 0x9E3779B97F4A7C15L)), e));
        }
        return out.iterator();
    }

    private static <T> Iterator<T> limit(Iterator<T> it, long max) {
        return new Iterator<>() {
            private long taken;

            @Override
            public boolean hasNext() {
                return taken < max && it.hasNext();
            }

            @Override
            public T next() {
                taken++;
                return it.next();
            }
        };
    }

    /** Static, so the task closure does not drag this runner (and its Spark context) along. */
    private static Iterator<MultiDataSet> trainingRows(Iterator<List<LabeledImage>> minibatches, TrainingRows builder,
                                                       int epoch) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return minibatches.hasNext();
            }

            @Override
            public MultiDataSet next() {
                return builder.batch(minibatches.next(), epoch);
            }
        };
    }
}
