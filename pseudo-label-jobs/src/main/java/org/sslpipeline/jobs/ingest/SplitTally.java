package org.sslpipeline.jobs.ingest;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.sslpipeline.jobs.corpus.CorpusSchema;
import org.sslpipeline.jobs.corpus.ImageShape;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The counts of one ingested split: accepted rows, labeled rows per class, the image shapes seen,
 * and rejected inputs per reason.
 */
record SplitTally(long rows, Map<Integer, Long> rowsPerClass, Set<ImageShape> shapes, Map<String, Long> rejectsPerReason) {

    /**
     * Counts the ingested rows of every split (with their split column) in a single aggregation; only the counts
     * reach the driver. Every split of {@code splits} gets a tally, empty if it has no rows.
     */
    static Map<String, SplitTally> perSplit(Dataset<Row> ingested, List<String> splits) {
        List<Row> groups = ingested
                .groupBy(IngestedRows.SPLIT, IngestedRows.REJECT_REASON, CorpusSchema.LABEL, CorpusSchema.HEIGHT,
                        CorpusSchema.WIDTH, CorpusSchema.CHANNELS)
                .count()
                .collectAsList();
        Map<String, SplitTally> tallies = new LinkedHashMap<>();
        for (String split : splits) {
            long rows = 0;
            Map<Integer, Long> rowsPerClass = new TreeMap<>();
            Set<ImageShape> shapes = new HashSet<>();
            Map<String, Long> rejectsPerReason = new TreeMap<>();
            for (Row group : groups) {
                if (!split.equals(group.getString(0))) continue;
                long count = group.getLong(6);
                if (!group.isNullAt(1)) {
                    rejectsPerReason.merge(group.getString(1), count, Long::sum);
                    continue;
                }
                rows += count;
                if (!group.isNullAt(2)) {
                    rowsPerClass.merge(group.getInt(2), count, Long::sum);
                }
                shapes.add(new ImageShape(group.getInt(3), group.getInt(4), group.getInt(5)));
            }
            tallies.put(split, new SplitTally(rows, rowsPerClass, shapes, rejectsPerReason));
        }
        return tallies;
    }

    long rejected() {
        return rejectsPerReason.values().stream().mapToLong(Long::longValue).sum();
    }
}
