package org.sslpipeline.bench;

import org.apache.spark.sql.SparkSession;
import org.sslpipeline.bench.results.LocalFiles;
import org.sslpipeline.bench.results.ResultsCsv;
import org.sslpipeline.driver.cli.ConfigOptions;
import org.sslpipeline.driver.config.PipelineConfig;
import org.sslpipeline.driver.run.SparkSessions;
import org.sslpipeline.jobs.corpus.CorpusReader;
import org.sslpipeline.jobs.ingest.ImageFolderOptions;
import org.sslpipeline.jobs.ingest.IngestJob;
import org.sslpipeline.jobs.ingest.IngestRequest;
import org.sslpipeline.jobs.ingest.IngestSummary;
import org.sslpipeline.training.data.ImageCodec;
import org.sslpipeline.training.data.ImagePixels;
import org.sslpipeline.training.data.ImageResize;
import org.sslpipeline.training.data.LabeledImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"How close the image-folder ingest comes to decoding alone: writes N images of the corpus "
                + "(data.corpus, split train) as image folders, 28x28 grayscale PNGs and 96x96 RGB JPEGs "
                + "(enlarged, the gray repeated), then per folder, in one run: reads and decodes every file in this "
                + "JVM on all cores (a thread per core), and ingests the folder on Spark (spark.master); the best of three of each, alternating. Rows go to "
                + "<results>/ingest.csv (source,images,seconds,images_per_second,ratio_to_decode)."})
public final class IngestBenchCommand implements Callable<Integer> {
    static final String HEADER = "source,images,seconds,images_per_second,ratio_to_decode";
    private static final int ATTEMPTS = 3;

    @Mixin
    ConfigOptions config;

    @Option(names = "--images", defaultValue = "10000", description = "Image files per folder (default: ${DEFAULT-VALUE}).")
    int images;

    @Mixin
    ResultsFolder results;

    private record Folder(String name, Path path, ImageEncoder encoder) {}

    private interface ImageEncoder {
        byte[] encode(ImagePixels pixels);
    }

    @Override
    public Integer call() throws Exception {
        PipelineConfig pipeline = config.load();
        Path work = Path.of(pipeline.run().dir()).toAbsolutePath().resolve("bench-ingest");
        LocalFiles.deleteTree(work);
        List<Folder> folders = List.of(
                new Folder("png-28x28", work.resolve("png-28x28"), ImageCodec::encodePng),
                new Folder("jpeg-96x96", work.resolve("jpeg-96x96"), pixels -> ImageCodec.encodeJpeg(ImageResize.to(pixels, 96, 96, 3))));
        List<String> rows = new ArrayList<>();
        try (SparkSession spark = SparkSessions.start(pipeline)) {
            List<LabeledImage> sample = CorpusReader.images(spark, pipeline.data().corpus(), "train").take(images);
            for (Folder folder : folders) {
                List<Path> files = write(folder, sample);
                int threads = Runtime.getRuntime().availableProcessors();
                // warm-up of both (JIT, Spark's generated code, page cache): decoding a part, ingesting a small folder
                decodeAll(files.subList(0, Math.min(files.size(), 1000)), threads);
                Folder warmUp = new Folder(folder.name() + "-warm-up", work.resolve(folder.name() + "-warm-up"), folder.encoder());
                write(warmUp, sample.subList(0, Math.min(sample.size(), 200)));
                ingest(spark, warmUp, work);
                // either moves by a third from run to run on a small machine: the best of three of each, alternating
                double decodeSeconds = Double.MAX_VALUE;
                double ingestSeconds = Double.MAX_VALUE;
                for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                    decodeSeconds = Math.min(decodeSeconds, decodeAll(files, threads));
                    IngestSummary summary = ingest(spark, folder, work);
                    long ingested = summary.rowsPerSplit().values().stream().mapToLong(Long::longValue).sum();
                    if (ingested != files.size()) {
                        throw new IllegalStateException(folder.name() + ": ingested " + ingested + " of " + files.size()
                                + " images:\n" + summary.format());
                    }
                    ingestSeconds = Math.min(ingestSeconds, summary.wallSeconds());
                    LocalFiles.deleteTree(corpusOf(folder, work));
                }
                double ingestRate = files.size() / ingestSeconds;
                double decodeRate = files.size() / decodeSeconds;
                System.out.printf(Locale.ROOT, "%s: %d files, decode on %d threads %.2f s (%.0f images/s), ingest "
                                + "%.2f s (%.0f images/s): %.2fx (best of %d each)%n", folder.name(), files.size(),
                        threads, decodeSeconds, decodeRate, ingestSeconds, ingestRate, ingestRate / decodeRate, ATTEMPTS);
                rows.add(row(folder.name() + "/decode", files.size(), decodeSeconds, 1.0));
                rows.add(row(folder.name() + "/ingest", files.size(), ingestSeconds, ingestRate / decodeRate));
            }
        }
        new ResultsCsv(results.resolve(pipeline).resolve("ingest.csv"), HEADER).append(rows);
        rows.forEach(System.out::println);
        System.out.println("target: ingest at least 0.7x of decoding for each source");
        return 0;
    }

    private static IngestSummary ingest(SparkSession spark, Folder folder, Path work) {
        return IngestJob.run(spark, new IngestRequest("image-folder", folder.path().toString(),
                corpusOf(folder, work).toString(), folder.name(), null,
                IngestRequest.DEFAULT_SHARD_ROWS, false, false, "", ImageFolderOptions.DEFAULTS));
    }

    private static Path corpusOf(Folder folder, Path work) {
        return work.resolve("corpus-" + folder.name());
    }

    /** Writes the sample as root/<class name>/<id>.<ext>; returns the files in path order. */
    private static List<Path> write(Folder folder, List<LabeledImage> sample) throws IOException {
        String extension = folder.name().startsWith("png") ? ".png" : ".jpg";
        List<Path> files = new ArrayList<>();
        for (LabeledImage image : sample) {
            Path file = folder.path().resolve("class-" + image.label()).resolve(image.id().replace('/', '_') + extension);
            Files.createDirectories(file.getParent());
            Files.write(file, folder.encoder().encode(image.pixels()));
            files.add(file);
        }
        files.sort(Comparator.naturalOrder());
        return files;
    }

    /** Reads and decodes every file on {@code threads} threads; returns the seconds taken. */
    private static double decodeAll(List<Path> files, int threads) throws Exception {
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<Path> part = new ArrayList<>();
                for (int i = t; i < files.size(); i += threads) part.add(files.get(i));
                parts.add(pool.submit(() -> {
                    long pixels = 0;
                    for (Path file : part) pixels += ImageCodec.decode(Files.readAllBytes(file)).hwc().length;
                    return pixels;
                }));
            }
            for (Future<Long> part : parts) part.get();
        } finally {
            pool.shutdown();
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private static String row(String source, long images, double seconds, double ratio) {
        return String.format(Locale.ROOT, "%s,%d,%.2f,%.1f,%.2f", source, images, seconds, images / seconds, ratio);
    }
}
