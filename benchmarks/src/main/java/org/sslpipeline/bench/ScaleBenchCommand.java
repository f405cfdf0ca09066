package org.sslpipeline.bench;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.sslpipeline.bench.measure.BenchTeacher;
import org.sslpipeline.bench.measure.HeapPeak;
import org.sslpipeline.bench.measure.Throughput;
import org.sslpipeline.bench.results.ResultsCsv;
import org.sslpipeline.bench.synthetic.SyntheticCorpus;
import org.sslpipeline.driver.cli.ConfigOptions;
import org.sslpipeline.driver.config.PipelineConfig;
import org.sslpipeline.driver.run.SparkSessions;
import org.sslpipeline.jobs.corpus.CorpusReader;
import org.sslpipeline.jobs.corpus.ImageShape;
import org.sslpipeline.jobs.ingest.IngestJob;
import org.sslpipeline.jobs.ingest.IngestRequest;
import org.sslpipeline.jobs.ingest.IngestSummary;
import org.sslpipeline.jobs.pseudo.PseudoLabelJob;
import org.sslpipeline.training.io.HadoopFiles;
import org.sslpipeline.training.nn.ModelFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.DoubleSupplier;

@Command(name = "scale", mixinStandardHelpOptions = true,
        description = {"How ingest and pseudo-labeling scale with the corpus size. For each N of --sizes: a Spark job "
                + "generates N synthetic 28x28 grayscale images of 10 classes (striped, seeded, as Parquet with the "
                + "corpus schema; untimed), the ingest job turns them into a corpus, and the pseudo-label job labels "
                + "its train split with a freshly initialised model.network, on spark.master (default here local[2]). "
                + "Each stage records seconds, images/s and the driver's peak heap, sampled every 5 ms: in use at "
                + "one moment (the CSV's driver_heap_mb) and live right after a collection (on a local master the "
                + "executors share the driver's JVM). An untimed warm-up round "
                + "(--warm-up images) comes first; the work folder of a size is deleted once it is measured.",
                "Reports, per stage, the time ratio of the largest to the smallest size (issue target: at most 1.05 x "
                        + "the size ratio, i.e. 10.5 for 10^6 / 10^5) and the peak heap (target <= 512 MB). Run it "
                        + "as SSL_HEAP=512m bin/ssl-pipeline bench scale: bin/ssl-pipeline passes SSL_HEAP as -Xmx, "
                        + "so the run also proves the stages fit in that heap.",
                "Rows go to <results>/scale.csv (images,stage,seconds,images_per_second,driver_heap_mb), after each size."})
public final class ScaleBenchCommand implements Callable<Integer> {
    static final String CSV_HEADER = "images,stage,seconds,images_per_second,driver_heap_mb";
    static final String INGEST = "ingest";
    static final String PSEUDO_LABEL = "pseudo-label";
    private static final double TARGET_SLOWDOWN = 1.05;
    private static final double TARGET_HEAP_MB = 512;

    @Mixin
    ConfigOptions config;

    @Option(names = "--sizes", split = ",", defaultValue = "100000,1000000", paramLabel = "N",
            description = "Corpus sizes in images (default: ${DEFAULT-VALUE}).")
    List<Long> sizes;

    @Option(names = "--work", paramLabel = "URI",
            description = "Folder (any Hadoop URI) of each size's source, corpus and labels "
                    + "(default: <run.dir>/bench-scale).")
    String work;

    @Option(names = "--warm-up", defaultValue = "5000", paramLabel = "N",
            description = "Images of an untimed first round of all stages, so JIT compilation and Spark's first-job "
                    + "costs do not count against the smallest size; 0 = none (default: ${DEFAULT-VALUE}).")
    long warmUp;

    @Option(names = "--seed", defaultValue = "1",
            description = "Seed of the synthetic images and the teacher (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    ResultsFolder results;

    /** A stage measured at one size. */
    private record Stage(Throughput throughput, double heapMb, double liveHeapMb) {}

    /** Images per forward pass: noisy-student.pseudo-label-batch-size. */
    private int batchSize;

    @Override
    public Integer call() {
        if (sizes.isEmpty() || sizes.stream().anyMatch(n -> n <= 0) || warmUp < 0) {
            throw new IllegalArgumentException("--sizes must be positive image counts, --warm-up >= 0");
        }
        List<Long> ordered = sizes.stream().distinct().sorted().toList();
        PipelineConfig pipeline = config.loadWithDefaults(List.of("spark.master=local[2]"));
        batchSize = pipeline.noisyStudent().pseudoLabelBatchSize();
        Path workFolder = work != null ? new Path(work) : new Path(pipeline.run().dir(), "bench-scale");
        ResultsCsv csv = new ResultsCsv(results.resolve(pipeline).resolve("scale.csv"), CSV_HEADER);
        System.out.printf(Locale.ROOT, "driver heap limit (-Xmx): %.0f MB%n", HeapPeak.limitMegabytes());
        Map<Long, Map<String, Stage>> measured = new LinkedHashMap<>();
        try (SparkSession spark = SparkSessions.start(pipeline)) {
            SyntheticCorpus.shipToExecutors(spark);
            byte[] teacher = ModelFiles.toBytes(BenchTeacher.fresh(pipeline.model(),
                    new ImageShape(SyntheticCorpus.SIZE, SyntheticCorpus.SIZE, 1), SyntheticCorpus.CLASSES, seed), false);
            if (warmUp > 0) {
                System.out.println("warm-up round (not recorded):");
                measureIn(spark, pipeline, new Path(workFolder, "warm-up"), warmUp, teacher);
            }
            for (long images : ordered) {
                Map<String, Stage> stages = measureIn(spark, pipeline, new Path(workFolder, Long.toString(images)), images, teacher);
                measured.put(images, stages);
                List<String> rows = new ArrayList<>();
                stages.forEach((stage, m) -> rows.add(String.format(Locale.ROOT, "%d,%s,%.3f,%.1f,%.1f", images,
                        stage, m.throughput().seconds(), m.throughput().imagesPerSecond(), m.heapMb())));
                csv.append(rows);
            }
        }
        System.out.println(report(measured));
        System.out.println("rows appended to " + csv.file());
        return 0;
    }

    /** Measures the stages at one size in a fresh work folder, deleted afterwards. */
    private Map<String, Stage> measureIn(SparkSession spark, PipelineConfig pipeline, Path folder, long images,
                                         byte[] teacher) {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        HadoopFiles.delete(hadoop, folder);
        try {
            return measure(spark, pipeline, folder, images, teacher);
        } finally {
            HadoopFiles.delete(hadoop, folder);
        }
    }

    private Map<String, Stage> measure(SparkSession spark, PipelineConfig pipeline, Path folder, long images,
                                       byte[] teacher) {
        String source = new Path(folder, "source").toString();
        String corpus = new Path(folder, "corpus").toString();
        String labels = new Path(folder, "pseudo-labels").toString();
        long started = System.nanoTime();
        SyntheticCorpus.write(spark, images, seed, source);
        System.out.printf(Locale.ROOT, "%d images: generated the source in %.1f s (untimed)%n", images,
                (System.nanoTime() - started) / 1e9);

        Map<String, Stage> stages = new LinkedHashMap<>();
        stages.put(INGEST, stage(INGEST, images, () -> {
            IngestSummary summary = IngestJob.run(spark, new IngestRequest("parquet", source, corpus,
                    "synthetic-" + images, IngestRequest.DEFAULT_SPLIT, pipeline.ingest().shardRows(), false));
            requireAll(INGEST, images, summary.rowsPerSplit().getOrDefault(IngestRequest.DEFAULT_SPLIT, 0L));
            return summary.wallSeconds();
        }));
        stages.put(PSEUDO_LABEL, stage(PSEUDO_LABEL, images, () -> {
            PseudoLabelJob.Summary summary = PseudoLabelJob.run(spark,
                    CorpusReader.split(spark, corpus, IngestRequest.DEFAULT_SPLIT),
                    new PseudoLabelJob.Request(teacher, 1, batchSize, labels, false));
            requireAll(PSEUDO_LABEL, images, summary.examples());
            return summary.seconds();
        }));
        return stages;
    }

    private static Stage stage(String name, long images, DoubleSupplier run) {
        Throughput throughput;
        HeapPeak heap = HeapPeak.start();
        try (heap) {
            throughput = new Throughput(name, images, run.getAsDouble());
        }
        Stage stage = new Stage(throughput, heap.usedMegabytes(), heap.liveMegabytes());
        System.out.printf(Locale.ROOT, "%d images: %s %.1f s, %.0f images/s, driver heap peak %.0f MB in use, "
                        + "%.0f MB live after GC%n", images, name, throughput.seconds(), throughput.imagesPerSecond(),
                stage.heapMb(), stage.liveHeapMb());
        return stage;
    }

    private static void requireAll(String stage, long images, long done) {
        if (done != images) throw new IllegalStateException(stage + " produced " + done + " of " + images + " rows");
    }

    private static String report(Map<Long, Map<String, Stage>> measured) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%n%12s  %-14s %9s %10s %13s %13s%n", "images",
                "stage", "seconds", "images/s", "heap MB used", "heap MB live"));
        measured.forEach((images, stages) -> stages.forEach((stage, m) -> out.append(String.format(Locale.ROOT,
                "%12d  %-14s %9.1f %10.0f %13.0f %13.0f%n", images, stage, m.throughput().seconds(),
                m.throughput().imagesPerSecond(), m.heapMb(), m.liveHeapMb()))));
        List<Long> sizes = new ArrayList<>(measured.keySet());
        long smallest = sizes.get(0);
        long largest = sizes.get(sizes.size() - 1);
        double sizeRatio = (double) largest / smallest;
        out.append(String.format(Locale.ROOT, "%n%-14s %22s %14s %18s %14s%n", "stage",
                "time " + largest + "/" + smallest, "target <=", "peak heap MB used", "live after GC"));
        for (String stage : List.of(INGEST, PSEUDO_LABEL)) {
            double ratio = measured.get(largest).get(stage).throughput().seconds()
                    / measured.get(smallest).get(stage).throughput().seconds();
            double target = TARGET_SLOWDOWN * sizeRatio;
            double heap = measured.values().stream().mapToDouble(s -> s.get(stage).heapMb()).max().orElseThrow();
            double live = measured.values().stream().mapToDouble(s -> s.get(stage).liveHeapMb()).max().orElseThrow();
            out.append(String.format(Locale.ROOT, "%-14s %22.2f %9.2f (%s) %12.0f (%s) %14.0f%n", stage, ratio, target,
                    ratio <= target ? "met" : "not met", heap, heap <= TARGET_HEAP_MB ? "met" : "not met", live));
        }
        return out.toString();
    }
}
