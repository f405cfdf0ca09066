package org.sslpipeline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sslpipeline.bench.results.ResultsCsv;
import org.sslpipeline.driver.cli.ConfigOptions;
import org.sslpipeline.driver.config.PipelineConfig;
import org.sslpipeline.driver.run.NoisyStudentRun;
import org.sslpipeline.driver.run.RunFolder;
import org.sslpipeline.driver.run.SparkSessions;
import org.sslpipeline.driver.run.StageId;
import org.sslpipeline.driver.run.TrainingRun;
import org.sslpipeline.jobs.corpus.CorpusReader;
import org.sslpipeline.jobs.corpus.CorpusSchema;
import org.sslpipeline.jobs.protocol.SemiSupervisedProtocol;
import org.sslpipeline.jobs.pseudo.PseudoLabelSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import static org.apache.spark.sql.functions.col;

@Command(name = "openset", mixinStandardHelpOptions = true,
        description = {"The open-set benchmark (a config with data.protocol = open-set, e.g. "
                + "conf/openset-fashion-mnist.conf), per seed (data.label-seed and train.seed): each of --algorithms "
                + "trained alone (setting train), then one Noisy Student round with an OpenMatch teacher whose "
                + "selection drops likely outliers (round-reject, noisy-student.max-outlier-score 0.5) or keeps "
                + "them (round-keep, 1). Rows go to <results>/openset.csv (algorithm,setting,seed,closed_acc,auroc,"
                + "binary_error,pseudo_precision,wall_seconds): closed-set test accuracy of the trained model (the "
                + "round's student), AUROC and binary error of its outlier score (one-vs-all heads, else 1 - max "
                + "softmax), and for rounds the share of selected pseudo-labels whose hidden class is known and "
                + "equal to them. Each run keeps its folder under run.dir, so an interrupted benchmark continues."})
public final class OpenSetBenchCommand implements Callable<Integer> {
    static final String HEADER = "algorithm,setting,seed,closed_acc,auroc,binary_error,pseudo_precision,wall_seconds";

    @Mixin
    ConfigOptions config;

    @Option(names = "--seeds", split = ",", defaultValue = "1,2,3", description = "Seeds (default: ${DEFAULT-VALUE}).")
    List<Long> seeds;

    @Option(names = "--algorithms", split = ",", defaultValue = "fixmatch,openmatch",
            description = "Algorithms trained alone (default: ${DEFAULT-VALUE}).")
    List<String> algorithms;

    @Option(names = "--rounds", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also run the OpenMatch-teacher rounds with and without outlier rejection (default: on).")
    boolean rounds;

    @Mixin
    ResultsFolder results;

    @Override
    public Integer call() {
        PipelineConfig base = config.load();
        if (!base.data().protocol().equals("open-set")) {
            throw new IllegalArgumentException("bench openset needs data.protocol = open-set (e.g. --config "
                    + "conf/openset-fashion-mnist.conf), not " + base.data().protocol());
        }
        ResultsCsv csv = new ResultsCsv(results.resolve(base).resolve("openset.csv"), HEADER);
        try (SparkSession spark = SparkSessions.start(base)) {
            for (long seed : seeds) {
                PipelineConfig seeded = base.with(List.of("data.label-seed=" + seed, "train.seed=" + seed));
                for (String algorithm : algorithms) {
                    PipelineConfig run = seeded.with(List.of("train.algorithm=" + algorithm));
                    RunFolder folder = RunFolder.of(run.run().dir(), "bench-openset-" + algorithm + "-seed" + seed
                            + "-" + run.fingerprint());
                    TrainingRun.Result result = new TrainingRun(spark, run, folder).run(true);
                    record(csv, row(spark, algorithm, "train", seed, folder, Double.NaN,
                            result.trainSeconds() + result.secondsBeforeResume()));
                }
                if (!rounds) continue;
                for (String setting : List.of("round-reject", "round-keep")) {
                    PipelineConfig run = seeded.with(List.of("train.algorithm=openmatch",
                            "noisy-student.max-outlier-score=" + (setting.equals("round-reject") ? 0.5 : 1.0)));
                    String id = "bench-openset-" + setting + "-seed" + seed + "-" + run.fingerprint();
                    long started = System.nanoTime();
                    NoisyStudentRun.Result result = new NoisyStudentRun(spark, run,
                            RunFolder.of(run.run().dir(), id).root()).run();
                    double precision = pseudoPrecision(spark, run, StageId.select(1).folder(result.root()).toString());
                    record(csv, row(spark, "openmatch", setting, seed, StageId.student(1).trainingFolder(result.root()),
                            precision, (System.nanoTime() - started) / 1e9));
                }
            }
        }
        return 0;
    }

    private static void record(ResultsCsv csv, String row) {
        csv.append(List.of(row));
        System.out.println(row);
    }

    /** A row from the trained model's metrics.json. */
    private static String row(SparkSession spark, String algorithm, String setting, long seed, RunFolder model,
                              double precision, double seconds) {
        JsonNode metrics = BenchMetrics.read(spark, model);
        JsonNode openSet = metrics.at("/test/open_set");
        return String.format(Locale.ROOT, "%s,%s,%d,%.4f,%.4f,%.4f,%s,%.1f", algorithm, setting, seed,
                metrics.get("test_accuracy").asDouble(), openSet.get("auroc").asDouble(),
                openSet.get("binary_error").asDouble(), Double.isNaN(precision) ? "" : String.format(Locale.ROOT, "%.4f", precision),
                seconds);
    }

    /**
     * Of the distinct examples the round selected, the share whose hidden class is known and equal to the
     * pseudo-label (an unknown-class example never counts as right).
     */
    static double pseudoPrecision(SparkSession spark, PipelineConfig config, String selected) {
        SemiSupervisedProtocol protocol = config.data().semiSupervisedProtocol();
        String corpus = config.data().corpus();
        Dataset<Row> hidden = protocol.relabel(CorpusReader.split(spark, corpus, SemiSupervisedProtocol.TRAIN_SPLIT),
                        CorpusReader.manifest(spark, corpus).classNames())
                .select(col(CorpusSchema.ID).as("hidden_id"), col(CorpusSchema.LABEL).as("hidden_label"));
        Dataset<Row> rows = spark.read().parquet(selected).filter(col(PseudoLabelSchema.COPY).equalTo(0))
                .join(hidden, col(PseudoLabelSchema.ID).equalTo(col("hidden_id")));
        long total = rows.count();
        long right = rows.filter(col("hidden_label").equalTo(col(PseudoLabelSchema.LABEL))).count();
        return total == 0 ? Double.NaN : (double) right / total;
    }
}
