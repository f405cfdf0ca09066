package org.sslpipeline.jobs.ingest;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sslpipeline.jobs.LocalSpark;
import org.sslpipeline.jobs.corpus.CorpusLayout;
import org.sslpipeline.jobs.corpus.CorpusManifest;
import org.sslpipeline.jobs.corpus.CorpusReader;
import org.sslpipeline.jobs.corpus.CorpusSchema;
import org.sslpipeline.jobs.corpus.ImageShape;
import org.sslpipeline.training.data.ImageCodec;
import org.sslpipeline.training.data.LabeledImage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ingests the real Fashion-MNIST files once, then checks the corpus from several sides. */
class FashionMnistIngestTest {
    private static final String FASHION_MNIST = "/usr/share/datasets/fashion-mnist";
    private static final int SHARD_ROWS = 7000;

    @TempDir
    static Path temp;
    private static SparkSession spark;
    private static String corpus;
    private static IngestSummary summary;

    @BeforeAll
    static void ingest() {
        spark = LocalSpark.start(FashionMnistIngestTest.class);
        corpus = temp.resolve("fashion").toUri().toString();
        summary = IngestJob.run(spark, new IngestRequest("fashion-mnist", null, corpus, null, null, SHARD_ROWS, false));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void summaryCountsEveryImageOfBothSplits() {
        assertEquals(Map.of("train", 60000L, "test", 10000L), summary.rowsPerSplit());
        assertEquals(List.of("train", "test"), summary.corpus().splits());
        for (int label = 0; label < 10; label++) {
            assertEquals(6000L, summary.rowsPerSplitAndClass().get("train").get(label));
            assertEquals(1000L, summary.rowsPerSplitAndClass().get("test").get(label));
        }
        assertEquals(0, summary.quarantined());
        assertEquals(10, summary.classNames().size());
        assertEquals("Ankle boot", summary.classNames().get(9));
        assertTrue(summary.format().contains("Ankle boot"), summary.format());
    }

    @Test
    void writesShardsOfAtMostShardRows() throws IOException {
        assertEquals(9, partFiles("train").size()); // ceil(60000 / 7000)
        assertEquals(2, partFiles("test").size());
        assertTrue(Files.exists(Path.of(temp.resolve("fashion/train/_SUCCESS").toString())));
        long largestShard = spark.read().parquet(corpus + "/train")
                .groupBy(org.apache.spark.sql.functions.input_file_name()).count()
                .agg(org.apache.spark.sql.functions.max("count")).first().getLong(0);
        assertEquals(SHARD_ROWS, largestShard);
    }

    @Test
    void corpusJsonDescribesTheCorpus() {
        CorpusManifest manifest = CorpusManifest.read(CorpusLayout.of(corpus).manifest(), new Configuration());

        assertEquals(summary.corpus(), manifest);
        assertEquals("fashion", manifest.name());
        assertEquals("fashion-mnist", manifest.format());
        assertEquals(FASHION_MNIST, manifest.source());
        assertEquals(new ImageShape(28, 28, 1), manifest.imageShape());
        assertEquals(10, CorpusReader.manifest(spark, corpus).numClasses());
    }

    @Test
    void rowsHoldTheIdxPixelsAndLabels() throws IOException {
        Row last = CorpusReader.split(spark, corpus, "train").filter(col(CorpusSchema.ID).equalTo("fashion-mnist/train/059999")).first();

        byte[] expectedPixels;
        int expectedLabel;
        try (IdxReader images = IdxReader.open(new org.apache.hadoop.fs.Path(FASHION_MNIST, "train-images-idx3-ubyte.gz"), new Configuration());
             IdxReader labels = IdxReader.open(new org.apache.hadoop.fs.Path(FASHION_MNIST, "train-labels-idx1-ubyte.gz"), new Configuration())) {
            images.skip(59999);
            labels.skip(59999);
            expectedPixels = images.next();
            expectedLabel = labels.nextByte();
        }
        assertArrayEquals(expectedPixels, ImageCodec.decode(last.getAs(CorpusSchema.IMAGE)).hwc());
        assertEquals(expectedLabel, (int) last.getAs(CorpusSchema.LABEL));
        assertEquals(28, (int) last.getAs(CorpusSchema.HEIGHT));
        assertEquals(1, (int) last.getAs(CorpusSchema.CHANNELS));
        assertEquals("train-images-idx3-ubyte.gz#59999", last.getAs(CorpusSchema.SOURCE));
    }

    @Test
    void testSplitDecodesToLabeledImages() {
        List<LabeledImage> images = CorpusReader.images(spark, corpus, "test").take(5);
        long count = CorpusReader.images(spark, corpus, "test").count();

        assertEquals(10000, count);
        for (LabeledImage image : images) {
            assertTrue(image.label() >= 0 && image.label() <= 9);
            assertEquals(28, image.pixels().width());
        }
    }

    @Test
    void quarantineIsEmptyAndNothingIsLeftBesideTheCorpus() throws IOException {
        assertEquals(0, CorpusReader.quarantine(spark, corpus).count());
        try (Stream<Path> siblings = Files.list(temp)) {
            assertEquals(List.of("fashion"), siblings.map(p -> p.getFileName().toString()).toList());
        }
    }

    private static List<Path> partFiles(String split) throws IOException {
        try (Stream<Path> files = Files.list(temp.resolve("fashion").resolve(split))) {
            return files.filter(f -> f.getFileName().toString().startsWith("part-")).toList();
        }
    }
}
