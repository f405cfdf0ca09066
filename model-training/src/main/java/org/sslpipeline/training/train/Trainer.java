package org.sslpipeline.training.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sslpipeline.training.data.ExampleKeys;
import org.sslpipeline.training.nn.NetworkOutputs;
import org.sslpipeline.training.step.AlgorithmState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The epoch loop shared by every trainer: seeds, EMA, checkpoints, resume, progress. Where the steps run
 * (one JVM, Spark) is the {@link EpochRunner}'s business; what a step computes is the algorithm's.
 */
public final class Trainer {
    private static final Logger log = LoggerFactory.getLogger(Trainer.class);

    /** Called after every epoch, before its checkpoint is written, e.g. to evaluate. */
    public interface EpochListener {
        void onEpochEnd(int epochsDone, CheckpointStore.EpochRecord record, ComputationGraph graph, EmaWeights ema);
    }

    /**
     * The end of a run: the trained graph, its EMA, the algorithm's state and the per-epoch records.
     *
     * @param secondsBeforeResume seconds earlier attempts spent on the epochs this one resumed after (0 when it
     *                            started afresh)
     */
    public record Outcome(ComputationGraph graph, EmaWeights ema, AlgorithmState state, int iterations,
                          List<CheckpointStore.EpochRecord> history, boolean resumed, double secondsBeforeResume) {}

    private final TrainSettings settings;
    private final EpochRunner runner;
    private final CheckpointStore checkpoints;
    private final EpochListener listener;

    public Trainer(TrainSettings settings, EpochRunner runner, CheckpointStore checkpoints, EpochListener listener) {
        this.settings = settings;
        this.runner = runner;
        this.checkpoints = checkpoints;
        this.listener = listener;
    }

    /** Total optimizer steps of the run; build the network's updater schedule from this. */
    public long totalIterations() {
        return runner.stepsPerEpoch() * settings.epochs();
    }

    /**
     * @param fresh  a newly initialised network, used unless resuming from a checkpoint
     * @param resume continue from the newest checkpoint if there is one
     */
    public Outcome train(ComputationGraph fresh, boolean resume) {
        ComputationGraph graph = fresh;
        EmaWeights ema = new EmaWeights(settings.emaDecay(), fresh.params(), 0);
        AlgorithmState state = runner.step().newState(NetworkOutputs.numClasses(fresh));
        List<CheckpointStore.EpochRecord> history = new ArrayList<>();
        int startEpoch = 0;
        boolean resumed = false;
        double secondsBeforeResume = 0;
        if (resume) {
            Optional<CheckpointStore.Checkpoint> checkpoint = checkpoints.latest(settings.emaDecay());
            if (checkpoint.isPresent()) {
                graph = checkpoint.get().graph();
                ema = checkpoint.get().ema();
                state.restore(checkpoint.get().algorithmState());
                history.addAll(checkpoint.get().state().history());
                startEpoch = checkpoint.get().state().epochsDone();
                secondsBeforeResume = checkpoint.get().state().trainSeconds();
                resumed = true;
                log.info("Resuming after epoch {} (iteration {})", startEpoch, graph.getConfiguration().getIterationCount());
            } else {
                log.info("No checkpoint to resume from; starting afresh");
            }
        }
        long total = totalIterations();
        long started = System.nanoTime();
        for (int epoch = startEpoch; epoch < settings.epochs(); epoch++) {
            // Dropout and other in-network randomness restart from a known state each epoch, so a resumed run
            // repeats exactly what an uninterrupted one does.
            Nd4j.getRandom().setSeed(ExampleKeys.mix(settings.seed() * 7919 + epoch));
            long epochStart = System.nanoTime();
            EpochRunner.EpochStats stats = runner.runEpoch(graph, epoch, total, ema, state);
            graph.getConfiguration().setEpochCount(epoch + 1);
            var record = new CheckpointStore.EpochRecord(epoch + 1, stats.steps(), stats.rows(), stats.meanLoss(),
                    stats.meanTerms());
            history.add(record);

            double seconds = (System.nanoTime() - epochStart) / 1e9;
            double elapsed = (System.nanoTime() - started) / 1e9;
            int epochsLeft = settings.epochs() - epoch - 1;
            double eta = elapsed / (epoch + 1 - startEpoch) * epochsLeft;
            log.info(String.format("epoch %d/%d: loss %.4f%s, %d steps, %.0f rows/s, %.0fs; about %.0fs left",
                    epoch + 1, settings.epochs(), stats.meanLoss(), describe(stats.meanTerms()), stats.steps(),
                    stats.rows() / seconds, seconds, eta));

            // The listener (evaluation) runs before the checkpoint: a run killed in between repeats the epoch, and
            // with it the evaluation, instead of resuming past an epoch whose evaluation was never written.
            listener.onEpochEnd(epoch + 1, record, graph, ema);
            boolean last = epoch + 1 == settings.epochs();
            if (last || (epoch + 1) % settings.checkpointEveryEpochs() == 0) {
                checkpoints.save(graph, ema, state.checkpoint(), new CheckpointStore.State(epoch + 1,
                        graph.getConfiguration().getIterationCount(), ema.updates(), history,
                        secondsBeforeResume + (System.nanoTime() - started) / 1e9));
            }
        }
        return new Outcome(graph, ema, state, graph.getConfiguration().getIterationCount(), List.copyOf(history), resumed,
                secondsBeforeResume);
    }

    /** " (mask_rate 0.4210, supervised 0.3120, ...)", or nothing when the step reports no terms. */
    private static String describe(Map<String, Double> terms) {
        if (terms.isEmpty()) return "";
        StringJoiner parts = new StringJoiner(", ", " (", ")");
        terms.forEach((name, value) -> parts.add(String.format("%s %.4f", name, value)));
        return parts.toString();
    }
}
