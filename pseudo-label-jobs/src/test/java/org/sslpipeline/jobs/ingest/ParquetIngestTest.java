package org.sslpipeline.jobs.ingest;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sslpipeline.jobs.LocalSpark;
import org.sslpipeline.jobs.corpus.CorpusReader;
import org.sslpipeline.jobs.corpus.CorpusSchema;
import org.sslpipeline.training.data.ImageCodec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParquetIngestTest {
    @TempDir
    static Path temp;
    private static SparkSession spark;
    private static String original;

    @BeforeAll
    static void ingestAnImageFolder() throws IOException {
        spark = LocalSpark.start(ParquetIngestTest.class);
        Path images = temp.resolve("images");
        for (int i = 0; i < 4; i++) {
            TestImages.png(images.resolve("left/l" + i + ".png"), TestImages.random(6, 6, 1, i));
            TestImages.png(images.resolve("right/r" + i + ".png"), TestImages.random(6, 6, 1, 100 + i));
        }
        original = temp.resolve("original").toString();
        IngestJob.run(spark, new IngestRequest("image-folder", images.toString(), original, null, null,
                IngestRequest.DEFAULT_SHARD_ROWS, false, false, "", ImageFolderOptions.DEFAULTS.withTestFraction(0)));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void reIngestingACorpusCopiesItRowForRow() {
        String copy = temp.resolve("copy").toString();

        IngestSummary summary = IngestJob.run(spark, new IngestRequest("parquet", original, copy, null, null, 3, false));

        assertEquals("parquet", summary.corpus().format());
        assertEquals(List.of("left", "right"), summary.classNames());
        assertEquals(Map.of("train", 8L), summary.rowsPerSplit());
        assertEquals(Map.of(0, 4L, 1, 4L), summary.rowsPerSplitAndClass().get("train"));
        assertEquals(0, summary.quarantined());
        assertEquals(contents(CorpusReader.split(spark, original, "train")), contents(CorpusReader.split(spark, copy, "train")));
    }

    @Test
    void plainParquetFilesAreValidatedAndTheirClassesNumbered() {
        byte[] png = ImageCodec.encodePng(TestImages.random(6, 6, 1, 7));
        byte[] notAnImage = "not an image".getBytes(StandardCharsets.UTF_8);
        Path plain = temp.resolve("plain.parquet");
        spark.createDataFrame(List.of(
                        RowFactory.create("good", png, 6, 6, 1, 2, "s3a://bucket/good"),
                        RowFactory.create("unlabeled", png, 6, 6, 1, null, "s3a://bucket/unlabeled"),
                        RowFactory.create("garbage", notAnImage, 6, 6, 1, 0, "s3a://bucket/garbage"),
                        RowFactory.create("misdescribed", png, 8, 6, 1, 0, "s3a://bucket/misdescribed")),
                CorpusSchema.ROW).write().parquet(plain.toString());
        String corpus = temp.resolve("from-plain").toString();

        IngestSummary summary = IngestJob.run(spark, new IngestRequest("parquet", plain.toString(), corpus, null, "pool", 10, false));

        assertEquals(List.of("0", "1", "2"), summary.classNames());
        assertEquals(Map.of("pool", 2L), summary.rowsPerSplit());
        assertEquals(Map.of(2, 1L), summary.rowsPerSplitAndClass().get("pool"));
        assertEquals(Map.of("not a recognised image format", 1L, "image is 6x6x1 but its row says 8x6x1", 1L),
                summary.quarantinedPerReason());
        Row good = CorpusReader.split(spark, corpus, "pool").filter(col(CorpusSchema.ID).equalTo("good")).first();
        assertArrayEquals(png, good.getAs(CorpusSchema.IMAGE));
        List<String> quarantinedSources = CorpusReader.quarantine(spark, corpus).select(CorpusSchema.SOURCE)
                .as(Encoders.STRING()).collectAsList();
        assertEquals(List.of("s3a://bucket/garbage", "s3a://bucket/misdescribed"), quarantinedSources.stream().sorted().toList());
    }

    @Test
    void labelsOutsideTheNamedClassesAreQuarantined() {
        byte[] png = ImageCodec.encodePng(TestImages.random(6, 6, 1, 8));
        Path source = temp.resolve("bad-labels");
        String corpus = temp.resolve("from-bad-labels").toString();
        IngestJob.run(spark, new IngestRequest("parquet", original, source.toString()));
        // a corpus naming two classes, with one extra row labeled 7 and one labeled -3
        spark.createDataFrame(List.of(
                        RowFactory.create("seven", png, 6, 6, 1, 7, "x/seven"),
                        RowFactory.create("negative", png, 6, 6, 1, -3, "x/negative")),
                CorpusSchema.ROW).write().mode("append").parquet(source.resolve("train").toString());

        IngestSummary summary = IngestJob.run(spark, new IngestRequest("parquet", source.toString(), corpus));

        assertEquals(Map.of("train", 8L), summary.rowsPerSplit());
        assertEquals(Map.of("label 7 outside the 2 classes", 1L, "label -3 outside the 2 classes", 1L),
                summary.quarantinedPerReason());
    }

    @Test
    void repeatedIdsFailNamingThemAndWriteNothing() {
        byte[] png = ImageCodec.encodePng(TestImages.random(6, 6, 1, 9));
        Path plain = temp.resolve("repeated.parquet");
        spark.createDataFrame(List.of(
                        RowFactory.create("twice", png, 6, 6, 1, 0, "a"),
                        RowFactory.create("twice", png, 6, 6, 1, 1, "b"),
                        RowFactory.create("once", png, 6, 6, 1, 1, "c")),
                CorpusSchema.ROW).write().parquet(plain.toString());
        Path output = temp.resolve("never-repeated");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> IngestJob.run(spark, new IngestRequest("parquet", plain.toString(), output.toString())));

        assertTrue(error.getMessage().contains("twice (2 times)"), error.getMessage());
        assertFalse(Files.exists(output));
        assertTrue(noStagingLeft(), "staging folder left behind");
    }

    @Test
    void aWrongSchemaFailsNamingTheColumnAndWritesNothing() {
        Path wrong = temp.resolve("wrong.parquet");
        spark.range(3).withColumn(CorpusSchema.ID, col("id").cast(DataTypes.StringType))
                .withColumn(CorpusSchema.LABEL, col("id").cast(DataTypes.StringType))
                .write().parquet(wrong.toString());
        Path output = temp.resolve("never");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> IngestJob.run(spark, new IngestRequest("parquet", wrong.toString(), output.toString())));

        assertTrue(error.getMessage().contains("column 'label' must be int but is string"), error.getMessage());
        assertTrue(error.getMessage().contains("column 'image' (binary) is missing"), error.getMessage());
        assertFalse(Files.exists(output));
        assertTrue(noStagingLeft(), "staging folder left behind");
    }

    @Test
    void aMissingSourceFailsNamingIt() {
        Path missing = temp.resolve("nowhere");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> IngestJob.run(spark, new IngestRequest("parquet", missing.toString(), temp.resolve("out").toString())));

        assertTrue(error.getMessage().contains(missing.toString()), error.getMessage());
    }

    /** Every column of every row, as sorted text. */
    private static List<String> contents(Dataset<Row> rows) {
        return rows.collectAsList().stream()
                .map(row -> Arrays.<Object>asList(row.getAs(CorpusSchema.ID),
                        Base64.getEncoder().encodeToString(row.getAs(CorpusSchema.IMAGE)),
                        row.getAs(CorpusSchema.HEIGHT), row.getAs(CorpusSchema.WIDTH), row.getAs(CorpusSchema.CHANNELS),
                        row.getAs(CorpusSchema.LABEL), row.getAs(CorpusSchema.SOURCE)).toString())
                .sorted()
                .toList();
    }

    private static boolean noStagingLeft() {
        try (var files = Files.list(temp)) {
            return files.noneMatch(p -> p.getFileName().toString().startsWith("."));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
