package org.sslpipeline.jobs.ingest;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sslpipeline.jobs.LocalSpark;
import org.sslpipeline.jobs.corpus.CorpusManifest;
import org.sslpipeline.jobs.corpus.CorpusReader;
import org.sslpipeline.jobs.corpus.CorpusSchema;
import org.sslpipeline.training.data.ImageCodec;
import org.sslpipeline.training.data.ImagePixels;
import org.sslpipeline.training.data.ImageResize;

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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Image folders as people lay them out: split folders with class folders, unlabeled folders and loose files, a
 * corrupt file in every split, PNG and JPEG, grayscale and RGB, of several sizes; class folders alone (a test split
 * is drawn); layouts that are refused; appending.
 */
class ImageFolderIngestTest {
    private static final int SHARD_ROWS = 2;
    private static final double TEST_FRACTION = 0.25;

    @TempDir
    static Path temp;
    private static SparkSession spark;
    private static ImagePixels grayBird;
    private static ImagePixels rgbCat;
    private static String splitCorpus;
    private static IngestSummary splitSummary;

    @BeforeAll
    static void ingestASplitFolder() throws IOException {
        spark = LocalSpark.start(ImageFolderIngestTest.class);
        Path root = temp.resolve("split-folder");
        grayBird = TestImages.random(8, 6, 1, 1);
        rgbCat = TestImages.random(8, 6, 3, 2);
        TestImages.png(root.resolve("train/bird/b1.png"), grayBird);
        TestImages.png(root.resolve("train/bird/b2.png"), TestImages.random(8, 6, 1, 3));
        TestImages.png(root.resolve("train/cat/c1.png"), rgbCat);
        TestImages.jpeg(root.resolve("train/cat/c2.jpg"), TestImages.random(8, 6, 3, 4));
        TestImages.jpeg(root.resolve("train/cat/c3.jpeg"), TestImages.random(16, 12, 1, 5));
        TestImages.truncatedPng(root.resolve("train/cat/broken.png"), TestImages.random(8, 6, 1, 6));
        TestImages.png(root.resolve("train/unlabeled/u1.png"), TestImages.random(8, 6, 1, 7));
        TestImages.png(root.resolve("train/unlabeled/deeper/u2.png"), TestImages.random(8, 6, 1, 8));
        TestImages.png(root.resolve("train/loose.png"), TestImages.random(8, 6, 1, 9));
        TestImages.png(root.resolve("test/bird/t1.png"), TestImages.random(8, 6, 1, 10));
        TestImages.png(root.resolve("test/cat/t2.png"), TestImages.random(8, 6, 1, 11));
        Files.createDirectories(root.resolve("test/dog"));
        Files.createFile(root.resolve("test/dog/empty.png"));
        TestImages.png(root.resolve("val/bird/v1.png"), TestImages.random(8, 6, 1, 12));
        TestImages.text(root.resolve("val/bird/notes.txt"), "not an image");
        TestImages.png(root.resolve(".hidden/x.png"), TestImages.random(8, 6, 1, 13));

        splitCorpus = temp.resolve("pets").toUri().toString();
        splitSummary = IngestJob.run(spark, request(root, splitCorpus, ImageFolderOptions.DEFAULTS));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void splitFoldersBecomeSplitsAndTheirSubFoldersClasses() {
        assertEquals(List.of("bird", "cat", "dog"), splitSummary.classNames(), splitSummary.format());
        assertEquals(List.of("train", "val", "test"), splitSummary.corpus().splits());
        assertEquals(Map.of("train", 8L, "val", 1L, "test", 2L), splitSummary.rowsPerSplit());
        assertEquals(Map.of(0, 2L, 1, 3L), splitSummary.rowsPerSplitAndClass().get("train"));
        assertEquals(3, splitSummary.corpus().unlabeledRows("train"), "unlabeled/, unlabeled/deeper/ and a loose file");
        assertEquals(Map.of(0, 1L, 1, 1L), splitSummary.rowsPerSplitAndClass().get("test"));

        Map<String, Integer> labels = new TreeMap<>();
        CorpusReader.split(spark, splitCorpus, "train").collectAsList().forEach(row ->
                labels.put(row.getAs(CorpusSchema.ID), row.isNullAt(row.fieldIndex(CorpusSchema.LABEL)) ? -1 : row.getAs(CorpusSchema.LABEL)));
        assertEquals(Map.of("train/bird/b1.png", 0, "train/bird/b2.png", 0, "train/cat/c1.png", 1,
                "train/cat/c2.jpg", 1, "train/cat/c3.jpeg", 1, "train/loose.png", -1, "train/unlabeled/deeper/u2.png", -1,
                "train/unlabeled/u1.png", -1), labels);
    }

    @Test
    void imagesOfAnotherShapeAreResizedToTheFirstImagesShape() {
        assertEquals("8x6x1", String.valueOf(splitSummary.corpus().imageShape()));
        Map<String, Row> rows = rows(splitCorpus, "train");

        assertArrayEquals(grayBird.hwc(), decode(rows.get("train/bird/b1.png")).hwc(), "a PNG keeps its pixels");
        assertArrayEquals(ImageResize.to(rgbCat, 8, 6, 1).hwc(), decode(rows.get("train/cat/c1.png")).hwc(),
                "RGB to gray by luma");
        for (Row row : rows.values()) {
            assertEquals(List.of(8, 6, 1), List.of(row.getAs(CorpusSchema.HEIGHT), row.getAs(CorpusSchema.WIDTH),
                    row.getAs(CorpusSchema.CHANNELS)));
            assertEquals(List.of(8, 6, 1), shapeOf(decode(row)));
        }
        String source = rows.get("train/cat/c1.png").getAs(CorpusSchema.SOURCE);
        assertTrue(source.startsWith("file:") && source.endsWith("split-folder/train/cat/c1.png"), source);
    }

    @Test
    void aCorruptFileInEverySplitIsQuarantinedUnderItsSplit() {
        assertEquals(3, splitSummary.quarantined(), splitSummary.format());
        Map<String, String> splitPerFile = new TreeMap<>();
        Map<String, String> reasonPerFile = new TreeMap<>();
        for (Row row : CorpusReader.quarantine(spark, splitCorpus).collectAsList()) {
            String source = row.getAs(CorpusSchema.SOURCE);
            String name = source.substring(source.lastIndexOf('/') + 1);
            splitPerFile.put(name, row.getAs(CorpusSchema.SPLIT));
            reasonPerFile.put(name, row.getAs(CorpusSchema.REASON));
        }
        assertEquals(Map.of("broken.png", "train", "empty.png", "test", "notes.txt", "val"), splitPerFile);
        assertEquals("empty file", reasonPerFile.get("empty.png"));
        assertEquals("not a recognised image format", reasonPerFile.get("notes.txt"));
        assertTrue(reasonPerFile.get("broken.png").startsWith("undecodable image"), reasonPerFile.get("broken.png"));
    }

    @Test
    void moreRejectsThanTheWriteHoldsAreAllQuarantined() throws IOException {
        Path root = temp.resolve("mostly-broken");
        TestImages.png(root.resolve("train/a/good.png"), TestImages.random(4, 4, 1, 1));
        TestImages.png(root.resolve("test/a/good.png"), TestImages.random(4, 4, 1, 2));
        int broken = IngestTally.HELD_REJECTS + 3;
        for (int i = 0; i < broken; i++) TestImages.text(root.resolve("train/a/broken-" + i + ".png"), "not a png");

        String corpus = temp.resolve("mostly-broken-corpus").toString();
        IngestSummary summary = IngestJob.run(spark, request(root, corpus, ImageFolderOptions.DEFAULTS));

        assertEquals(Map.of("not a recognised image format", (long) broken), summary.quarantinedPerReason());
        assertEquals(broken, CorpusReader.quarantine(spark, corpus).select(CorpusSchema.SOURCE).distinct().count());
        assertEquals(1, CorpusReader.split(spark, corpus, "train").count());
    }

    @Test
    void writesShardsOfAtMostShardRows() {
        long largestShard = CorpusReader.split(spark, splitCorpus, "train").groupBy(input_file_name()).count()
                .agg(max("count")).first().getLong(0);

        assertTrue(largestShard <= SHARD_ROWS, "largest shard has " + largestShard + " rows");
    }

    @Test
    void classFoldersAloneGiveATrainSplitAndAStratifiedSeededTestSplit() throws IOException {
        Path root = temp.resolve("class-folders");
        for (int i = 0; i < 8; i++) TestImages.png(root.resolve("ant/a" + i + ".png"), TestImages.random(4, 4, 3, 100 + i));
        for (int i = 0; i < 4; i++) TestImages.png(root.resolve("bee/b" + i + ".png"), TestImages.random(4, 4, 3, 200 + i));
        TestImages.png(root.resolve("unlabeled/u.png"), TestImages.random(4, 4, 3, 300));
        TestImages.png(root.resolve("loose.png"), TestImages.random(4, 4, 3, 301));
        Files.createDirectories(root.resolve("wasp"));

        String corpus = temp.resolve("insects").toString();
        IngestSummary summary = IngestJob.run(spark, request(root, corpus, ImageFolderOptions.DEFAULTS.withTestFraction(TEST_FRACTION)));

        assertEquals(List.of("ant", "bee", "wasp"), summary.classNames());
        assertTrue(summary.format().contains("class folder wasp holds no images"), summary.format());
        assertEquals(Map.of(0, 2L, 1, 1L), summary.rowsPerSplitAndClass().get("test"), "a quarter of each class");
        assertEquals(Map.of(0, 6L, 1, 3L), summary.rowsPerSplitAndClass().get("train"));
        assertEquals(2, summary.corpus().unlabeledRows("train"));
        assertEquals(0, summary.corpus().unlabeledRows("test"));
        assertTrue(summary.format().contains("3 images (25% of each class's labeled train images, seed 1"), summary.format());

        String again = temp.resolve("insects-again").toString();
        IngestJob.run(spark, request(root, again, ImageFolderOptions.DEFAULTS.withTestFraction(TEST_FRACTION)));
        assertEquals(rows(corpus, "test").keySet(), rows(again, "test").keySet(), "the same seed draws the same images");
        String otherSeed = temp.resolve("insects-seed-2").toString();
        IngestJob.run(spark, request(root, otherSeed, new ImageFolderOptions(ImageFolderOptions.DEFAULTS.splitFolders(),
                TEST_FRACTION, 2, "auto", "resize")));
        assertNotEquals(rows(corpus, "test").keySet(), rows(otherSeed, "test").keySet());
    }

    @Test
    void otherShapesAreQuarantinedWhenSoSetAndAFixedShapeIsHeld() throws IOException {
        Path root = temp.resolve("sizes");
        TestImages.png(root.resolve("train/a/1-small.png"), TestImages.random(4, 4, 1, 1));
        TestImages.png(root.resolve("train/a/2-large.png"), TestImages.random(9, 7, 3, 2));
        TestImages.png(root.resolve("test/a/t.png"), TestImages.random(4, 4, 1, 3));

        IngestSummary quarantined = IngestJob.run(spark, request(root, temp.resolve("sizes-q").toString(),
                new ImageFolderOptions(List.of("train", "test"), 0, 1, "auto", ImageFolderOptions.QUARANTINE)));
        assertEquals(Map.of("image shape 9x7x3 is not the corpus's 4x4x1", 1L), quarantined.quarantinedPerReason());

        String fixed = temp.resolve("sizes-fixed").toString();
        IngestSummary resized = IngestJob.run(spark, request(root, fixed,
                new ImageFolderOptions(List.of("train", "test"), 0, 1, "5x5x3", ImageFolderOptions.RESIZE)));
        assertEquals("5x5x3", String.valueOf(resized.corpus().imageShape()));
        assertEquals(0, resized.quarantined());
        rows(fixed, "train").values().forEach(row -> assertEquals(List.of(5, 5, 3), shapeOf(decode(row))));
    }

    @Test
    void layoutsThatFitNeitherPatternAreRefusedNamingWhatWasFound() throws IOException {
        Path nested = temp.resolve("nested");
        TestImages.png(nested.resolve("cat/kittens/k.png"), TestImages.random(4, 4, 1, 1));
        IllegalArgumentException deep = assertThrows(IllegalArgumentException.class,
                () -> IngestJob.run(spark, request(nested, temp.resolve("never-1").toString(), ImageFolderOptions.DEFAULTS)));
        assertTrue(deep.getMessage().contains("class folder 'cat' holds folders (e.g. 'cat/kittens')")
                && deep.getMessage().contains("root/<class>/<image>"), deep.getMessage());

        Path nestedSplit = temp.resolve("nested-split");
        TestImages.png(nestedSplit.resolve("train/cat/more/k.png"), TestImages.random(4, 4, 1, 1));
        IllegalArgumentException deepSplit = assertThrows(IllegalArgumentException.class,
                () -> IngestJob.run(spark, request(nestedSplit, temp.resolve("never-2").toString(), ImageFolderOptions.DEFAULTS)));
        assertTrue(deepSplit.getMessage().contains("root/<split>/<class>/<image>"), deepSplit.getMessage());

        Path mixed = temp.resolve("mixed");
        TestImages.png(mixed.resolve("train/cat/c.png"), TestImages.random(4, 4, 1, 1));
        TestImages.png(mixed.resolve("dog/d.png"), TestImages.random(4, 4, 1, 2));
        IllegalArgumentException mix = assertThrows(IllegalArgumentException.class,
                () -> IngestJob.run(spark, request(mixed, temp.resolve("never-3").toString(), ImageFolderOptions.DEFAULTS)));
        assertTrue(mix.getMessage().contains("mixes split folders (train) with 'dog'"), mix.getMessage());

        Path empty = temp.resolve("no-images");
        Files.createDirectories(empty.resolve("cat"));
        Files.createDirectories(empty.resolve("dog"));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> IngestJob.run(spark, request(empty, temp.resolve("never-4").toString(), ImageFolderOptions.DEFAULTS)));
        assertTrue(none.getMessage().contains("no image files under") && none.getMessage().contains("2 folders"),
                none.getMessage());
        for (int i = 1; i <= 4; i++) assertFalse(Files.exists(temp.resolve("never-" + i)));
    }

    @Test
    void appendsUnlabeledImagesAndANewSplitAtomically() throws IOException {
        Path first = temp.resolve("append-first");
        TestImages.png(first.resolve("train/a/1.png"), TestImages.random(4, 4, 1, 1));
        TestImages.png(first.resolve("train/b/2.png"), TestImages.random(4, 4, 1, 2));
        TestImages.png(first.resolve("test/a/3.png"), TestImages.random(4, 4, 1, 3));
        String corpus = temp.resolve("appended").toString();
        IngestJob.run(spark, request(first, corpus, ImageFolderOptions.DEFAULTS));

        Path more = temp.resolve("append-more");
        TestImages.png(more.resolve("train/unlabeled/u1.png"), TestImages.random(4, 4, 1, 4));
        TestImages.png(more.resolve("train/unlabeled/u2.png"), TestImages.random(8, 8, 3, 5));
        TestImages.png(more.resolve("train/b/4.png"), TestImages.random(4, 4, 1, 6));
        TestImages.png(more.resolve("val/a/5.png"), TestImages.random(4, 4, 1, 7));
        TestImages.text(more.resolve("val/a/bad.png"), "broken");
        Files.createDirectories(temp.resolve("appended/train.append-7")); // left unlisted by an interrupted append

        IngestSummary appended = IngestJob.run(spark, append(more, corpus, "batch-2/"));

        CorpusManifest manifest = appended.corpus();
        assertEquals(Map.of("train", 5L, "test", 1L, "val", 1L), manifest.rowsPerSplit());
        assertEquals(Map.of(0, 1L, 1, 2L), manifest.rowsPerSplitAndClass().get("train"));
        assertEquals(2, manifest.unlabeledRows("train"));
        assertEquals(List.of("train", "train.append-1"), manifest.segments().get("train"));
        assertEquals(List.of("val.append-1"), manifest.segments().get("val"));
        assertEquals(1, manifest.quarantined());
        assertEquals(5, CorpusReader.split(spark, corpus, "train").count());
        assertEquals(1, CorpusReader.quarantine(spark, corpus).count());
        assertTrue(rows(corpus, "train").containsKey("batch-2/train/unlabeled/u2.png"));
        assertEquals(List.of(4, 4, 1), shapeOf(decode(rows(corpus, "train").get("batch-2/train/unlabeled/u2.png"))),
                "appended images take the corpus's shape");
        assertFalse(Files.exists(temp.resolve("appended/train.append-7")), "unlisted segment deleted");
        assertEquals(manifest, CorpusReader.manifest(spark, corpus));

        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> IngestJob.run(spark, append(more, corpus, "batch-2/")));
        assertTrue(twice.getMessage().contains("appended rows repeat ids") && twice.getMessage().contains("id-prefix"),
                twice.getMessage());
        Path strange = temp.resolve("append-strange");
        TestImages.png(strange.resolve("zebra/z.png"), TestImages.random(4, 4, 1, 8));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> IngestJob.run(spark, append(strange, corpus, "")));
        assertTrue(unknown.getMessage().contains("class folders [zebra]") && unknown.getMessage().contains("a, b"),
                unknown.getMessage());
        assertEquals(manifest, CorpusReader.manifest(spark, corpus), "a refused append changes nothing");
        try (Stream<Path> folders = Files.list(temp.resolve("appended"))) {
            assertEquals(List.of("_corpus.json", "_quarantine", "_quarantine.append-1", "test", "train",
                    "train.append-1", "val.append-1"), folders.map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith(".")).sorted().toList());
        }
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
        IngestJob.run(spark, request(temp.resolve("split-folder"), output.toString(), ImageFolderOptions.DEFAULTS));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> IngestJob.run(spark,
                new IngestRequest("image-folder", smallFolder.toString(), output.toString())));
        assertTrue(error.getMessage().contains("output already exists") && error.getMessage().contains("replaced"),
                error.getMessage());
        assertEquals(8, CorpusReader.split(spark, output.toString(), "train").count());

        IngestJob.run(spark, new IngestRequest("image-folder", smallFolder.toString(), output.toString(), null, null, 10, true));
        assertEquals(1, CorpusReader.split(spark, output.toString(), "train").count());
        assertEquals(List.of("a"), CorpusReader.manifest(spark, output.toString()).classNames());
        try (Stream<Path> siblings = Files.list(temp)) {
            assertTrue(siblings.noneMatch(p -> p.getFileName().toString().startsWith(".replaced")), "staging left behind");
        }
    }

    private static IngestRequest request(Path root, String corpus, ImageFolderOptions options) {
        return new IngestRequest("image-folder", root.toString(), corpus, null, null, SHARD_ROWS, false, false, "", options);
    }

    private static IngestRequest append(Path root, String corpus, String idPrefix) {
        return new IngestRequest("image-folder", root.toString(), corpus, null, null, SHARD_ROWS, false, true, idPrefix,
                ImageFolderOptions.DEFAULTS);
    }

    private static Map<String, Row> rows(String corpus, String split) {
        return CorpusReader.split(spark, corpus, split).collectAsList().stream()
                .collect(Collectors.toMap(row -> row.getAs(CorpusSchema.ID), row -> row));
    }

    private static ImagePixels decode(Row row) {
        return ImageCodec.decode(row.getAs(CorpusSchema.IMAGE));
    }

    private static List<Integer> shapeOf(ImagePixels pixels) {
        return List.of(pixels.height(), pixels.width(), pixels.channels());
    }
}
