package org.sslpipeline.training.spark;

import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.WorkerConfiguration;
import org.deeplearning4j.spark.api.worker.NetBroadcastTuple;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingResult;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingWorker;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.sslpipeline.training.data.ExampleKeys;
import org.sslpipeline.training.nn.NativeLayerHelpers;
import org.sslpipeline.training.step.RoundTargets;
import org.sslpipeline.training.step.StepLoss;
import org.sslpipeline.training.step.TrainingBatch;
import org.sslpipeline.training.step.TrainingStep;
import org.sslpipeline.training.train.OptimizerStep;

import java.util.List;

/**
 * DL4J's parameter-averaging worker with the algorithm's step in place of {@code graph.fit}: everything
 * else (getting the broadcast network, returning parameters and updater state for averaging) stays DL4J's.
 */
public class StepTrainingWorker extends ParameterAveragingTrainingWorker {
    private static final long serialVersionUID = 1L;

    private final TrainingStep step;
    private final long totalIterations;
    private final long seed;
    private final WorkerCounters counters;
    private final AveragingRoundState state;
    private transient RoundTargets targets;

    public StepTrainingWorker(Broadcast<NetBroadcastTuple> broadcast, boolean saveUpdater,
                              WorkerConfiguration configuration, TrainingStep step, long totalIterations, long seed,
                              WorkerCounters counters, AveragingRoundState state) {
        super(broadcast, saveUpdater, configuration, List.of(), List.of(), null);
        this.step = step;
        this.totalIterations = totalIterations;
        this.seed = seed;
        this.counters = counters;
        this.state = state;
    }

    @Override
    public ComputationGraph getInitialModelGraph() {
        // An executor JVM of its own has not restored any model yet: the graph built here must get the native
        // layer helpers as the driver's do, or the executors train through DL4J's slower Java convolution.
        NativeLayerHelpers.enable();
        ComputationGraph graph = super.getInitialModelGraph();
        // Ramp-ups, the learning-rate schedule and the dropout streams below all follow the global iteration.
        graph.getConfiguration().setIterationCount(state.iteration());
        graph.getConfiguration().setEpochCount(state.epoch());
        counters.taskStarted();
        // the algorithm's state at the start of this averaging round, rebuilt from bytes on the executor
        targets = state.algorithmState() == null ? RoundTargets.NONE
                : step.roundTargets(state.algorithmState().value(), graph.getConfiguration());
        // Each worker of each averaging round draws its dropout masks from its own reproducible stream.
        TaskContext task = TaskContext.get();
        int partition = task == null ? 0 : task.partitionId();
        Nd4j.getRandom().setSeed(ExampleKeys.mix(
                ExampleKeys.mix(seed * 0x9E3779B97F4A7C15L + graph.getConfiguration().getIterationCount()) + partition));
        return graph;
    }

    @Override
    public ParameterAveragingTrainingResult processMinibatch(MultiDataSet rows, ComputationGraph graph, boolean isLast) {
        TrainingBatch batch = new TrainingBatch(rows);
        // on the cores Spark granted this task, not every core of the machine (which the other tasks share)
        StepLoss loss = TaskNativeThreads.call(
                () -> OptimizerStep.run(graph, targets, step, batch, totalIterations));
        if (loss.predictions() != null) {
            state.predictions().add(loss.predictions().toBytes());
        }
        counters.stepDone(batch.size(), loss);
        Nd4j.getExecutioner().commit();
        return isLast ? getFinalResult(graph) : null;
    }
}
