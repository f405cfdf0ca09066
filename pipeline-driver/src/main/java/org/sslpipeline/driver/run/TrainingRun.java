package org.sslpipeline.driver.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sslpipeline.driver.config.PipelineConfig;
import org.sslpipeline.jobs.corpus.CorpusManifest;
import org.sslpipeline.jobs.corpus.CorpusReader;
import org.sslpipeline.jobs.protocol.LongTailedProtocol;
import org.sslpipeline.jobs.protocol.SemiSupervisedProtocol;
import org.sslpipeline.jobs.pseudo.PseudoLabeledImages;
import org.sslpipeline.training.augment.Augmentations;
import org.sslpipeline.training.augment.ImageAugmenter;
import org.sslpipeline.training.data.ImagePixels;
import org.sslpipeline.training.data.LabeledImage;
import org.sslpipeline.training.eval.ClassificationMetrics;
import org.sslpipeline.training.eval.Evaluator;
import org.sslpipeline.training.eval.LongTailMetrics;
import org.sslpipeline.training.eval.OutlierMetrics;
import org.sslpipeline.training.io.HadoopFiles;
import org.sslpipeline.training.nn.ModelDescription;
import org.sslpipeline.training.nn.ModelFiles;
import org.sslpipeline.training.nn.NetworkArchitecture;
import org.sslpipeline.training.nn.NetworkSpec;
import org.sslpipeline.training.spark.SparkEpochRunner;
import org.sslpipeline.training.step.SupervisedStep;
import org.sslpipeline.training.step.TrainingFacts;
import org.sslpipeline.training.step.TrainingRows;
import org.sslpipeline.training.step.TrainingStep;
import org.sslpipeline.training.train.CheckpointStore;
import org.sslpipeline.training.train.EpochRunner;
import org.sslpipeline.training.train.LocalEpochRunner;
import org.sslpipeline.training.train.MinibatchPlan;
import org.sslpipeline.training.train.MixedMinibatches;
import org.sslpipeline.training.train.TrainSettings;
import org.sslpipeline.training.train.Trainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code train} stage: labeled examples of the corpus's train split (all, or N per class), the configured
 * algorithm trained in one JVM or on Spark, evaluation of raw and EMA weights on the test split, and the run
 * folder's model, metrics and checkpoints. Rerun with {@code resume} it continues from the newest checkpoint.
 */
public final class TrainingRun {
    private static final Logger log = LoggerFactory.getLogger(TrainingRun.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String TEST_SPLIT = "test";

    /**
     * What a finished run reports.
     *
     * @param trainSeconds        seconds of this attempt's training
     * @param secondsBeforeResume seconds earlier attempts trained for the epochs this one resumed after (0 when
     *                            it started afresh)
     */
    public record Result(RunFolder folder, ClassificationMetrics ema, ClassificationMetrics raw, int iterations,
                         long labeledExamples, double trainSeconds, boolean resumed, double secondsBeforeResume,
                         List<Double> emaAccuracyPerEvaluation, List<String> executors) {}

    /**
     * A Noisy Student student's pseudo-labeled rows: a round's selection, which takes the place of the unlabeled
     * pool; every minibatch holds {@code train.batch-size} labeled rows and {@code ratio} times as many of these.
     *
     * @param selected the selection's Parquet output
     * @param soft     learn the teacher's probabilities (true) or its hard labels
     */
    public record PseudoLabels(String selected, boolean soft, int ratio) {}

    private final SparkSession spark;
    private final PipelineConfig config;
    private final RunFolder folder;
    private final PseudoLabels pseudoLabels; // null unless this run trains a student

    public TrainingRun(SparkSession spark, PipelineConfig config, RunFolder folder) {
        this(spark, config, folder, null);
    }

    /** A student: cross-entropy on the labeled rows and the pseudo-labeled ones, with the configured noise. */
    public TrainingRun(SparkSession spark, PipelineConfig config, RunFolder folder, PseudoLabels pseudoLabels) {
        this.spark = spark;
        this.config = config;
        this.folder = folder;
        this.pseudoLabels = pseudoLabels;
    }

    public Result run(boolean resume) {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        TrainSettings train = config.train();
        String corpus = config.data().corpus();
        CorpusManifest manifest = CorpusReader.manifest(spark, corpus);
        SemiSupervisedProtocol protocol = config.data().semiSupervisedProtocol();
        List<String> classNames = protocol.modelClasses(manifest.classNames());
        int numClasses = classNames.size();
        if (manifest.imageShape() == null) {
            throw new IllegalArgumentException("corpus " + corpus + " mixes image sizes; the networks need one size "
                    + "(resize the images before ingesting them)");
        }
        checkRunFolder(hadoop, resume);
        HadoopFiles.writeText(hadoop, folder.config(), config.renderResolved());

        SemiSupervisedProtocol.TrainSplit split = protocol.split(spark, corpus, manifest.classNames());
        TrainingData data = trainingData(split);
        if (pseudoLabels == null) ProtocolRecord.write(hadoop, folder.protocol(), protocol, split, classNames);
        JavaRDD<LabeledImage> test = CorpusReader.decode(protocol.closedSetRows(
                CorpusReader.split(spark, corpus, TEST_SPLIT), manifest.classNames())).persist(StorageLevel.MEMORY_AND_DISK_SER());
        try (TaskExecutors executors = TaskExecutors.watch(spark.sparkContext())) {
            long labeledCount = data.labeled().count();
            if (labeledCount == 0) throw new IllegalArgumentException("corpus " + corpus + " has no labeled training rows");
            long unlabeledCount = data.unlabeled().count();
            TrainingStep step = pseudoLabels != null ? new SupervisedStep()
                    : config.algorithm().step(new TrainingFacts((double) labeledCount / (labeledCount + unlabeledCount),
                            labeledPerClass(data.labeled(), numClasses)));
            boolean mixed = step.usesUnlabeledRows() || pseudoLabels != null;
            if (pseudoLabels != null && unlabeledCount == 0) {
                throw new IllegalArgumentException("no pseudo-labels in " + pseudoLabels.selected() + " to train a "
                        + "student on (is noisy-student.threshold too high?)");
            }
            if (step.usesUnlabeledRows() && unlabeledCount == 0) {
                throw new IllegalArgumentException(step.name() + " needs unlabeled rows: set data.labels-per-class to "
                        + "keep N labels per class and use the rest unlabeled, or ingest unlabeled images");
            }
            ImagePixels shape = data.labeled().first().pixels();
            log.info("Training {} on {} labeled{} examples of {} classes, {}x{}x{}, trainer {}",
                    pseudoLabels != null ? "a student" : step.name(), labeledCount,
                    mixed ? " and " + unlabeledCount + (pseudoLabels != null ? " pseudo-labeled" : " unlabeled") : "", numClasses,
                    shape.height(), shape.width(), shape.channels(), train.trainer());

            TrainingRows rows = TrainingRows.withViews(numClasses, Augmentations.byName(train.augment()),
                    otherViews(step), train.seed());
            JavaRDD<LabeledImage> stream = mixed ? data.unlabeled() : data.labeled();
            int ratio = pseudoLabels != null ? pseudoLabels.ratio() : step.unlabeledRatio();
            MinibatchPlan plan = mixed
                    ? MinibatchPlan.mixed(new MixedMinibatches(train.batchSize(), ratio), inIdOrder(data.labeled()))
                    : MinibatchPlan.supervised(train.batchSize());
            EpochRunner runner = train.trainer().equals("local")
                    ? new LocalEpochRunner(inIdOrder(stream), plan, step, rows, train.seed(), train.stepsPerEpoch())
                    : new SparkEpochRunner(sc, stream, plan, step, rows, train.seed(), config.sparkTrain(),
                            train.stepsPerEpoch());
            Evaluator evaluator = new Evaluator(numClasses, config.eval().batchSize());
            EvaluationLog evaluations = new EvaluationLog(hadoop, folder.evaluations());
            Trainer trainer = new Trainer(train, runner, new CheckpointStore(folder.checkpoints(), hadoop),
                    (epochsDone, record, graph, ema) -> {
                        if (epochsDone % train.evalEveryEpochs() == 0 && epochsDone < train.epochs()) {
                            double accuracy = evaluator.evaluate(sc, ema.applyTo(graph), test).accuracy();
                            log.info(String.format("epoch %d: test accuracy (EMA) %.4f", epochsDone, accuracy));
                            evaluations.record(epochsDone, accuracy);
                        }
                    });
            NetworkSpec spec = new NetworkSpec(shape.height(), shape.width(), shape.channels(), numClasses,
                    config.model().width(), config.model().dropout(), config.model().stochasticDepth(), train.seed(),
                    step.heads());
            ComputationGraph fresh = NetworkArchitecture.byName(config.model().network())
                    .build(spec, train.optimizer().updater(trainer.totalIterations()), train.weightDecay());

            long started = System.nanoTime();
            Trainer.Outcome outcome = trainer.train(fresh, resume);
            double trainSeconds = (System.nanoTime() - started) / 1e9;

            ComputationGraph emaModel = outcome.ema().applyTo(outcome.graph());
            ClassificationMetrics emaMetrics = evaluator.evaluate(sc, emaModel, test);
            ClassificationMetrics rawMetrics = evaluator.evaluate(sc, outcome.graph(), test);
            OutlierMetrics outliers = hasUnknownClasses(protocol, manifest)
                    ? OutlierMetrics.evaluate(sc, emaModel, CorpusReader.decode(protocol.relabel(
                            CorpusReader.split(spark, corpus, TEST_SPLIT), manifest.classNames())), config.eval().batchSize())
                    : null;
            evaluations.record(train.epochs(), emaMetrics.accuracy());
            ModelDescription description = new ModelDescription(classNames, shape.height(), shape.width(),
                    shape.channels(), ModelDescription.PIXELS_OVER_255, config.model().network(),
                    pseudoLabels != null ? "noisy-student student" : step.name(), corpus, CodeVersion.current(),
                    config.renderResolved());
            ModelFiles.write(emaModel, description, folder.model(), false, hadoop);
            ModelFiles.write(outcome.graph(), description, folder.rawModel(), true, hadoop);
            writeMetrics(hadoop, classNames, labeledCount, outcome, emaMetrics, rawMetrics, outliers, evaluations);
            HadoopFiles.writeText(hadoop, folder.timing(), json(Map.of("train_seconds", trainSeconds,
                    "resumed", outcome.resumed(), "seconds_before_resume", outcome.secondsBeforeResume(),
                    "executors", executors.ids())));
            return new Result(folder, emaMetrics, rawMetrics, outcome.iterations(), labeledCount, trainSeconds,
                    outcome.resumed(), outcome.secondsBeforeResume(), evaluations.accuracies(), executors.ids());
        } finally {
            data.labeled().unpersist(false);
            data.unlabeled().unpersist(false);
            test.unpersist(false);
        }
    }

    /**
     * A new run needs an unused folder; a resumed run needs the settings its checkpoints were made with (its
     * schedule horizon, data and network are baked into them).
     */
    private void checkRunFolder(Configuration hadoop, boolean resume) {
        boolean started = HadoopFiles.exists(hadoop, folder.train());
        if (!resume) {
            if (started) {
                throw new IllegalArgumentException("run folder " + folder.root() + " already holds a training run; "
                        + "continue it with --resume or choose another run id");
            }
            return;
        }
        if (!HadoopFiles.exists(hadoop, folder.config())) return;
        PipelineConfig before = PipelineConfig.load(HadoopFiles.readText(hadoop, folder.config()));
        List<String> changed = config.sectionsChangedSince(before, "train", "train.spark", "model", "data",
                "algorithms");
        if (!changed.isEmpty()) {
            throw new IllegalArgumentException("cannot resume " + folder.root() + " with different settings in "
                    + changed + " than it started with (see " + folder.config() + ")");
        }
    }

    /** The labeled rows, and the unlabeled pool (possibly empty). */
    private record TrainingData(JavaRDD<LabeledImage> labeled, JavaRDD<LabeledImage> unlabeled) {}

    /** The split's rows decoded and cached; a student gets its round's pseudo-labeled rows in place of the pool. */
    private TrainingData trainingData(SemiSupervisedProtocol.TrainSplit rows) {
        int partitions = spark.sparkContext().defaultParallelism();
        if (pseudoLabels != null) {
            JavaRDD<LabeledImage> pseudo = PseudoLabeledImages.decode(spark.read().parquet(pseudoLabels.selected()),
                    rows.all(), pseudoLabels.soft());
            return new TrainingData(cached(rows.labeled(), partitions), pseudo.repartition(Math.max(partitions,
                    pseudo.getNumPartitions())).persist(StorageLevel.MEMORY_AND_DISK_SER()));
        }
        return new TrainingData(cached(rows.labeled(), partitions), cached(rows.unlabeled(), partitions));
    }

    private static long[] labeledPerClass(JavaRDD<LabeledImage> labeled, int numClasses) {
        long[] counts = new long[numClasses];
        labeled.map(LabeledImage::label).countByValue().forEach((label, count) -> counts[label] = count);
        return counts;
    }

    /**
     * The rows on the driver in the order of their ids: the order a repartition leaves them in depends on which
     * shuffle blocks an executor fetched first (its own before remote ones), so the same run on local[2] and on
     * two executors would otherwise compose different minibatches.
     */
    private static List<LabeledImage> inIdOrder(JavaRDD<LabeledImage> rows) {
        List<LabeledImage> collected = new ArrayList<>(rows.collect());
        collected.sort(Comparator.comparing(LabeledImage::id));
        return collected;
    }

    private static JavaRDD<LabeledImage> cached(Dataset<Row> rows, int minPartitions) {
        int partitions = Math.max(minPartitions, rows.rdd().getNumPartitions());
        return CorpusReader.decode(rows).repartition(partitions).persist(StorageLevel.MEMORY_AND_DISK_SER());
    }

    /** Augmentations of the views a row carries after the weak one. */
    private static List<ImageAugmenter> otherViews(TrainingStep step) {
        return switch (step.secondView()) {
            case NONE -> List.of();
            case WEAK -> List.of(Augmentations.byName("weak"));
            case STRONG -> List.of(Augmentations.byName("strong"));
            case WEAK_AND_STRONG -> List.of(Augmentations.byName("weak"), Augmentations.byName("strong"));
        };
    }

    private void writeMetrics(Configuration hadoop, List<String> classNames, long labeledCount, Trainer.Outcome outcome,
                              ClassificationMetrics ema, ClassificationMetrics raw, OutlierMetrics outliers,
                              EvaluationLog evaluations) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("algorithm", config.train().algorithm());
        metrics.put("network", config.model().network());
        metrics.put("trainer", config.train().trainer());
        metrics.put("corpus", config.data().corpus());
        metrics.put("labels_per_class", config.data().labelsPerClass());
        metrics.put("label_seed", config.data().labelSeed());
        metrics.put("seed", config.train().seed());
        metrics.put("labeled_examples", labeledCount);
        if (pseudoLabels != null) metrics.put("pseudo_labels", pseudoLabels.selected());
        metrics.put("epochs", config.train().epochs());
        metrics.put("iterations", outcome.iterations());
        metrics.put("class_names", classNames);
        metrics.put("test_accuracy", ema.accuracy());
        Map<String, Object> test = new LinkedHashMap<>(); // a fixed key order: metrics.json files are compared as text
        test.put("ema", describe(ema, classNames, longTailed()));
        test.put("raw", describe(raw, classNames, longTailed()));
        if (outliers != null) { // the EMA model's, on the known and the unknown classes of the test split
            Map<String, Object> openSet = new LinkedHashMap<>();
            openSet.put("score", outliers.score());
            openSet.put("known_examples", outliers.known());
            openSet.put("unknown_examples", outliers.unknown());
            openSet.put("auroc", outliers.auroc());
            openSet.put("binary_error", outliers.binaryError());
            test.put("open_set", openSet);
        }
        metrics.put("test", test);
        metrics.put("evaluations", evaluations.entries());
        metrics.put("training", outcome.history());
        HadoopFiles.writeText(hadoop, folder.metrics(), json(metrics));
    }

    private static boolean hasUnknownClasses(SemiSupervisedProtocol protocol, CorpusManifest manifest) {
        return protocol.modelClasses(manifest.classNames()).size() < manifest.classNames().size();
    }

    private boolean longTailed() {
        return config.data().semiSupervisedProtocol() instanceof LongTailedProtocol;
    }

    /** @param longTailed whether to add the accuracy per class group and the geometric mean of the recalls */
    private static Map<String, Object> describe(ClassificationMetrics m, List<String> classNames, boolean longTailed) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("examples", m.examples());
        out.put("accuracy", m.accuracy());
        Map<String, Double> perClass = new LinkedHashMap<>();
        for (int c = 0; c < m.perClassAccuracy().size(); c++) {
            perClass.put(c < classNames.size() ? classNames.get(c) : String.valueOf(c), m.perClassAccuracy().get(c));
        }
        out.put("per_class_accuracy", perClass);
        if (longTailed) {
            LongTailMetrics groups = LongTailMetrics.of(m.perClassAccuracy());
            Map<String, Object> longTail = new LinkedHashMap<>();
            longTail.put("many_shot_accuracy", groups.many());
            longTail.put("medium_shot_accuracy", groups.medium());
            longTail.put("few_shot_accuracy", groups.few());
            longTail.put("gmean_recall", groups.gmeanRecall());
            longTail.put("many_shot_classes", classNames.subList(0, groups.manyClasses()));
            longTail.put("few_shot_classes", classNames.subList(classNames.size() - groups.fewClasses(), classNames.size()));
            out.put("long_tail", longTail);
        }
        out.put("confusion", m.confusion());
        return out;
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Test accuracy after each evaluated epoch, kept in the run folder so a resumed run keeps earlier ones. */
    static final class EvaluationLog {
        private final Configuration hadoop;
        private final Path file;
        private final TreeMap<Integer, Double> byEpoch = new TreeMap<>();

        EvaluationLog(Configuration hadoop, Path file) {
            this.hadoop = hadoop;
            this.file = file;
            try {
                if (HadoopFiles.exists(hadoop, file)) {
                    for (Map<?, ?> e : JSON.readValue(HadoopFiles.readText(hadoop, file), Map[].class)) {
                        byEpoch.put(((Number) e.get("epoch")).intValue(), ((Number) e.get("ema_accuracy")).doubleValue());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }

        void record(int epoch, double emaAccuracy) {
            byEpoch.put(epoch, emaAccuracy);
            HadoopFiles.writeText(hadoop, file, json(entries()));
        }

        /** EMA test accuracies in epoch order. */
        List<Double> accuracies() {
            return List.copyOf(byEpoch.values());
        }

        List<Map<String, Object>> entries() {
            List<Map<String, Object>> out = new ArrayList<>();
            byEpoch.forEach((epoch, accuracy) -> {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("epoch", epoch);
                e.put("ema_accuracy", accuracy);
                out.add(e);
            });
            return out;
        }
    }
}
