package org.sslpipeline.driver.run;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sslpipeline.driver.config.NoisyStudentSettings;
import org.sslpipeline.driver.config.PipelineConfig;
import org.sslpipeline.jobs.corpus.CorpusManifest;
import org.sslpipeline.jobs.corpus.CorpusReader;
import org.sslpipeline.jobs.corpus.CorpusSchema;
import org.sslpipeline.jobs.pseudo.HiddenLabelCheck;
import org.sslpipeline.jobs.pseudo.PseudoLabelJob;
import org.sslpipeline.jobs.pseudo.PseudoLabelSelection;
import org.sslpipeline.jobs.pseudo.SelectionSettings;
import org.sslpipeline.jobs.pseudo.SelectionSummary;
import org.sslpipeline.training.io.HadoopFiles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ssl-pipeline run}: the teacher (train.algorithm), then noisy-student.rounds rounds of pseudo-label ->
 * select -> student, each student the next round's teacher. Under {@code <run.dir>/<id>/}:
 * <pre>
 *   config.conf          the resolved configuration; a restart must bring the same
 *   state.json           the finished stages ({@link StageLog}); a restart skips them
 *   round-1/teacher/     the first teacher's training run (train/model.zip, metrics.json, checkpoints/)
 *   round-R/pseudo/      the teacher's labels of the unlabeled pool (Parquet)
 *   round-R/selected/    after threshold and class balancing (Parquet; per-class counts in _selection.json)
 *   round-R/student/     the student's training run
 *   report.html          accuracy per round, training curves, confidence and class balance per round ({@link RunReport})
 * </pre>
 * Every output is committed atomically before its stage is marked done, and an unfinished training stage resumes
 * from its newest checkpoint, so a driver killed at any point and started again with the same command ends with
 * the same labels, counts and metrics as one that never stopped.
 */
public final class NoisyStudentRun {
    private static final Logger log = LoggerFactory.getLogger(NoisyStudentRun.class);

    /**
     * One round: its teacher's and student's test accuracy (EMA weights), its label counts, and the wall time of
     * its pseudo-label, selection and student stages.
     */
    public record Round(int round, double teacherAccuracy, double studentAccuracy, long pseudoLabels, long selected,
                        double seconds) {}

    public record Result(Path root, double teacherAccuracy, double teacherSeconds, List<Round> rounds, int stagesSkipped) {}

    private final SparkSession spark;
    private final PipelineConfig config;
    private final Path root;
    private final Configuration hadoop;

    public NoisyStudentRun(SparkSession spark, PipelineConfig config, Path root) {
        this.spark = spark;
        this.config = config;
        this.root = root;
        this.hadoop = spark.sparkContext().hadoopConfiguration();
    }

    public Result run() {
        NoisyStudentSettings ns = config.noisyStudent();
        if (ns.studentWidth() < config.model().width()) {
            throw new IllegalArgumentException("ssl.noisy-student.student-width (" + ns.studentWidth() + ") must be at "
                    + "least the teacher's ssl.model.width (" + config.model().width() + "): the student is equal or larger");
        }
        checkSameConfig();
        StageLog stages = StageLog.open(hadoop, new Path(root, "state.json"));
        int skipped = stages.finishedCount();
        if (skipped > 0) log.info("Resuming {}: {} stages already finished", root, skipped);
        warnIfOtherBuilds(stages);
        CorpusManifest manifest = CorpusReader.manifest(spark, config.data().corpus());

        RunFolder teacherFolder = new RunFolder(new Path(round(1), "teacher"));
        double teacherAccuracy = trainingStage(stages, "round-1/teacher", config, teacherFolder, null);
        RunReport.write(hadoop, root, config, stages);
        double roundTeacherAccuracy = teacherAccuracy;
        RunFolder teacher = teacherFolder;
        List<Round> rounds = new ArrayList<>();
        for (int r = 1; r <= ns.rounds(); r++) {
            long pseudoLabels = pseudoLabelStage(stages, r, teacher, manifest);
            long selected = selectionStage(stages, r, manifest);
            RunFolder student = new RunFolder(new Path(round(r), "student"));
            double studentAccuracy = trainingStage(stages, "round-" + r + "/student", studentConfig(ns, r), student,
                    new TrainingRun.PseudoLabels(new Path(round(r), "selected").toString(), ns.softLabels(), ns.pseudoRatio()));
            double seconds = stages.wallSeconds("round-" + r + "/pseudo") + stages.wallSeconds("round-" + r + "/select")
                    + stages.wallSeconds("round-" + r + "/student");
            rounds.add(new Round(r, roundTeacherAccuracy, studentAccuracy, pseudoLabels, selected, seconds));
            log.info(String.format("round %d: teacher %.4f -> student %.4f (%d pseudo-labels, %d selected)",
                    r, roundTeacherAccuracy, studentAccuracy, pseudoLabels, selected));
            roundTeacherAccuracy = studentAccuracy;
            teacher = student;
            Path report = RunReport.write(hadoop, root, config, stages);
            log.info("Report of the rounds so far: {}", report);
        }
        return new Result(root, teacherAccuracy, stages.wallSeconds("round-1/teacher"), rounds, skipped);
    }

    private Path round(int r) {
        return new Path(root, "round-" + r);
    }

    /** A training stage, resumed from its checkpoints if an earlier driver started it; returns its test accuracy. */
    private double trainingStage(StageLog stages, String name, PipelineConfig stageConfig, RunFolder folder,
                                 TrainingRun.PseudoLabels pseudoLabels) {
        if (!stages.isDone(name)) {
            long started = System.nanoTime();
            log.info("Stage {}: training", name);
            TrainingRun.Result result = new TrainingRun(spark, stageConfig, folder, pseudoLabels).run(true);
            stages.markDone(name, secondsSince(started), Map.of("test_accuracy", result.ema().accuracy(), "iterations", result.iterations(),
                    "train_seconds", result.trainSeconds(), "resumed", result.resumed(), "executors", result.executors()));
        }
        return ((Number) stages.report(name).get("test_accuracy")).doubleValue();
    }

    /** The teacher labels the unlabeled pool; returns the number of labels. */
    private long pseudoLabelStage(StageLog stages, int r, RunFolder teacher, CorpusManifest manifest) {
        String name = "round-" + r + "/pseudo";
        if (!stages.isDone(name)) {
            long started = System.nanoTime();
            log.info("Stage {}: the round's teacher labels the unlabeled pool", name);
            byte[] model = HadoopFiles.readBytes(hadoop, teacher.model());
            TrainingRun.SplitRows split = TrainingRun.splitRows(spark, config, manifest);
            Dataset<Row> pool = split.unlabeled();
            PseudoLabelJob.Summary summary;
            List<String> executorIds;
            try (SparkProgress progress = SparkProgress.watch(spark.sparkContext(), name);
                 TaskExecutors executors = TaskExecutors.watch(spark.sparkContext())) {
                // overwrite: a labeling committed by a killed driver before it could mark the stage done is redone
                summary = PseudoLabelJob.run(spark, pool, new PseudoLabelJob.Request(model, r,
                        config.noisyStudent().pseudoLabelBatchSize(), new Path(round(r), "pseudo").toString(), true));
                executorIds = executors.ids();
            }
            if (summary.examples() == 0) {
                throw new IllegalArgumentException("the unlabeled pool is empty: Noisy Student needs unlabeled rows "
                        + "(set data.labels-per-class, or ingest unlabeled images)");
            }
            Map<String, Object> report = new LinkedHashMap<>(Map.of("pseudo_labels", summary.examples(),
                    "model_checksum", summary.modelChecksum(), "seconds", summary.seconds(),
                    "images_per_second", summary.examples() / summary.seconds(), "executors", executorIds));
            report.putAll(hiddenLabelReport(spark.read().parquet(new Path(round(r), "pseudo").toString()), split.all(),
                    manifest.numClasses()));
            stages.markDone(name, secondsSince(started), report);
        }
        return ((Number) stages.report(name).get("pseudo_labels")).longValue();
    }

    /**
     * How the pseudo-labels compare with the labels the protocol hid in the pool ({@link HiddenLabelCheck}): the
     * pool's rows keep their true labels in the split they were drawn from. For state.json and the report; nothing
     * but the count when the pool has no hidden labels.
     */
    private static Map<String, Object> hiddenLabelReport(Dataset<Row> pseudoLabels, Dataset<Row> split, int classes) {
        HiddenLabelCheck check = HiddenLabelCheck.of(pseudoLabels, split, CorpusSchema.ID, CorpusSchema.LABEL, classes);
        if (check.hidden() == 0) return Map.of("hidden_labels", 0L);
        log.info(String.format("The teacher's pseudo-labels are right on %.4f of the %d pooled images whose labels "
                + "the protocol hid", check.accuracy(), check.hidden()));
        return Map.of("hidden_labels", check.hidden(), "hidden_label_accuracy", check.accuracy(),
                "hidden_per_class", check.hiddenPerClass(), "correct_per_class", check.correctPerClass(),
                "hidden_per_bin", check.hiddenPerBin(), "correct_per_bin", check.correctPerBin());
    }

    /** Threshold and class balancing; returns the number of selected rows (duplicates included). */
    private long selectionStage(StageLog stages, int r, CorpusManifest manifest) {
        String name = "round-" + r + "/select";
        if (!stages.isDone(name)) {
            long started = System.nanoTime();
            NoisyStudentSettings ns = config.noisyStudent();
            long pseudoLabels = ((Number) stages.report("round-" + r + "/pseudo").get("pseudo_labels")).longValue();
            int perClass = ns.perClass() > 0 ? ns.perClass()
                    : (int) Math.max(1, pseudoLabels / manifest.numClasses());
            log.info("Stage {}: {}confidence >= {}, {} per class", name,
                    ns.distributionAlignment() ? "distribution aligned, " : "", ns.threshold(), perClass);
            SelectionSummary summary;
            try (SparkProgress progress = SparkProgress.watch(spark.sparkContext(), name)) {
                summary = PseudoLabelSelection.select(spark, new Path(round(r), "pseudo").toString(),
                        new Path(round(r), "selected").toString(), manifest.numClasses(),
                        new SelectionSettings(ns.threshold(), perClass, ns.distributionAlignment()), true);
            }
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("per_class", perClass);
            report.put("above_threshold", summary.total().aboveThreshold());
            report.put("selected_unique", summary.total().selectedUnique());
            report.put("selected", summary.total().selected());
            if (!summary.poolMeanPrediction().isEmpty()) {
                report.put("pool_mean_prediction", summary.poolMeanPrediction());
            }
            stages.markDone(name, secondsSince(started), report);
        }
        return ((Number) stages.report(name).get("selected")).longValue();
    }

    private static double secondsSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1e9;
    }

    /** Round r's student: its noise, size, training length and seed, on top of the run's configuration. */
    private PipelineConfig studentConfig(NoisyStudentSettings ns, int round) {
        int epochs = ns.studentEpochs() > 0 ? ns.studentEpochs() : config.train().epochs();
        return config.with(List.of(
                "train.algorithm=supervised",
                "train.epochs=" + epochs,
                "train.seed=" + studentSeed(config.train().seed(), round),
                "train.augment=" + ns.studentAugment(),
                "model.dropout=" + ns.studentDropout(),
                "model.stochastic-depth=" + ns.studentStochasticDepth(),
                "model.width=" + ns.studentWidth()));
    }

    /**
     * The seed of round r's student: its own initial weights, minibatch order and augmentation draws, as Noisy
     * Student trains every student from scratch, instead of the very weights its teacher started from. Derived
     * from train.seed, so a run repeats; distinct across the rounds of a run and across runs with seeds 1, 2, 3...
     */
    static long studentSeed(long runSeed, int round) {
        return runSeed * 1000 + round;
    }

    /**
     * Finished stages are kept whichever build finished them; a resume by another build says so, since their
     * outputs may differ from what this one would write.
     */
    private void warnIfOtherBuilds(StageLog stages) {
        String version = CodeVersion.current();
        Map<String, String> others = stages.finishedByOtherVersions(version);
        if (!others.isEmpty()) {
            log.warn("{}: stages finished by another build of the pipeline are kept, not redone: {} (this build: {}). "
                    + "To redo them with this build, move the run folder aside or choose another run.id.",
                    root, others, version);
        }
    }

    /** A run folder is continued only with the settings it started with (Spark's may change). */
    private void checkSameConfig() {
        Path file = new Path(root, "config.conf");
        if (!HadoopFiles.exists(hadoop, file)) {
            HadoopFiles.writeText(hadoop, file, config.renderResolved());
            return;
        }
        PipelineConfig before = PipelineConfig.load(HadoopFiles.readText(hadoop, file));
        List<String> changed = config.sectionsChangedSince(before, "data", "model", "train", "train.spark",
                "algorithms", "noisy-student");
        if (!changed.isEmpty()) {
            throw new IllegalArgumentException("run " + root + " was started with other settings in " + changed
                    + " (see " + file + "); continue it with those, or choose another run id");
        }
    }
}
