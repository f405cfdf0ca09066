package org.sslpipeline.jobs.ingest;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.sslpipeline.jobs.corpus.CorpusLayout;
import org.sslpipeline.jobs.corpus.CorpusSchema;

import java.util.List;

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

    /** Writes one split's rows into {@code folder} and its rejects (if any) into {@code quarantineFolder}. */
    SplitTally write(String split, String folder, String quarantineFolder, Dataset<Row> ingested) {
        // Counting, writing the shards and writing the quarantine read the same rows: decode them once.
        Dataset<Row> rows = ingested.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            SplitTally tally = SplitTally.of(rows);
            rows.filter(col(IngestedRows.REJECT_REASON).isNull())
                    .select(CorpusSchema.columns())
                    .write()
                    .option("maxRecordsPerFile", shardRows)
                    .parquet(corpus.split(folder).toString());
            if (tally.rejected() > 0) {
                rows.filter(col(IngestedRows.REJECT_REASON).isNotNull())
                        .select(col(CorpusSchema.SOURCE), lit(split).as(CorpusSchema.SPLIT),
                                col(IngestedRows.REJECT_REASON).as(CorpusSchema.REASON))
                        .repartition(1)
                        .write()
                        .mode(SaveMode.Append)
                        .parquet(corpus.split(quarantineFolder).toString());
            }
            return tally;
        } finally {
            rows.unpersist();
        }
    }

    /** Readers always find a quarantine; when nothing was rejected it is empty but has its schema. */
    void writeEmptyQuarantine(SparkSession spark, String quarantineFolder) {
        spark.createDataFrame(List.of(), CorpusSchema.QUARANTINE).write().parquet(corpus.split(quarantineFolder).toString());
    }
}
