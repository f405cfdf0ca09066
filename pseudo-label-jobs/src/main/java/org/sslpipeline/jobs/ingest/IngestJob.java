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
import java.util.function.UnaryOperator;
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
        return request.append() ? CorpusAppend.run(spark, request) : create(spark, request);
    }

    private static IngestSummary create(SparkSession spark, IngestRequest request) {
        long started = System.nanoTime();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        CorpusSource source = request.sourceFormat().open(request, null, conf);
        try (StagedOutput output = StagedOutput.create(request.output(), request.overwrite(), conf)) {
            CorpusLayout staged = new CorpusLayout(output.path());
            Map<String, SplitTally> tallies = write(spark, request, source, staged, split -> split,
                    CorpusLayout.QUARANTINE_FOLDER);
            if (!source.distinctIds()) {
                requireUniqueIds(spark, staged, List.copyOf(tallies.keySet()), "the source repeats example ids");
            }
            CorpusManifest manifest = describe(request, source, tallies);
            manifest.write(staged.manifest(), conf);
            output.commit();
            return new IngestSummary(manifest, output.target().toString(), (System.nanoTime() - started) / 1e9);
        }
    }

    /**
     * Writes every split of the source below {@code corpus}, each into the folder {@code folderOf} names, and the
     * quarantine (always, possibly empty: readers expect one) into {@code quarantineFolder}.
     */
    static Map<String, SplitTally> write(SparkSession spark, IngestRequest request, CorpusSource source,
                                         CorpusLayout corpus, UnaryOperator<String> folderOf, String quarantineFolder) {
        spark.sparkContext().setJobDescription("ingest " + request.name());
        try {
            return new CorpusWriter(corpus, request.shardRows()).writeAll(source, spark, folderOf, quarantineFolder);
        } finally {
            spark.sparkContext().setJobDescription(null);
        }
    }

    /**
     * Ids key augmentation seeds, labeled subsets and (later) pseudo-labels, so two rows may not share one. Checked
     * on staged folders (below {@code corpus}), which are discarded, not committed, when the check fails.
     */
    static void requireUniqueIds(SparkSession spark, CorpusLayout corpus, List<String> folders, String problem) {
        if (folders.isEmpty()) return;
        Dataset<Row> ids = spark.read().parquet(folders.stream().map(f -> corpus.split(f).toString()).toArray(String[]::new))
                .select(CorpusSchema.ID);
        List<Row> duplicates = ids.groupBy(CorpusSchema.ID).count().filter("count > 1").limit(5).collectAsList();
        if (!duplicates.isEmpty()) {
            throw new IllegalArgumentException(problem + ", e.g. "
                    + duplicates.stream().map(r -> r.getString(0) + " (" + r.getLong(1) + " times)").toList()
                    + "; every row needs its own id");
        }
    }

    static CorpusManifest describe(IngestRequest request, CorpusSource source, Map<String, SplitTally> tallies) {
        List<String> classNames = source.classNames();
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
        return CorpusManifest.created(request.name(), request.format(), request.source(),
                classNamesOrNumbers(classNames, rowsPerSplitAndClass),
                shapes.size() == 1 ? shapes.iterator().next() : null,
                rowsPerSplit, rowsPerSplitAndClass, quarantinedPerReason, source.notes());
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
