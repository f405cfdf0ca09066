package org.sslpipeline.jobs.ingest;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.sslpipeline.jobs.corpus.CorpusSchema;
import org.sslpipeline.jobs.corpus.ImageShape;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The counts of one ingested split: accepted rows, labeled rows per class, the image shapes seen,
 * and rejected inputs per reason.
 */
record SplitTally(long rows, Map<Integer, Long> rowsPerClass, Set<ImageShape> shapes, Map<String, Long> rejectsPerReason) {

    /** Counts ingested rows in a single aggregation; only the counts reach the driver. */
    static SplitTally of(Dataset<Row> ingested) {
        List<Row> groups = ingested
                .groupBy(IngestedRows.REJECT_REASON, CorpusSchema.LABEL, CorpusSchema.HEIGHT, CorpusSchema.WIDTH,
                        CorpusSchema.CHANNELS)
                .count()
                .collectAsList();
        long rows = 0;
        Map<Integer, Long> rowsPerClass = new TreeMap<>();
        Set<ImageShape> shapes = new HashSet<>();
        Map<String, Long> rejectsPerReason = new TreeMap<>();
        for (Row group : groups) {
            long count = group.getLong(5);
            if (!group.isNullAt(0)) {
                rejectsPerReason.merge(group.getString(0), count, Long::sum);
                continue;
            }
            rows += count;
            if (!group.isNullAt(1)) {
                rowsPerClass.merge(group.getInt(1), count, Long::sum);
            }
            shapes.add(new ImageShape(group.getInt(2), group.getInt(3), group.getInt(4)));
        }
        return new SplitTally(rows, rowsPerClass, shapes, rejectsPerReason);
    }

    long rejected() {
        return rejectsPerReason.values().stream().mapToLong(Long::longValue).sum();
    }
}
