package org.sslpipeline.bench.synthetic;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.sslpipeline.jobs.corpus.CorpusSchema;
import org.sslpipeline.training.data.ExampleKeys;
import org.sslpipeline.training.data.ImageCodec;
import org.sslpipeline.training.data.ImagePixels;
import org.sslpipeline.training.data.LabeledImage;

import java.util.SplittableRandom;

/**
 * A generated corpus of any size, for benchmarks: 28x28 grayscale images of 10 classes, class c drawing stripes
 * of orientation c % 2 (even: horizontal) and period 2 + c / 2 pixels at a random phase, plus uniform noise.
 * Every example is a function of (seed, index) alone, so Spark tasks generate their own indices, the driver holds
 * nothing, and a seed gives the same corpus however it is partitioned.
 */
public final class SyntheticCorpus {
    public static final int SIZE = 28;
    public static final int CLASSES = 10;
    private static final int DARK = 50;
    private static final int BRIGHT = 190;
    private static final int NOISE = 24;
    /** Each task writes one Parquet file; this keeps them at a few tens of MB. */
    private static final long ROWS_PER_TASK = 20_000;

    private SyntheticCorpus() {}

    public static String id(long index) {
        return String.format("synthetic/%09d", index);
    }

    public static int period(int label) {
        return 2 + label / 2;
    }

    public static boolean horizontal(int label) {
        return label % 2 == 0;
    }

    /** Example {@code index} of the corpus of {@code seed}. */
    public static LabeledImage example(long seed, long index) {
        SplittableRandom random = new SplittableRandom(ExampleKeys.mix(ExampleKeys.mix(seed) ^ index));
        int label = random.nextInt(CLASSES);
        int period = period(label);
        int phase = random.nextInt(period);
        byte[] pixels = new byte[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int along = horizontal(label) ? y : x;
                int base = (along + phase) % period < (period + 1) / 2 ? BRIGHT : DARK;
                int value = base + random.nextInt(2 * NOISE + 1) - NOISE;
                pixels[y * SIZE + x] = (byte) Math.max(0, Math.min(255, value));
            }
        }
        return new LabeledImage(id(index), label, new ImagePixels(SIZE, SIZE, 1, pixels));
    }

    /**
     * The tasks of {@link #write} run this class. Executors in JVMs of their own (a cluster master) get the
     * spark-submit jar, which holds the product only: they fetch this class's jar as well.
     */
    public static void shipToExecutors(SparkSession spark) {
        if (spark.sparkContext().isLocal()) return;
        String jar = SyntheticCorpus.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        if (jar.endsWith(".jar")) spark.sparkContext().addJar(jar);
    }

    /**
     * Writes examples 0 to {@code images - 1} as Parquet files with the corpus schema (PNG images, labels, no
     * source), which {@code IngestJob} reads as a plain Parquet source.
     *
     * @param output a Hadoop path that must not exist yet
     */
    public static void write(SparkSession spark, long images, long seed, String output) {
        if (images <= 0) throw new IllegalArgumentException("a synthetic corpus needs at least one image, got " + images);
        int tasks = (int) Math.max(spark.sparkContext().defaultParallelism(), (images + ROWS_PER_TASK - 1) / ROWS_PER_TASK);
        JavaRDD<Row> rows = spark.range(0, images, 1, tasks).javaRDD().map(index -> row(example(seed, index)));
        spark.createDataFrame(rows, CorpusSchema.ROW).write().parquet(output);
    }

    private static Row row(LabeledImage example) {
        ImagePixels pixels = example.pixels();
        return RowFactory.create(example.id(), ImageCodec.encodePng(pixels), pixels.height(), pixels.width(),
                pixels.channels(), example.label(), null);
    }
}
