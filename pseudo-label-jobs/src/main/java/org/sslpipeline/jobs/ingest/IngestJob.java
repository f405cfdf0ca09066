package org.sslpipeline.jobs.ingest;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sslpipeline.jobs.StagedOutput;
import org.sslpipeline.jobs.corpus.CorpusLayout;
import org.sslpipeline.jobs.corpus.CorpusManifest;
import org.sslpipeline.jobs.corpus.CorpusSchema;
import org.sslpipeline.jobs.corpus.ImageShape;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Turns a source of images (Fashion-MNIST IDX files, a folder of image files, or Parquet) into a
 * corpus: Parquet shards per split, a quarantine of the inputs that are not usable images, and
 * {@code _corpus.json}. Everything is written into a staging folder and committed by one rename.
 * Only counts reach the driver.
 */
public final class IngestJob {
    private IngestJob() {}

    /**
     * @throws IllegalArgumentException before any Spark work if the source does not exist, or if the
     *                                  output exists and the request does not overwrite it
     */
    public static IngestSummary run(SparkSession spark, IngestRequest request) {
        long started = System.nanoTime();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        CorpusSource source = request.sourceFormat().open(request, conf);
        try (StagedOutput output = StagedOutput.create(request.output(), request.overwrite(), conf)) {
            CorpusLayout staged = new CorpusLayout(output.path());
            CorpusManifest manifest = ingest(spark, request, source, staged);
            manifest.write(staged.manifest(), conf);
            output.commit();
            return new IngestSummary(manifest, output.target().toString(), (System.nanoTime() - started) / 1e9);
        }
    }

    private static CorpusManifest ingest(SparkSession spark, IngestRequest request, CorpusSource source,
                                         CorpusLayout staged) {
        CorpusWriter writer = new CorpusWriter(staged, request.shardRows());
        Map<String, SplitTally> tallies = new LinkedHashMap<>();
        try {
            for (String split : source.splits()) {
                spark.sparkContext().setJobDescription("ingest " + request.name() + ": " + split);
                tallies.put(split, writer.write(split, source.read(spark, split)));
            }
            if (tallies.values().stream().allMatch(tally -> tally.rejected() == 0)) {
                writer.writeEmptyQuarantine(spark);
            }
            requireUniqueIds(spark, staged, tallies.keySet());
        } finally {
            spark.sparkContext().setJobDescription(null);
        }
        return describe(request, source.classNames(), tallies);
    }

    /**
     * Ids key augmentation seeds, labeled subsets and (later) pseudo-labels, so two rows may not share one. Checked
     * on the staged output, which is discarded, not committed, when the check fails.
     */
    private static void requireUniqueIds(SparkSession spark, CorpusLayout staged, Set<String> splits) {
        if (splits.isEmpty()) return;
        Dataset<Row> ids = null;
        for (String split : splits) {
            Dataset<Row> splitIds = spark.read().parquet(staged.split(split).toString()).select(CorpusSchema.ID);
            ids = ids == null ? splitIds : ids.union(splitIds);
        }
        List<Row> duplicates = ids.groupBy(CorpusSchema.ID).count().filter("count > 1").limit(5).collectAsList();
        if (!duplicates.isEmpty()) {
            throw new IllegalArgumentException("the source repeats example ids, e.g. "
                    + duplicates.stream().map(r -> r.getString(0) + " (" + r.getLong(1) + " times)").toList()
                    + "; every row needs its own id");
        }
    }

    private static CorpusManifest describe(IngestRequest request, List<String> classNames, Map<String, SplitTally> tallies) {
        Map<String, Long> rowsPerSplit = new LinkedHashMap<>();
        Map<String, Map<Integer, Long>> rowsPerSplitAndClass = new LinkedHashMap<>();
        Map<String, Long> quarantinedPerReason = new TreeMap<>();
        Set<ImageShape> shapes = new HashSet<>();
        tallies.forEach((split, tally) -> {
            rowsPerSplit.put(split, tally.rows());
            rowsPerSplitAndClass.put(split, tally.rowsPerClass());
            tally.rejectsPerReason().forEach((reason, count) -> quarantinedPerReason.merge(reason, count, Long::sum));
            shapes.addAll(tally.shapes());
        });
        long quarantined = quarantinedPerReason.values().stream().mapToLong(Long::longValue).sum();
        return new CorpusManifest(request.name(), request.format(), request.source(),
                classNamesOrNumbers(classNames, rowsPerSplitAndClass),
                shapes.size() == 1 ? shapes.iterator().next() : null,
                rowsPerSplit, rowsPerSplitAndClass, quarantined, quarantinedPerReason);
    }

    /** A source that does not name its classes gets them named by number, up to the highest label seen. */
    private static List<String> classNamesOrNumbers(List<String> classNames, Map<String, Map<Integer, Long>> rowsPerSplitAndClass) {
        if (!classNames.isEmpty()) {
            return classNames;
        }
        int maxLabel = rowsPerSplitAndClass.values().stream()
                .flatMap(counts -> counts.keySet().stream())
                .mapToInt(Integer::intValue)
                .max()
                .orElse(-1);
        return IntStream.rangeClosed(0, maxLabel).mapToObj(Integer::toString).toList();
    }
}
