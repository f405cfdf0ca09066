package org.sslpipeline.training.spark;

import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sslpipeline.training.SyntheticImages;
import org.sslpipeline.training.TestSettings;
import org.sslpipeline.training.augment.Augmentations;
import org.sslpipeline.training.data.LabeledImage;
import org.sslpipeline.training.eval.ClassificationMetrics;
import org.sslpipeline.training.eval.Evaluator;
import org.sslpipeline.training.nn.NetworkArchitecture;
import org.sslpipeline.training.nn.NetworkSpec;
import org.sslpipeline.training.step.KeyedRows;
import org.sslpipeline.training.step.SupervisedStep;
import org.sslpipeline.training.step.TemporalEnsemble;
import org.sslpipeline.training.step.TemporalEnsemblingStep;
import org.sslpipeline.training.step.TrainingRows;
import org.sslpipeline.training.train.CheckpointStore;
import org.sslpipeline.training.train.MinibatchPlan;
import org.sslpipeline.training.train.MixedMinibatches;
import org.sslpipeline.training.train.TrainSettings;
import org.sslpipeline.training.train.Trainer;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The subclassed DL4J master and worker on a real local[2] Spark, Kryo registration required. */
class SparkTrainingTest {
    private static final int CLASSES = 4;
    private static JavaSparkContext sc;

    @BeforeAll
    static void startSpark() {
        SparkConf conf = PipelineSparkConf.withPipelineDefaults(new SparkConf()
                .setMaster("local[2]").setAppName("spark-training-test")
                .set("spark.ui.enabled", "false")
                .set("spark.kryo.registrationRequired", "true"));
        sc = new JavaSparkContext(conf);
    }

    @AfterAll
    static void stopSpark() {
        sc.stop();
    }

    @Test
    void parameterAveragedTrainingWithTheAlgorithmStepLearnsAndAdvancesTheSchedule(@TempDir java.nio.file.Path dir) {
        List<LabeledImage> train = SyntheticImages.bars(512, CLASSES, 12, 1, 1);
        List<LabeledImage> test = SyntheticImages.bars(128, CLASSES, 12, 1, 2);
        JavaRDD<LabeledImage> examples = sc.parallelize(train, 4).persist(StorageLevel.MEMORY_ONLY_SER());
        TrainSettings settings = TestSettings.train(3, 32, "weak", 7);
        var rows = new TrainingRows(CLASSES, Augmentations.byName("weak"), null, settings.seed());
        var runner = new SparkEpochRunner(sc, examples, MinibatchPlan.supervised(settings.batchSize()), new SupervisedStep(), rows, settings.seed(),
                new SparkTrainSettings(2, 2, true, 0), 0);
        assertEquals(2, runner.workers());
        // 512 rows / 32 = 16 minibatches; 2 workers x 2 per round = 4 rounds x 2 counted steps
        assertEquals(8, runner.stepsPerEpoch());
        Trainer trainer = new Trainer(settings, runner,
                new CheckpointStore(new Path(dir.toUri().toString()), sc.hadoopConfiguration()), (e, r, g, m) -> {});
        ComputationGraph graph = NetworkArchitecture.SMALL_CNN.build(new NetworkSpec(12, 12, 1, CLASSES, 1, 0.0, 3),
                settings.optimizer().updater(trainer.totalIterations()), settings.weightDecay());

        Trainer.Outcome outcome = trainer.train(graph, false);

        var history = outcome.history();
        for (var epoch : history) {
            // DL4J deals each partition's minibatches round-robin to the rounds; a worker stops after 2 per round,
            // so a partition one minibatch over 8 loses it. Counted from what the workers really did:
            assertTrue(epoch.steps() >= 7 && epoch.steps() <= 9, "steps per worker " + epoch);
            assertTrue(epoch.rows() > 448 && epoch.rows() <= 512, "rows trained " + epoch);
        }
        assertEquals(history.stream().mapToLong(e -> e.steps()).sum(), outcome.iterations());
        assertTrue(history.get(2).meanLoss() < history.get(0).meanLoss(), history.toString());
        Evaluator evaluator = new Evaluator(CLASSES, 64);
        ClassificationMetrics distributed = evaluator.evaluate(sc, outcome.ema().applyTo(outcome.graph()),
                sc.parallelize(test, 3));
        ClassificationMetrics local = evaluator.evaluate(outcome.ema().applyTo(outcome.graph()), test);
        assertEquals(local.accuracy(), distributed.accuracy(), 1e-9, "Spark and single-JVM evaluation agree");
        assertEquals(128, distributed.examples());
        assertTrue(distributed.accuracy() > 0.8, "EMA accuracy " + distributed.accuracy());
        examples.unpersist();
    }

    @Test
    void aStepBudgetGivesEveryWorkerExactlyItsStepsWhetherTheStreamIsCycledOrSampled(@TempDir java.nio.file.Path dir) {
        TrainSettings settings = TestSettings.train(2, 8, "none", 11);
        var rows = new TrainingRows(CLASSES, Augmentations.byName("none"), null, settings.seed());
        // 24 rows, far fewer than the budget's 2 x 6 x 8 = 96 (cycled); 512 rows, far more (sampled)
        for (int streamRows : new int[] {24, 512}) {
            JavaRDD<LabeledImage> examples = sc.parallelize(SyntheticImages.bars(streamRows, CLASSES, 12, 1, 4), 3);
            var runner = new SparkEpochRunner(sc, examples, MinibatchPlan.supervised(settings.batchSize()),
                    new SupervisedStep(), rows, settings.seed(), new SparkTrainSettings(2, 3, true, 0), 6);
            assertEquals(6, runner.stepsPerEpoch());
            Trainer trainer = new Trainer(settings, runner, new CheckpointStore(
                    new Path(dir.resolve("run-" + streamRows).toUri().toString()), sc.hadoopConfiguration()), (e, r, g, m) -> {});
            ComputationGraph graph = NetworkArchitecture.SMALL_CNN.build(new NetworkSpec(12, 12, 1, CLASSES, 1, 0.0, 3),
                    settings.optimizer().updater(trainer.totalIterations()), settings.weightDecay());

            Trainer.Outcome outcome = trainer.train(graph, false);

            for (var epoch : outcome.history()) {
                assertEquals(6, epoch.steps(), streamRows + " stream rows: " + epoch);
                assertEquals(2 * 6 * 8, epoch.rows(), streamRows + " stream rows: " + epoch);
            }
            assertEquals(12, outcome.iterations());
        }
    }

    @Test
    void temporalEnsemblingTargetsComeBackFromTheWorkersEveryRound(@TempDir java.nio.file.Path dir) {
        List<LabeledImage> images = SyntheticImages.bars(120, CLASSES, 12, 1, 5);
        List<LabeledImage> labeled = images.subList(0, 8);
        List<LabeledImage> unlabeled = images.subList(8, 120).stream()
                .map(e -> new LabeledImage(e.id(), LabeledImage.UNLABELED, e.pixels())).toList();
        TrainSettings settings = TestSettings.train(2, 4, "weak", 13);
        var runner = new SparkEpochRunner(sc, sc.parallelize(unlabeled, 2),
                MinibatchPlan.mixed(new MixedMinibatches(4, 3), labeled), new TemporalEnsemblingStep(new TemporalEnsemblingStep.Settings(3, 5.0, false, 0.2, 0.6), 1.0),
                new TrainingRows(CLASSES, Augmentations.byName("weak"), null, settings.seed()), settings.seed(),
                new SparkTrainSettings(2, 2, true, 0), 0);
        Trainer trainer = new Trainer(settings, runner,
                new CheckpointStore(new Path(dir.toUri().toString()), sc.hadoopConfiguration()), (e, r, g, m) -> {});
        ComputationGraph graph = NetworkArchitecture.SMALL_CNN.build(new NetworkSpec(12, 12, 1, CLASSES, 1, 0.2, 3),
                settings.optimizer().updater(trainer.totalIterations()), settings.weightDecay());

        Trainer.Outcome outcome = trainer.train(graph, false);

        // DL4J may drop a partition's odd minibatch (see above), so nearly, not necessarily, every example
        assertTrue(((TemporalEnsemble) outcome.state()).examples() >= 100, "examples with a target: " + ((TemporalEnsemble) outcome.state()).examples());
        KeyedRows targets = ((TemporalEnsemble) outcome.state()).targets();
        for (int row = 0; row < targets.keys().length; row++) {
            double sum = 0;
            for (int c = 0; c < CLASSES; c++) sum += targets.values()[row * CLASSES + c];
            assertEquals(1.0, sum, 1e-4, "a target is a bias-corrected average of softmax outputs");
        }
    }
}
