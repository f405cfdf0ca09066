package org.sslpipeline.bench.synthetic;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sslpipeline.driver.cli.TestCorpus;
import org.sslpipeline.driver.config.PipelineConfig;
import org.sslpipeline.driver.run.SparkSessions;
import org.sslpipeline.jobs.corpus.CorpusReader;
import org.sslpipeline.jobs.corpus.CorpusSchema;
import org.sslpipeline.jobs.ingest.IngestJob;
import org.sslpipeline.jobs.ingest.IngestRequest;
import org.sslpipeline.jobs.ingest.IngestSummary;
import org.sslpipeline.training.data.ImageCodec;
import org.sslpipeline.training.data.ImagePixels;
import org.sslpipeline.training.data.LabeledImage;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticCorpusTest {

    @Test
    void anExampleIsAFunctionOfSeedAndIndex() {
        LabeledImage example = SyntheticCorpus.example(1, 5);

        assertEquals("synthetic/000000005", example.id());
        assertArrayEquals(example.pixels().hwc(), SyntheticCorpus.example(1, 5).pixels().hwc());
        assertEquals(example.label(), SyntheticCorpus.example(1, 5).label());
        assertFalse(java.util.Arrays.equals(example.pixels().hwc(), SyntheticCorpus.example(2, 5).pixels().hwc()));
        assertFalse(java.util.Arrays.equals(example.pixels().hwc(), SyntheticCorpus.example(1, 6).pixels().hwc()));
    }

    @Test
    void labelsAreRoughlyBalancedOverTheTenClasses() {
        Map<Integer, Long> perClass = LongStream.range(0, 2000).mapToObj(i -> SyntheticCorpus.example(3, i).label())
                .collect(Collectors.groupingBy(label -> label, TreeMap::new, Collectors.counting()));

        assertEquals(SyntheticCorpus.CLASSES, perClass.size());
        perClass.forEach((label, count) -> assertTrue(count > 140 && count < 260, "class " + label + ": " + count));
    }

    @Test
    void everyImageShowsTheStripesOfItsClass() {
        for (long index = 0; index < 200; index++) {
            LabeledImage example = SyntheticCorpus.example(4, index);
            int label = example.label();
            double[] acrossStripes = means(example.pixels(), SyntheticCorpus.horizontal(label));
            double[] alongStripes = means(example.pixels(), !SyntheticCorpus.horizontal(label));
            assertTrue(variance(acrossStripes) > 1000 && variance(alongStripes) < 100,
                    "stripes of " + example.id() + " (class " + label + ") run the class's way");
            assertEquals(SyntheticCorpus.period(label), smallestPeriod(acrossStripes), "stripe period of " + example.id());
        }
    }

    @Test
    void writesACorpusSchemaSourceThatIngestTakesWhole(@TempDir Path temp) {
        PipelineConfig settings = PipelineConfig.load((Path) null, TestCorpus.settings(temp.resolve("runs")));
        SparkSession spark = SparkSessions.start(settings);
        try {
            String source = temp.resolve("source").toString();
            SyntheticCorpus.write(spark, 500, 7, source);

            Dataset<Row> rows = spark.read().parquet(source);
            CorpusSchema.check(rows.schema());
            assertEquals(500, rows.count());
            assertEquals(500, rows.select(CorpusSchema.ID).distinct().count());
            Row row = rows.filter(rows.col(CorpusSchema.ID).equalTo(SyntheticCorpus.id(123))).first();
            LabeledImage expected = SyntheticCorpus.example(7, 123);
            assertArrayEquals(expected.pixels().hwc(), ImageCodec.decode(row.getAs(CorpusSchema.IMAGE)).hwc());
            assertEquals(expected.label(), (int) row.getAs(CorpusSchema.LABEL));

            String corpus = temp.resolve("corpus").toString();
            IngestSummary summary = IngestJob.run(spark, new IngestRequest("parquet", source, corpus));
            Map<Integer, Long> expectedPerClass = LongStream.range(0, 500)
                    .mapToObj(i -> SyntheticCorpus.example(7, i).label())
                    .collect(Collectors.groupingBy(label -> label, Collectors.counting()));
            assertEquals(Map.of("train", 500L), summary.rowsPerSplit());
            assertEquals(0, summary.quarantined());
            assertEquals(expectedPerClass, summary.rowsPerSplitAndClass().get("train"));
            assertEquals(500, CorpusReader.split(spark, corpus, "train").count());
        } finally {
            spark.stop();
        }
    }

    /** Means of the rows (byRow) or of the columns of an image. */
    private static double[] means(ImagePixels image, boolean byRow) {
        double[] means = new double[SyntheticCorpus.SIZE];
        for (int y = 0; y < SyntheticCorpus.SIZE; y++) {
            for (int x = 0; x < SyntheticCorpus.SIZE; x++) {
                means[byRow ? y : x] += image.at(y, x, 0) / (double) SyntheticCorpus.SIZE;
            }
        }
        return means;
    }

    private static double variance(double[] values) {
        double mean = java.util.Arrays.stream(values).average().orElseThrow();
        return java.util.Arrays.stream(values).map(v -> (v - mean) * (v - mean)).average().orElseThrow();
    }

    /** The smallest shift that maps the bright/dark profile onto itself. */
    private static int smallestPeriod(double[] profile) {
        for (int shift = 1; shift < profile.length; shift++) {
            boolean repeats = true;
            for (int i = 0; i + shift < profile.length; i++) {
                repeats &= (profile[i] > 120) == (profile[i + shift] > 120);
            }
            if (repeats) return shift;
        }
        return profile.length;
    }
}
