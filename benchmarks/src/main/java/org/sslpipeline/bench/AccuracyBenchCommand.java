package org.sslpipeline.bench;

import org.apache.spark.sql.SparkSession;
import org.sslpipeline.bench.results.AccuracyTable;
import org.sslpipeline.driver.cli.ConfigOptions;
import org.sslpipeline.driver.config.PipelineConfig;
import org.sslpipeline.driver.run.CodeVersion;
import org.sslpipeline.driver.run.RunFolder;
import org.sslpipeline.driver.run.SparkSessions;
import org.sslpipeline.driver.run.TrainingRun;
import org.sslpipeline.jobs.corpus.CorpusManifest;
import org.sslpipeline.jobs.corpus.CorpusReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "accuracy", mixinStandardHelpOptions = true,
        description = {"The accuracy protocol grid: for each algorithm, labels per class and seed, train on the corpus's "
                + "train split (N labels per class, the rest unlabeled) and evaluate the EMA model on the test split; "
                + "also the supervised network on all labels. Rows go to <results>/accuracy.csv "
                + "(algorithm,labels,seed,best_acc,median_last_acc,wall_seconds), a summary (mean ± std over seeds) to "
                + "<results>/accuracy.md. Cells already in the CSV are skipped, and each cell's run folder under run.dir is "
                + "named by its settings and the build, so an interrupted grid run again by the same build continues "
                + "from the interrupted cell's newest checkpoint; its wall time then adds the training the earlier "
                + "attempt kept."})
public final class AccuracyBenchCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Option(names = "--algorithms", split = ",", defaultValue = "supervised,pseudo-label,pi-model,mean-teacher,fixmatch,featdistloss",
            description = "Algorithms (default: ${DEFAULT-VALUE}).")
    List<String> algorithms;

    @Option(names = "--labels-per-class", split = ",", defaultValue = "4,25,100",
            description = "Labels per class of the grid (default: ${DEFAULT-VALUE}; 40, 250, 1000 labels on 10 classes); "
                    + "0 = all labels (the 'supervised-all' rows, whatever the algorithm).")
    List<Integer> labelsPerClass;

    @Option(names = "--seeds", split = ",", defaultValue = "1,2,3", description = "Seeds (default: ${DEFAULT-VALUE}).")
    List<Long> seeds;

    @Option(names = "--no-all-labels",
            description = "Skip the supervised network on all labels (rows 'supervised-all'), which runs by default.")
    boolean skipAllLabels;

    @Option(names = "--last", defaultValue = "5", description = "Evaluations the median is taken over (default: ${DEFAULT-VALUE}).")
    int last;

    @Mixin
    ResultsFolder results;

    @Option(names = "--summary-only",
            description = "Train nothing: write <results>/accuracy.md from the rows already in <results>/accuracy.csv "
                    + "(for a CSV assembled from the rows of several grids).")
    boolean summaryOnly;

    @Override
    public Integer call() {
        PipelineConfig base = config.load();
        Path folder = results.resolve(base);
        if (summaryOnly) return writeSummary(folder);
        AccuracyTable table = AccuracyTable.open(csv(folder));
        List<Cell> cells = new ArrayList<>();
        for (String algorithm : algorithms) {
            for (int perClass : labelsPerClass) {
                for (long seed : seeds) cells.add(new Cell(perClass == 0 ? "supervised" : algorithm, perClass, seed));
            }
        }
        if (!skipAllLabels && !labelsPerClass.contains(0)) {
            for (long seed : seeds) cells.add(new Cell("supervised", 0, seed));
        }
        try (SparkSession spark = SparkSessions.start(base)) {
            CorpusManifest manifest = CorpusReader.manifest(spark, base.data().corpus());
            long allLabels = manifest.rowsPerSplitAndClass().get("train").values().stream().mapToLong(Long::longValue).sum();
            for (Cell cell : cells) {
                String algorithmColumn = cell.perClass() == 0 ? "supervised-all" : cell.algorithm();
                long labels = cell.perClass() == 0 ? allLabels : (long) cell.perClass() * manifest.numClasses();
                if (table.has(algorithmColumn, labels, cell.seed())) {
                    System.out.printf("skip %s, %d labels, seed %d: already measured%n", algorithmColumn, labels, cell.seed());
                    continue;
                }
                List<String> overrides = new ArrayList<>(config.overrides());
                overrides.addAll(List.of("train.algorithm=" + cell.algorithm(), "data.labels-per-class=" + cell.perClass(),
                        "data.label-seed=" + cell.seed(), "train.seed=" + cell.seed()));
                PipelineConfig run = PipelineConfig.load(config.configFile(), List.of(), overrides);
                // Named by settings and build: a cell resumes only what the same code started with the same settings.
                String id = "bench-" + algorithmColumn + "-" + labels + "-seed" + cell.seed() + "-" + run.fingerprint()
                        + "-" + CodeVersion.current().replaceAll("[^A-Za-z0-9._-]", "_");
                long started = System.nanoTime();
                TrainingRun.Result result = new TrainingRun(spark, run, RunFolder.of(run.run().dir(), id)).run(true);
                double wall = (System.nanoTime() - started) / 1e9 + result.secondsBeforeResume();
                if (result.resumed()) {
                    System.out.printf("%s resumed from its checkpoint; %.0f s of its training were done before%n", id,
                            result.secondsBeforeResume());
                }
                double best = AccuracyTable.best(result.emaAccuracyPerEvaluation());
                table.add(new AccuracyTable.Row(algorithmColumn, labels, cell.seed(), best,
                        AccuracyTable.medianOfLast(result.emaAccuracyPerEvaluation(), last), wall));
                table.write(summary(folder));
                System.out.printf("%s, %d labels, seed %d: EMA accuracy best %.4f, final %.4f, %.0f s%n",
                        algorithmColumn, labels, cell.seed(), best, result.ema().accuracy(), wall);
            }
        }
        return 0;
    }

    private static int writeSummary(Path folder) {
        if (!Files.isRegularFile(csv(folder))) {
            throw new IllegalArgumentException("no results to summarize: " + csv(folder) + " does not exist");
        }
        AccuracyTable.open(csv(folder)).write(summary(folder));
        System.out.println("summary of " + csv(folder) + " written to " + summary(folder));
        return 0;
    }

    private static Path csv(Path folder) {
        return folder.resolve("accuracy.csv");
    }

    private static Path summary(Path folder) {
        return folder.resolve("accuracy.md");
    }

    private record Cell(String algorithm, int perClass, long seed) {}
}
