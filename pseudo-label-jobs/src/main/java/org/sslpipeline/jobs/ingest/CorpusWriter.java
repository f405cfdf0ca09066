package org.sslpipeline.jobs.ingest;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.sslpipeline.jobs.corpus.CorpusLayout;
import org.sslpipeline.jobs.corpus.CorpusSchema;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.apache.spark.sql.functions.col;

/**
 * Writes ingested splits into a corpus folder: accepted rows as Parquet shards of at most
 * {@code shardRows} rows in a split's folder (e.g. {@code <corpus>/<split>/}), rejected inputs into a quarantine
 * folder (e.g. {@code <corpus>/_quarantine/}).
 */
final class CorpusWriter {
    private final CorpusLayout corpus;
    private final int shardRows;

    CorpusWriter(CorpusLayout corpus, int shardRows) {
        this.corpus = corpus;
        this.shardRows = shardRows;
    }

    /**
     * Writes the rows of every split ({@link CorpusSource#readAll}) into the folder {@code folderOf} names for it,
     * and the rejected inputs into {@code quarantineFolder} (empty when there are none: readers expect one). The
     * source is read and decoded once: counting and writing read the cached rows.
     */
    Map<String, SplitTally> writeAll(Dataset<Row> ingested, List<String> splits, UnaryOperator<String> folderOf,
                                     String quarantineFolder) {
        Dataset<Row> rows = ingested.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Map<String, SplitTally> tallies = SplitTally.perSplit(rows, splits);
            for (String split : splits) {
                rows.filter(col(IngestedRows.SPLIT).equalTo(split).and(col(IngestedRows.REJECT_REASON).isNull()))
                        .select(CorpusSchema.columns())
                        .write()
                        .option("maxRecordsPerFile", shardRows)
                        .parquet(corpus.split(folderOf.apply(split)).toString());
            }
            if (tallies.values().stream().anyMatch(tally -> tally.rejected() > 0)) {
                rows.filter(col(IngestedRows.REJECT_REASON).isNotNull())
                        .select(col(CorpusSchema.SOURCE), col(IngestedRows.SPLIT).as(CorpusSchema.SPLIT),
                                col(IngestedRows.REJECT_REASON).as(CorpusSchema.REASON))
                        .repartition(1)
                        .write()
                        .parquet(corpus.split(quarantineFolder).toString());
            } else {
                rows.sparkSession().createDataFrame(List.of(), CorpusSchema.QUARANTINE).write()
                        .parquet(corpus.split(quarantineFolder).toString());
            }
            return tallies;
        } finally {
            rows.unpersist();
        }
    }
}
