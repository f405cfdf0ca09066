package org.sslpipeline.driver.run;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sslpipeline.driver.config.ModelSettings;
import org.sslpipeline.driver.config.NoisyStudentSettings;
import org.sslpipeline.driver.config.PipelineConfig;
import org.sslpipeline.jobs.corpus.CorpusManifest;
import org.sslpipeline.jobs.corpus.CorpusReader;
import org.sslpipeline.jobs.corpus.CorpusSchema;
import org.sslpipeline.jobs.protocol.SemiSupervisedProtocol;
import org.sslpipeline.jobs.pseudo.HiddenLabelCheck;
import org.sslpipeline.jobs.pseudo.PseudoLabelJob;
import org.sslpipeline.jobs.pseudo.PseudoLabelSelection;
import org.sslpipeline.jobs.pseudo.SelectionSettings;
import org.sslpipeline.jobs.pseudo.SelectionSummary;
import org.sslpipeline.training.io.HadoopFiles;
import org.sslpipeline.training.train.TrainSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

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
        requireStudentAtLeastTeacherWidth();
        checkSameConfig();
        StageLog stages = StageLog.open(hadoop, new Path(root, "state.json"));
        int skipped = stages.finishedCount();
        if (skipped > 0) log.info("Resuming {}: {} stages already finished", root, skipped);
        warnIfOtherBuilds(stages);
        CorpusManifest manifest = CorpusReader.manifest(spark, config.data().corpus());

        StageId teacher = StageId.teacher();
        double teacherAccuracy = stage(stages, teacher, TrainingStageResult.class,
                () -> train(teacher, config, null)).testAccuracy();
        RunReport.write(hadoop, root, config, stages);
        List<Round> rounds = new ArrayList<>();
        StageId roundTeacher = teacher;
        double roundTeacherAccuracy = teacherAccuracy;
        for (int r = 1; r <= config.noisyStudent().rounds(); r++) {
            Round round = round(stages, r, roundTeacher, roundTeacherAccuracy, manifest);
            rounds.add(round);
            roundTeacher = StageId.student(r);
            roundTeacherAccuracy = round.studentAccuracy();
            log.info("Report of the rounds so far: {}", RunReport.write(hadoop, root, config, stages));
        }
        return new Result(root, teacherAccuracy, stages.wallSeconds(teacher), rounds, skipped);
    }

    private void requireStudentAtLeastTeacherWidth() {
        int studentWidth = config.noisyStudent().studentWidth();
        if (studentWidth < config.model().width()) {
            throw new IllegalArgumentException("ssl.noisy-student.student-width (" + studentWidth + ") must be at "
                    + "least the teacher's ssl.model.width (" + config.model().width() + "): the student is equal or larger");
        }
    }

    /** Round r: the teacher's labels of the pool, their selection, and the student trained on them. */
    private Round round(StageLog stages, int r, StageId teacher, double teacherAccuracy, CorpusManifest manifest) {
        PseudoLabelStageResult pseudo = stage(stages, StageId.pseudo(r), PseudoLabelStageResult.class,
                () -> pseudoLabel(StageId.pseudo(r), teacher, manifest));
        SelectionStageResult selection = stage(stages, StageId.select(r), SelectionStageResult.class,
                () -> select(StageId.select(r), pseudo, manifest));
        NoisyStudentSettings ns = config.noisyStudent();
        TrainingRun.PseudoLabels selected = new TrainingRun.PseudoLabels(StageId.select(r).folder(root).toString(),
                ns.softLabels(), ns.pseudoRatio());
        double studentAccuracy = stage(stages, StageId.student(r), TrainingStageResult.class,
                () -> train(StageId.student(r), studentConfig(config, r), selected)).testAccuracy();
        double seconds = 0;
        for (StageId stage : StageId.ofRound(r)) seconds += stages.wallSeconds(stage);
        log.info(String.format("round %d: teacher %.4f -> student %.4f (%d pseudo-labels, %d selected)",
                r, teacherAccuracy, studentAccuracy, pseudo.pseudoLabels(), selection.selected()));
        return new Round(r, teacherAccuracy, studentAccuracy, pseudo.pseudoLabels(), selection.selected(), seconds);
    }

    /**
     * Runs a stage unless an earlier driver finished it, and records it as done once its outputs are committed;
     * returns what it reported, read back from the log whether it ran now or before.
     */
    private static <R extends StageResult> R stage(StageLog stages, StageId id, Class<R> type, Supplier<R> work) {
        if (!stages.isDone(id)) {
            long started = System.nanoTime();
            R result = work.get();
            stages.markDone(id, (System.nanoTime() - started) / 1e9, result);
        }
        return stages.result(id, type);
    }

    /** A training stage, resumed from its checkpoints if an earlier driver started it. */
    private TrainingStageResult train(StageId stage, PipelineConfig stageConfig, TrainingRun.PseudoLabels pseudoLabels) {
        log.info("Stage {}: training", stage);
        return TrainingStageResult.of(new TrainingRun(spark, stageConfig, stage.trainingFolder(root), pseudoLabels)
                .run(true));
    }

    /** The teacher labels the unlabeled pool. */
    private PseudoLabelStageResult pseudoLabel(StageId stage, StageId teacher, CorpusManifest manifest) {
        log.info("Stage {}: the round's teacher labels the unlabeled pool", stage);
        byte[] model = HadoopFiles.readBytes(hadoop, teacher.trainingFolder(root).model());
        SemiSupervisedProtocol.TrainSplit split = config.data().semiSupervisedProtocol().split(spark, config.data().corpus(),
                manifest.classNames());
        String output = stage.folder(root).toString();
        PseudoLabelJob.Summary summary;
        List<String> executorIds;
        try (SparkProgress progress = SparkProgress.watch(spark.sparkContext(), stage.toString());
             TaskExecutors executors = TaskExecutors.watch(spark.sparkContext())) {
            // overwrite: a labeling committed by a killed driver before it could mark the stage done is redone
            summary = PseudoLabelJob.run(spark, split.unlabeled(), new PseudoLabelJob.Request(model, stage.round(),
                    config.noisyStudent().pseudoLabelBatchSize(), output, true));
            executorIds = executors.ids();
        }
        if (summary.examples() == 0) {
            throw new IllegalArgumentException("the unlabeled pool is empty: Noisy Student needs unlabeled rows "
                    + "(set data.labels-per-class, or ingest unlabeled images)");
        }
        // the pool's rows keep their true labels in the split they were drawn from
        HiddenLabelCheck check = HiddenLabelCheck.of(spark.read().parquet(output), split.all(), CorpusSchema.ID,
                CorpusSchema.LABEL, modelClasses(manifest).size());
        if (check.hidden() > 0) {
            log.info(String.format("The teacher's pseudo-labels are right on %.4f of the %d pooled images whose "
                    + "labels the protocol hid", check.accuracy(), check.hidden()));
        }
        return PseudoLabelStageResult.of(summary, executorIds, check);
    }

    /** The classes the models learn: the corpus's, or the known ones of an open-set protocol. */
    private List<String> modelClasses(CorpusManifest manifest) {
        return config.data().semiSupervisedProtocol().modelClasses(manifest.classNames());
    }

    /** Threshold and class balancing of the round's pseudo-labels. */
    private SelectionStageResult select(StageId stage, PseudoLabelStageResult pseudo, CorpusManifest manifest) {
        NoisyStudentSettings ns = config.noisyStudent();
        int perClass = ns.perClass() > 0 ? ns.perClass()
                : (int) Math.max(1, pseudo.pseudoLabels() / modelClasses(manifest).size());
        log.info("Stage {}: {}confidence >= {}, {} per class", stage,
                ns.distributionAlignment() ? "distribution aligned, " : "", ns.threshold(), perClass);
        SelectionSummary summary;
        try (SparkProgress progress = SparkProgress.watch(spark.sparkContext(), stage.toString())) {
            summary = PseudoLabelSelection.select(spark, StageId.pseudo(stage.round()).folder(root).toString(),
                    stage.folder(root).toString(), modelClasses(manifest).size(),
                    new SelectionSettings(ns.threshold(), perClass, ns.distributionAlignment(), ns.maxOutlierScore()), true);
        }
        return SelectionStageResult.of(perClass, summary);
    }

    /** Round r's student: its noise, size, training length and seed, on top of the run's configuration. */
    static PipelineConfig studentConfig(PipelineConfig config, int round) {
        NoisyStudentSettings ns = config.noisyStudent();
        int epochs = ns.studentEpochs() > 0 ? ns.studentEpochs() : config.train().epochs();
        TrainSettings train = config.train().withAlgorithm("supervised").withEpochs(epochs)
                .withSeed(studentSeed(config.train().seed(), round)).withAugment(ns.studentAugment());
        ModelSettings model = new ModelSettings(config.model().network(), ns.studentDropout(), ns.studentWidth(),
                ns.studentStochasticDepth());
        return config.with(train, model);
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
