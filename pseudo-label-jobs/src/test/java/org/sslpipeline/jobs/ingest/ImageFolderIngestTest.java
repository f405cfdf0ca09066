package org.sslpipeline.jobs.ingest;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sslpipeline.jobs.LocalSpark;
import org.sslpipeline.jobs.corpus.CorpusReader;
import org.sslpipeline.jobs.corpus.CorpusSchema;
import org.sslpipeline.training.data.ImageCodec;
import org.sslpipeline.training.data.ImagePixels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.max;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ingests a generated folder of PNG and JPEG files, grayscale and RGB, in three class folders, mixed
 * with a truncated PNG, an empty file, a text file and a file outside the class folders.
 */
class ImageFolderIngestTest {
    private static final int SHARD_ROWS = 2;

    @TempDir
    static Path temp;
    private static SparkSession spark;
    private static Path images;
    private static ImagePixels grayBird;
    private static ImagePixels rgbCat;
    private static String corpus;
    private static IngestSummary summary;

    @BeforeAll
    static void ingest() throws IOException {
        spark = LocalSpark.start(ImageFolderIngestTest.class);
        images = temp.resolve("images");
        grayBird = TestImages.random(8, 6, 1, 1);
        rgbCat = TestImages.random(8, 6, 3, 2);
        TestImages.png(images.resolve("bird/b1.png"), grayBird);
        TestImages.png(images.resolve("bird/b2.png"), TestImages.random(8, 6, 1, 3));
        TestImages.png(images.resolve("cat/c1.png"), rgbCat);
        TestImages.png(images.resolve("cat/c2.png"), TestImages.random(8, 6, 3, 4));
        TestImages.jpeg(images.resolve("cat/c3.jpg"), TestImages.random(8, 6, 3, 5));
        TestImages.jpeg(images.resolve("dog/d1.jpeg"), TestImages.random(10, 12, 1, 6));
        TestImages.truncatedPng(images.resolve("dog/broken.png"), TestImages.random(16, 16, 3, 7));
        Files.createFile(images.resolve("dog/empty.png"));
        TestImages.text(images.resolve("dog/notes.txt"), "not an image");
        TestImages.png(images.resolve("stray.png"), TestImages.random(8, 6, 1, 8));

        corpus = temp.resolve("pets").toUri().toString();
        summary = IngestJob.run(spark, new IngestRequest("image-folder", images.toString(), corpus, null, null, SHARD_ROWS, false));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void labelsImagesByTheirSortedClassFolder() {
        assertEquals(List.of("bird", "cat", "dog"), summary.classNames());
        assertEquals(Map.of("train", 6L), summary.rowsPerSplit());
        assertEquals(Map.of(0, 2L, 1, 3L, 2, 1L), summary.rowsPerSplitAndClass().get("train"));
        assertNull(summary.corpus().imageShape(), "shapes differ");

        Map<String, Integer> labels = CorpusReader.split(spark, corpus, "train").collectAsList().stream()
                .collect(Collectors.toMap(row -> row.getAs(CorpusSchema.ID), row -> row.getAs(CorpusSchema.LABEL)));
        assertEquals(Map.of("bird/b1.png", 0, "bird/b2.png", 0, "cat/c1.png", 1, "cat/c2.png", 1, "cat/c3.jpg", 1,
                "dog/d1.jpeg", 2), labels);
    }

    @Test
    void keepsPixelsOfPngsAndShapesOfJpegs() {
        Map<String, Row> rows = CorpusReader.split(spark, corpus, "train").collectAsList().stream()
                .collect(Collectors.toMap(row -> row.getAs(CorpusSchema.ID), row -> row));

        assertArrayEquals(grayBird.hwc(), ImageCodec.decode(rows.get("bird/b1.png").getAs(CorpusSchema.IMAGE)).hwc());
        assertArrayEquals(rgbCat.hwc(), ImageCodec.decode(rows.get("cat/c1.png").getAs(CorpusSchema.IMAGE)).hwc());
        assertEquals(List.of(8, 6, 3), shape(rows.get("cat/c3.jpg")));
        assertEquals(List.of(10, 12, 1), shape(rows.get("dog/d1.jpeg")));
        String source = rows.get("cat/c1.png").getAs(CorpusSchema.SOURCE);
        assertTrue(source.startsWith("file:") && source.endsWith("images/cat/c1.png"), source);
    }

    @Test
    void quarantinesEveryFileThatIsNotAnImageOfAClass() {
        assertEquals(4, summary.quarantined(), summary.format());
        Map<String, Long> perReason = summary.quarantinedPerReason();
        assertEquals(1L, perReason.get("empty file"));
        assertEquals(1L, perReason.get("not a recognised image format"));
        assertEquals(1L, perReason.get("not inside a class folder"));
        assertEquals(1L, perReason.entrySet().stream().filter(e -> e.getKey().startsWith("undecodable image")).count());

        Map<String, String> reasonPerFile = new TreeMap<>();
        for (Row row : CorpusReader.quarantine(spark, corpus).collectAsList()) {
            String source = row.getAs(CorpusSchema.SOURCE);
            reasonPerFile.put(source.substring(source.lastIndexOf('/') + 1), row.getAs(CorpusSchema.REASON));
            assertEquals("train", row.getAs(CorpusSchema.SPLIT));
        }
        assertEquals(List.of("broken.png", "empty.png", "notes.txt", "stray.png"), List.copyOf(reasonPerFile.keySet()));
        assertEquals("empty file", reasonPerFile.get("empty.png"));
        assertEquals("not a recognised image format", reasonPerFile.get("notes.txt"));
    }

    @Test
    void writesShardsOfAtMostShardRows() {
        long largestShard = CorpusReader.split(spark, corpus, "train").groupBy(input_file_name()).count()
                .agg(max("count")).first().getLong(0);

        assertTrue(largestShard <= SHARD_ROWS, "largest shard has " + largestShard + " rows");
    }

    @Test
    void filesWithoutClassFoldersMakeAnUnlabeledSplit() throws IOException {
        Path loose = temp.resolve("loose");
        for (int i = 0; i < 3; i++) {
            TestImages.png(loose.resolve("img" + i + ".png"), TestImages.random(5, 5, 3, 10 + i));
        }
        String unlabeled = temp.resolve("unlabeled").toString();

        IngestSummary result = IngestJob.run(spark, new IngestRequest("image-folder", loose.toString(), unlabeled,
                "web", "extra", 100, false));

        assertEquals(List.of(), result.classNames());
        assertEquals(Map.of("extra", 3L), result.rowsPerSplit());
        assertEquals(3, result.corpus().unlabeledRows("extra"));
        assertEquals("web", result.corpus().name());
        assertEquals("5x5x3", String.valueOf(result.corpus().imageShape()));
        List<Row> rows = CorpusReader.split(spark, unlabeled, "extra").collectAsList();
        assertEquals(3, rows.size());
        assertTrue(rows.stream().allMatch(row -> row.isNullAt(row.fieldIndex(CorpusSchema.LABEL))));
        assertEquals(List.of("img0.png", "img1.png", "img2.png"),
                rows.stream().map(row -> row.<String>getAs(CorpusSchema.ID)).sorted().toList());
    }

    @Test
    void aMissingSourceFailsNamingItBeforeWritingAnything() {
        Path missing = temp.resolve("no-such-folder");
        Path output = temp.resolve("never-written");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> IngestJob.run(spark,
                new IngestRequest("image-folder", missing.toString(), output.toString())));

        assertTrue(error.getMessage().contains(missing.toString()), error.getMessage());
        assertFalse(Files.exists(output));
    }

    @Test
    void refusesAnExistingOutputUnlessToldToOverwriteIt() throws IOException {
        Path smallFolder = temp.resolve("small");
        TestImages.png(smallFolder.resolve("a/1.png"), TestImages.random(4, 4, 1, 20));
        Path output = temp.resolve("replaced");
        IngestJob.run(spark, new IngestRequest("image-folder", images.toString(), output.toString()));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> IngestJob.run(spark,
                new IngestRequest("image-folder", smallFolder.toString(), output.toString())));
        assertTrue(error.getMessage().contains("output already exists") && error.getMessage().contains("replaced"),
                error.getMessage());
        assertEquals(6, CorpusReader.split(spark, output.toString(), "train").count());

        IngestJob.run(spark, new IngestRequest("image-folder", smallFolder.toString(), output.toString(), null, null, 10, true));
        assertEquals(1, CorpusReader.split(spark, output.toString(), "train").count());
        assertEquals(List.of("a"), CorpusReader.manifest(spark, output.toString()).classNames());
        try (Stream<Path> siblings = Files.list(temp)) {
            assertTrue(siblings.noneMatch(p -> p.getFileName().toString().startsWith(".replaced")), "staging left behind");
        }
    }

    private static List<Integer> shape(Row row) {
        return List.of(row.getAs(CorpusSchema.HEIGHT), row.getAs(CorpusSchema.WIDTH), row.getAs(CorpusSchema.CHANNELS));
    }
}
