package org.sslpipeline.training.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.CollectionAccumulator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.WorkerConfiguration;
import org.deeplearning4j.spark.api.worker.NetBroadcastTuple;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingResult;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingWorker;
import org.sslpipeline.training.step.KeyedRows;
import org.sslpipeline.training.step.TrainingStep;

import java.util.List;
import java.util.function.Supplier;

/**
 * DL4J's parameter-averaging master, unchanged in how it splits, broadcasts and averages, but handing out
 * {@link StepTrainingWorker}s and reporting every averaging round (for the EMA and progress). This class and the
 * worker are the only code that knows DL4J's Spark module.
 */
public class StepTrainingMaster extends ParameterAveragingTrainingMaster {

    /** Told on the driver after each averaging round that trained something. */
    public interface AveragingListener {
        /** @param predictions the predictions the round's steps reported, for the algorithm's state */
        void onAveraged(ComputationGraph graph, WorkerCounters.Snapshot round, List<KeyedRows> predictions);
    }

    private final TrainingStep step;
    private final long totalIterations;
    private final long seed;
    private final WorkerCounters counters;
    private final transient AveragingListener listener;
    private final transient Supplier<byte[]> stateSnapshot;
    private transient CollectionAccumulator<byte[]> roundPredictions;

    /** @param stateSnapshot the algorithm's state as the next round's workers read it (empty bytes for none) */
    public StepTrainingMaster(Builder builder, TrainingStep step, long totalIterations, long seed,
                              WorkerCounters counters, AveragingListener listener, Supplier<byte[]> stateSnapshot) {
        super(builder);
        this.step = step;
        this.totalIterations = totalIterations;
        this.seed = seed;
        this.counters = counters;
        this.listener = listener;
        this.stateSnapshot = stateSnapshot;
    }

    @Override
    public ParameterAveragingTrainingWorker getWorkerInstance(SparkComputationGraph graph) {
        ComputationGraph network = graph.getNetwork();
        // The tuple holds the driver's live arrays; the worker copies them before training, and Spark never
        // closes the tuple (it is not AutoCloseable), so the driver's weights stay intact.
        NetBroadcastTuple tuple = new NetBroadcastTuple(network.getConfiguration(), network.params(),
                network.getUpdater().getStateViewArray());
        Broadcast<NetBroadcastTuple> broadcast = graph.getSparkContext().broadcast(tuple);
        WorkerConfiguration configuration = new WorkerConfiguration(true, rddDataSetNumExamples, batchSizePerWorker,
                averagingFrequency, prefetchNumBatches, false);
        // The state travels as bytes, never as a live array (see STACK.md on broadcasts freeing driver arrays).
        var sc = graph.getSparkContext();
        byte[] snapshot = stateSnapshot.get();
        Broadcast<byte[]> state = snapshot.length == 0 ? null : sc.broadcast(snapshot);
        roundPredictions = sc.sc().collectionAccumulator("step predictions");
        return new StepTrainingWorker(broadcast, saveUpdater, configuration, step, totalIterations, seed, counters,
                new AveragingRoundState(network.getConfiguration().getIterationCount(), network.getConfiguration().getEpochCount(),
                        state, roundPredictions));
    }

    @Override
    public ParameterAveragingTrainingWorker getWorkerInstance(SparkDl4jMultiLayer network) {
        throw new UnsupportedOperationException("the pipeline trains ComputationGraphs only");
    }

    @Override
    protected void processResults(SparkDl4jMultiLayer network, SparkComputationGraph graph,
                                  JavaRDD<ParameterAveragingTrainingResult> results, int splitNum, int totalSplits) {
        var conf = graph.getNetwork().getConfiguration();
        int iterationBefore = conf.getIterationCount();
        WorkerCounters.Snapshot before = counters.snapshot();
        super.processResults(network, graph, results, splitNum, totalSplits); // runs the round's Spark job
        WorkerCounters.Snapshot round = counters.snapshot().minus(before);
        // DL4J adds averagingFrequency whatever the workers did; count the steps an average worker really took.
        conf.setIterationCount(iterationBefore + round.stepsPerWorker());
        if (round.tasks() > 0 && listener != null) {
            List<KeyedRows> predictions = roundPredictions.value().stream().map(KeyedRows::fromBytes).toList();
            listener.onAveraged(graph.getNetwork(), round, predictions);
        }
    }
}
