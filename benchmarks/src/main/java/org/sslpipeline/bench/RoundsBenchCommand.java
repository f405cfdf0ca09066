package org.sslpipeline.bench;

import org.apache.spark.sql.SparkSession;
import org.sslpipeline.bench.results.ResultsCsv;
import org.sslpipeline.driver.cli.ConfigOptions;
import org.sslpipeline.driver.config.PipelineConfig;
import org.sslpipeline.driver.run.NoisyStudentRun;
import org.sslpipeline.driver.run.RunFolder;
import org.sslpipeline.driver.run.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "rounds", mixinStandardHelpOptions = true,
        description = {"Noisy Student rounds per seed (the settings of `ssl-pipeline run`, with data.label-seed and "
                + "train.seed set to the seed): the teacher's and every round's student's test accuracy. Rows go to "
                + "<results>/noisy-student.csv (seed,round,role,accuracy,pseudo_labels,wall_seconds). Each seed's run "
                + "keeps its folder under run.dir, so an interrupted benchmark continues where it stopped."})
public final class RoundsBenchCommand implements Callable<Integer> {
    static final String HEADER = "seed,round,role,accuracy,pseudo_labels,wall_seconds";

    @Mixin
    ConfigOptions config;

    @Option(names = "--seeds", split = ",", defaultValue = "1,2,3", description = "Seeds (default: ${DEFAULT-VALUE}).")
    List<Long> seeds;

    @Mixin
    ResultsFolder results;

    @Override
    public Integer call() {
        PipelineConfig base = config.load();
        ResultsCsv csv = new ResultsCsv(results.resolve(base).resolve("noisy-student.csv"), HEADER);
        try (SparkSession spark = SparkSessions.start(base)) {
            for (long seed : seeds) {
                PipelineConfig run = base.with(List.of("data.label-seed=" + seed, "train.seed=" + seed));
                String id = "bench-rounds-seed" + seed + "-" + run.fingerprint();
                NoisyStudentRun.Result result = new NoisyStudentRun(spark, run, RunFolder.of(run.run().dir(), id).root()).run();
                List<String> rows = new ArrayList<>();
                rows.add(row(seed, 1, "teacher", result.teacherAccuracy(), 0, result.teacherSeconds()));
                for (NoisyStudentRun.Round round : result.rounds()) {
                    rows.add(row(seed, round.round(), "student", round.studentAccuracy(), round.pseudoLabels(),
                            round.seconds()));
                }
                csv.append(rows);
                rows.forEach(System.out::println);
            }
        }
        return 0;
    }

    private static String row(long seed, int round, String role, double accuracy, long pseudoLabels, double seconds) {
        return String.format(Locale.ROOT, "%d,%d,%s,%.4f,%d,%.1f", seed, round, role, accuracy, pseudoLabels, seconds);
    }
}
