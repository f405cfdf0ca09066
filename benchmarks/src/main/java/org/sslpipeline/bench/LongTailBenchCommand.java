package org.sslpipeline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.spark.sql.SparkSession;
import org.sslpipeline.bench.results.ResultsCsv;
import org.sslpipeline.driver.cli.ConfigOptions;
import org.sslpipeline.driver.config.PipelineConfig;
import org.sslpipeline.driver.run.RunFolder;
import org.sslpipeline.driver.run.SparkSessions;
import org.sslpipeline.driver.run.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "longtail", mixinStandardHelpOptions = true,
        description = {"The long-tailed benchmark (a config with data.protocol = long-tailed, e.g. "
                + "conf/longtail-fashion-mnist.conf): each of --algorithms trained per imbalance ratio (--gammas) and "
                + "seed (data.label-seed and train.seed). Rows go to <results>/longtail.csv (algorithm,gamma,seed,"
                + "accuracy,many_acc,medium_acc,few_acc,gmean_recall,wall_seconds): the EMA model's test accuracy on the "
                + "balanced test split, the accuracy of the many-, medium- and few-shot classes (first, middle, last "
                + "30% of the classes in the long-tailed order) and the geometric mean of the recalls. Each run keeps "
                + "its folder under run.dir, so an interrupted benchmark continues."})
public final class LongTailBenchCommand implements Callable<Integer> {
    static final String HEADER = "algorithm,gamma,seed,accuracy,many_acc,medium_acc,few_acc,gmean_recall,wall_seconds";

    @Mixin
    ConfigOptions config;

    @Option(names = "--seeds", split = ",", defaultValue = "1,2,3", description = "Seeds (default: ${DEFAULT-VALUE}).")
    List<Long> seeds;

    @Option(names = "--gammas", split = ",", defaultValue = "50,100", description = "Imbalance ratios (default: ${DEFAULT-VALUE}).")
    List<Double> gammas;

    @Option(names = "--algorithms", split = ",", defaultValue = "fixmatch,cossl",
            description = "Algorithms (default: ${DEFAULT-VALUE}).")
    List<String> algorithms;

    @Mixin
    ResultsFolder results;

    @Override
    public Integer call() {
        PipelineConfig base = config.load();
        if (!base.data().protocol().equals("long-tailed")) {
            throw new IllegalArgumentException("bench longtail needs data.protocol = long-tailed (e.g. --config "
                    + "conf/longtail-fashion-mnist.conf), not " + base.data().protocol());
        }
        ResultsCsv csv = new ResultsCsv(results.resolve(base).resolve("longtail.csv"), HEADER);
        try (SparkSession spark = SparkSessions.start(base)) {
            for (double gamma : gammas) {
                for (long seed : seeds) {
                    for (String algorithm : algorithms) {
                        PipelineConfig run = base.with(List.of("data.long-tailed.imbalance-ratio=" + gamma,
                                "data.label-seed=" + seed, "train.seed=" + seed, "train.algorithm=" + algorithm));
                        RunFolder folder = RunFolder.of(run.run().dir(), String.format(Locale.ROOT,
                                "bench-longtail-%s-gamma%.0f-seed%d-%s", algorithm, gamma, seed, run.fingerprint()));
                        TrainingRun.Result result = new TrainingRun(spark, run, folder).run(true);
                        JsonNode groups = BenchMetrics.read(spark, folder).at("/test/ema/long_tail");
                        String row = String.format(Locale.ROOT, "%s,%.0f,%d,%.4f,%.4f,%.4f,%.4f,%.4f,%.1f", algorithm,
                                gamma, seed, result.ema().accuracy(), groups.get("many_shot_accuracy").asDouble(),
                                groups.get("medium_shot_accuracy").asDouble(), groups.get("few_shot_accuracy").asDouble(),
                                groups.get("gmean_recall").asDouble(), result.trainSeconds() + result.secondsBeforeResume());
                        csv.append(List.of(row));
                        System.out.println(row);
                    }
                }
            }
        }
        return 0;
    }
}
