package org.sslpipeline.bench;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.sslpipeline.bench.measure.BenchTeacher;
import org.sslpipeline.bench.measure.MatmulPeak;
import org.sslpipeline.bench.measure.SingleJvmInference;
import org.sslpipeline.bench.measure.Throughput;
import org.sslpipeline.bench.results.ResultsCsv;
import org.sslpipeline.driver.cli.ConfigOptions;
import org.sslpipeline.driver.config.PipelineConfig;
import org.sslpipeline.driver.run.SparkSessions;
import org.sslpipeline.jobs.corpus.CorpusManifest;
import org.sslpipeline.jobs.corpus.CorpusReader;
import org.sslpipeline.jobs.corpus.ImageShape;
import org.sslpipeline.jobs.pseudo.PseudoLabelJob;
import org.sslpipeline.training.data.ImagePixels;
import org.sslpipeline.training.data.LabeledImage;
import org.sslpipeline.training.io.HadoopFiles;
import org.sslpipeline.training.nn.ModelFiles;
import org.sslpipeline.training.nn.ModelFlops;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;

@Command(name = "pseudo-label", mixinStandardHelpOptions = true,
        description = {"Throughput of the pseudo-label job against plain DL4J inference, in one run, on the rows of a "
                + "corpus split (data.corpus, split train): (a) single-JVM batched inference, images decoded "
                + "beforehand, graph.output over every batch; (b) the Spark job on spark.master "
                + "(default here local[2]) end to end: read Parquet, decode, infer, write Parquet, into a scratch "
                + "folder under run.dir that is deleted afterwards. Each mode makes one untimed warm-up pass, then "
                + "reports the median of --repeats timed passes. A third mode, (c) single-jvm-per-core, runs (a)'s "
                + "batches on one thread per core of the Spark master (local[2]: 2), each thread with its own replica of "
                + "the network and a one-thread OpenMP team, as the job's tasks infer; it shows how much of (b)/(a) "
                + "comes from that arrangement rather than from Spark.",
                "Reports images/s, the ratio b/a (issue target >= 0.9), and GFLOP/s = images/s x FLOPs per image as "
                        + "a fraction of this machine's matrix-multiply peak, measured first (ND4J float gemm). FLOPs "
                        + "per image count the convolution (2·kh·kw·cin·cout·hout·wout) and dense (2·nin·nout) "
                        + "layers; batch norm, activations and pooling are left out.",
                "Rows go to <results>/pseudo-label.csv (mode,images,seconds,images_per_second,gflops,fraction_of_peak)."})
public final class PseudoLabelBenchCommand implements Callable<Integer> {
    static final String CSV_HEADER = "mode,images,seconds,images_per_second,gflops,fraction_of_peak";
    private static final int MATMUL_REPETITIONS = 5;

    @Mixin
    ConfigOptions config;

    @Option(names = "--model", paramLabel = "URI",
            description = "Teacher model zip; default: a freshly initialised model.network (weights do not change the work).")
    String model;

    @Option(names = "--split", defaultValue = "train", description = "Corpus split to label (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--limit", defaultValue = "0", paramLabel = "N",
            description = "Use only the first N rows of the split (copied to the scratch folder first, untimed); 0 = all.")
    long limit;

    @Option(names = "--repeats", defaultValue = "3", paramLabel = "N",
            description = "Timed passes per mode; the median is reported (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--matmul-size", defaultValue = "1024", paramLabel = "N",
            description = "Size of the square matrices of the peak measurement (default: ${DEFAULT-VALUE}).")
    int matmulSize;

    @Mixin
    ResultsFolder results;

    /** Images per forward pass: noisy-student.pseudo-label-batch-size. */
    private int batchSize;

    @Override
    public Integer call() {
        if (limit < 0 || repeats <= 0) {
            throw new IllegalArgumentException("--limit must be >= 0, --repeats > 0");
        }
        PipelineConfig pipeline = config.loadWithDefaults(List.of("spark.master=local[2]"));
        batchSize = pipeline.noisyStudent().pseudoLabelBatchSize();
        String corpus = pipeline.data().corpus();
        Path scratch = new Path(pipeline.run().dir(), "bench-pseudo-label-" + UUID.randomUUID());
        try (SparkSession spark = SparkSessions.start(pipeline)) {
            Configuration hadoop = spark.sparkContext().hadoopConfiguration();
            CorpusManifest manifest = CorpusReader.manifest(spark, corpus);
            ImageShape shape = manifest.imageShape();
            if (shape == null) throw new IllegalArgumentException("corpus " + corpus + " mixes image sizes");
            ComputationGraph teacher = model != null ? BenchTeacher.read(model, hadoop)
                    : BenchTeacher.fresh(pipeline.model(), shape, manifest.numClasses(), pipeline.train().seed());
            long flopsPerImage = ModelFlops.perImage(teacher, shape.height(), shape.width(), shape.channels());
            double peak = MatmulPeak.gflops(matmulSize, MATMUL_REPETITIONS);
            try {
                Dataset<Row> rows = rows(spark, corpus, scratch);
                List<ImagePixels> images = CorpusReader.decode(rows).map(LabeledImage::pixels).collect();
                SingleJvmInference inference = SingleJvmInference.of(teacher, images, batchSize);
                Throughput single = Throughput.medianAfterWarmUp("single-jvm", inference.images(), repeats,
                        inference::pass);
                int cores = spark.sparkContext().defaultParallelism();
                Throughput perCore = Throughput.medianAfterWarmUp("single-jvm-per-core", inference.images(), repeats,
                        () -> inference.passOnEachCore(cores));
                byte[] teacherBytes = ModelFiles.toBytes(teacher, false);
                Path labels = new Path(scratch, "labels");
                Throughput onSpark = Throughput.medianAfterWarmUp("spark " + pipeline.spark().master(), single.images(),
                        repeats, () -> sparkPass(spark, rows, teacherBytes, labels, single.images()));
                System.out.println(report(corpus, shape, BenchTeacher.describe(model, pipeline.model()), flopsPerImage,
                        peak, single, perCore, onSpark));
                ResultsCsv csv = new ResultsCsv(results.resolve(pipeline).resolve("pseudo-label.csv"), CSV_HEADER);
                csv.append(List.of(csvRow(single, flopsPerImage, peak), csvRow(perCore, flopsPerImage, peak),
                        csvRow(onSpark, flopsPerImage, peak)));
                System.out.println("rows appended to " + csv.file());
            } finally {
                HadoopFiles.delete(hadoop, scratch);
            }
        }
        return 0;
    }

    /** The split, or its first --limit rows copied into the scratch folder so both modes read the same rows. */
    private Dataset<Row> rows(SparkSession spark, String corpus, Path scratch) {
        Dataset<Row> split = CorpusReader.split(spark, corpus, this.split);
        if (limit == 0) return split;
        String copy = new Path(scratch, "input").toString();
        // limit() gathers its rows into one partition; spread them again so the job gets every core
        split.limit((int) Math.min(limit, Integer.MAX_VALUE)).repartition(spark.sparkContext().defaultParallelism())
                .write().parquet(copy);
        return spark.read().parquet(copy);
    }

    private double sparkPass(SparkSession spark, Dataset<Row> rows, byte[] teacher, Path output, long images) {
        try {
            PseudoLabelJob.Summary summary = PseudoLabelJob.run(spark, rows,
                    new PseudoLabelJob.Request(teacher, 1, batchSize, output.toString(), false));
            if (summary.examples() != images) {
                throw new IllegalStateException("the job labeled " + summary.examples() + " of " + images + " images");
            }
            return summary.seconds();
        } finally {
            HadoopFiles.delete(spark.sparkContext().hadoopConfiguration(), output);
        }
    }

    private String report(String corpus, ImageShape shape, String teacher, long flopsPerImage, double peak,
                          Throughput single, Throughput perCore, Throughput onSpark) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%npseudo-label benchmark: %s/%s, %d images %s; teacher %s; batch %d; "
                + "median of %d%n", corpus, split, single.images(), shape, teacher, batchSize, repeats));
        out.append(String.format(Locale.ROOT, "model: %.3f MFLOP per image (convolution and dense layers)%n",
                flopsPerImage / 1e6));
        out.append(String.format(Locale.ROOT, "matmul peak: %.1f GFLOP/s (%dx%d float gemm, fastest of %d)%n%n",
                peak, matmulSize, matmulSize, MATMUL_REPETITIONS));
        out.append(String.format(Locale.ROOT, "%-20s %9s %9s %10s %9s %8s%n", "mode", "images", "seconds", "images/s",
                "GFLOP/s", "of peak"));
        for (Throughput t : List.of(single, perCore, onSpark)) {
            out.append(String.format(Locale.ROOT, "%-20s %9d %9.2f %10.1f %9.2f %7.1f%%%n", t.name(), t.images(),
                    t.seconds(), t.imagesPerSecond(), t.gflops(flopsPerImage), 100 * t.gflops(flopsPerImage) / peak));
        }
        double ratio = onSpark.imagesPerSecond() / single.imagesPerSecond();
        out.append(String.format(Locale.ROOT, "%nspark / single-jvm images/s: %.3f (target >= 0.9: %s)", ratio,
                ratio >= 0.9 ? "met" : "not met"));
        out.append(String.format(Locale.ROOT, "%nspark / single-jvm-per-core images/s: %.3f",
                onSpark.imagesPerSecond() / perCore.imagesPerSecond()));
        return out.toString();
    }

    private static String csvRow(Throughput t, long flopsPerImage, double peak) {
        return String.format(Locale.ROOT, "%s,%d,%.3f,%.1f,%.3f,%.4f", t.name(), t.images(), t.seconds(),
                t.imagesPerSecond(), t.gflops(flopsPerImage), t.gflops(flopsPerImage) / peak);
    }
}
