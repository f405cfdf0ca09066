package org.sslpipeline.jobs.ingest;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.sslpipeline.jobs.corpus.CorpusLayout;
import org.sslpipeline.jobs.corpus.CorpusSchema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

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
     * Writes the rows of every split into the folder {@code folderOf} names for it, and the rejected inputs into
     * {@code quarantineFolder} (empty when there are none: readers expect one). The source is read and decoded
     * once, in the job that counts all splits; the writes read the cached rows, each split only its own partitions
     * (writing a filter of all splits would leave an empty file in every split but the first).
     */
    Map<String, SplitTally> writeAll(CorpusSource source, SparkSession spark, UnaryOperator<String> folderOf,
                                     String quarantineFolder) {
        Map<String, Dataset<Row>> splits = new LinkedHashMap<>();
        for (String split : source.splits()) {
            splits.put(split, source.read(spark, split).withColumn(IngestedRows.SPLIT, lit(split))
                    .persist(StorageLevel.MEMORY_AND_DISK()));
        }
        try {
            Dataset<Row> all = splits.values().stream().reduce(Dataset::union).orElseThrow();
            Map<String, SplitTally> tallies = SplitTally.perSplit(all, source.splits());
            splits.forEach((split, rows) -> rows.filter(col(IngestedRows.REJECT_REASON).isNull())
                    .select(CorpusSchema.columns())
                    .write()
                    .option("maxRecordsPerFile", shardRows)
                    .parquet(corpus.split(folderOf.apply(split)).toString()));
            if (tallies.values().stream().anyMatch(tally -> tally.rejected() > 0)) {
                all.filter(col(IngestedRows.REJECT_REASON).isNotNull())
                        .select(col(CorpusSchema.SOURCE), col(IngestedRows.SPLIT).as(CorpusSchema.SPLIT),
                                col(IngestedRows.REJECT_REASON).as(CorpusSchema.REASON))
                        .coalesce(1)
                        .write()
                        .parquet(corpus.split(quarantineFolder).toString());
            } else {
                spark.createDataFrame(List.of(), CorpusSchema.QUARANTINE).write()
                        .parquet(corpus.split(quarantineFolder).toString());
            }
            return tallies;
        } finally {
            splits.values().forEach(Dataset::unpersist);
        }
    }
}
