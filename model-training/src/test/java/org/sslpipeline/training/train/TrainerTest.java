package org.sslpipeline.training.train;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sslpipeline.training.SyntheticImages;
import org.sslpipeline.training.TestSettings;
import org.sslpipeline.training.augment.Augmentations;
import org.sslpipeline.training.data.ExampleKeys;
import org.sslpipeline.training.data.LabeledImage;
import org.sslpipeline.training.eval.Evaluator;
import org.sslpipeline.training.nn.NetworkArchitecture;
import org.sslpipeline.training.nn.NetworkSpec;
import org.sslpipeline.training.step.SupervisedStep;
import org.sslpipeline.training.step.TemporalEnsemble;
import org.sslpipeline.training.step.TemporalEnsemblingStep;
import org.sslpipeline.training.step.TrainingRows;

import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {
    private static final int CLASSES = 4;
    private final List<LabeledImage> train = SyntheticImages.bars(256, CLASSES, 12, 1, 1);
    private final List<LabeledImage> test = SyntheticImages.bars(64, CLASSES, 12, 1, 2);
    private final TrainSettings settings = TestSettings.train(4, 32, "weak", 5);

    @Test
    void singleJvmTrainingLowersTheLossAndLearnsTheClasses(@TempDir java.nio.file.Path dir) {
        Trainer.Outcome outcome = trainer(dir, null).train(freshNetwork(trainer(dir, null)), false);
        var history = outcome.history();
        assertTrue(history.get(history.size() - 1).meanLoss() < history.get(0).meanLoss() * 0.7, history.toString());
        assertEquals(4 * 8, outcome.iterations());
        double accuracy = new Evaluator(CLASSES, 50).evaluate(outcome.ema().applyTo(outcome.graph()), test).accuracy();
        assertTrue(accuracy > 0.8, "EMA accuracy " + accuracy);
    }

    @Test
    void aStepBudgetCyclesTheStreamInReshuffledPasses(@TempDir java.nio.file.Path dir) {
        List<LabeledImage> few = train.subList(0, 40);
        var rows = new TrainingRows(CLASSES, Augmentations.byName("none"), null, settings.seed());
        var runner = new LocalEpochRunner(few, MinibatchPlan.supervised(16), new SupervisedStep(), rows, 5, 10);
        assertEquals(10, runner.stepsPerEpoch());
        var trainer = new Trainer(settings, runner, new CheckpointStore(new Path(dir.toUri().toString()), new Configuration()),
                (e, r, g, m) -> {});

        Trainer.Outcome outcome = trainer.train(freshNetwork(trainer), false);

        assertEquals(4 * 10, outcome.iterations());
        outcome.history().forEach(epoch -> assertEquals(160, epoch.rows(), epoch.toString()));
    }

    @Test
    void aRunStoppedAfterACheckpointAndResumedEndsExactlyLikeAStraightRun(@TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path straightDir = Files.createDirectory(dir.resolve("straight"));
        java.nio.file.Path resumedDir = Files.createDirectory(dir.resolve("resumed"));
        Trainer straight = trainer(straightDir, null);
        Trainer.Outcome expected = straight.train(freshNetwork(straight), false);

        class Crash extends RuntimeException {}
        int[] epochsStarted = {0};
        Trainer crashing = trainer(resumedDir, (epochsDone, record, graph, ema) -> {
            epochsStarted[0] = epochsDone;
            if (epochsDone == 2) throw new Crash();
        });
        // the process "dies" after epoch 2's training, before its checkpoint: epoch 1's is the newest
        assertThrows(Crash.class, () -> crashing.train(freshNetwork(crashing), false));
        Trainer again = trainer(resumedDir, null);
        Trainer.Outcome resumed = again.train(freshNetwork(again), true);

        assertEquals(2, epochsStarted[0]);
        assertTrue(resumed.resumed());
        assertFalse(expected.resumed());
        assertEquals(0.0, expected.secondsBeforeResume());
        assertTrue(resumed.secondsBeforeResume() > 0, "the crashed attempt's epoch 1 took time");
        assertEquals(expected.iterations(), resumed.iterations());
        assertEquals(expected.history(), resumed.history());
        assertArrayEquals(expected.graph().params().toDoubleVector(), resumed.graph().params().toDoubleVector());
        assertArrayEquals(expected.ema().average().toDoubleVector(), resumed.ema().average().toDoubleVector());
    }

    @Test
    void temporalEnsemblingKeepsATargetPerExampleAndResumesWithThemExactly(@TempDir java.nio.file.Path dir) {
        List<LabeledImage> labeled = train.subList(0, 16);
        // as in the pipeline, the unlabeled stream holds every example, the labeled ones too
        List<LabeledImage> unlabeled = train.subList(0, 112).stream()
                .map(e -> new LabeledImage(e.id(), LabeledImage.UNLABELED, e.pixels())).toList();
        var step = new TemporalEnsemblingStep(new TemporalEnsemblingStep.Settings(3, 5.0, false, 0.2, 0.6), 1.0);
        var plan = MinibatchPlan.mixed(new MixedMinibatches(4, 3), labeled);
        java.util.function.BiFunction<java.nio.file.Path, Trainer.EpochListener, Trainer> trainer = (folder, listener) ->
                trainer(folder, listener, new LocalEpochRunner(unlabeled, plan, step,
                        new TrainingRows(CLASSES, Augmentations.byName("weak"), null, 5), 5, 0));
        Trainer straight = trainer.apply(dir.resolve("straight"), null);
        Trainer.Outcome expected = straight.train(freshNetwork(straight), false);
        assertEquals(112, ensemble(expected).examples(), "every example of the unlabeled stream has a target");

        class Crash extends RuntimeException {}
        Trainer crashing = trainer.apply(dir.resolve("resumed"), (epochsDone, record, graph, ema) -> {
            if (epochsDone == 3) throw new Crash();
        });
        assertThrows(Crash.class, () -> crashing.train(freshNetwork(crashing), false));
        Trainer again = trainer.apply(dir.resolve("resumed"), null);
        Trainer.Outcome resumed = again.train(freshNetwork(again), true);

        assertTrue(resumed.resumed());
        assertEquals(expected.history(), resumed.history());
        assertArrayEquals(expected.graph().params().toDoubleVector(), resumed.graph().params().toDoubleVector());
        long[] keys = train.stream().mapToLong(e -> ExampleKeys.keyOf(e.id())).toArray();
        assertArrayEquals(ensemble(expected).lookup(keys).probabilities().ravel().toFloatVector(),
                ensemble(resumed).lookup(keys).probabilities().ravel().toFloatVector());
    }

    private static TemporalEnsemble ensemble(Trainer.Outcome outcome) {
        return (TemporalEnsemble) outcome.state();
    }

    private Trainer trainer(java.nio.file.Path dir, Trainer.EpochListener listener) {
        var rows = new TrainingRows(CLASSES, Augmentations.byName(settings.augment()), null, settings.seed());
        return trainer(dir, listener, new LocalEpochRunner(train, MinibatchPlan.supervised(settings.batchSize()),
                new SupervisedStep(), rows, settings.seed(), 0));
    }

    private Trainer trainer(java.nio.file.Path dir, Trainer.EpochListener listener, EpochRunner runner) {
        var store = new CheckpointStore(new Path(dir.toUri().toString(), "checkpoints"), new Configuration());
        return new Trainer(settings, runner, store, listener != null ? listener : (e, r, g, m) -> {});
    }

    private ComputationGraph freshNetwork(Trainer trainer) {
        return NetworkArchitecture.SMALL_CNN.build(new NetworkSpec(12, 12, 1, CLASSES, 1, 0.25, 3),
                settings.optimizer().updater(trainer.totalIterations()), settings.weightDecay());
    }
}
