package org.sslpipeline.jobs.ingest;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.sslpipeline.jobs.corpus.CorpusLayout;
import org.sslpipeline.jobs.corpus.CorpusSchema;

import java.util.ArrayList;
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
    /**
     * Image bytes and ids are distinct per row: a Parquet dictionary of them is built only to be dropped, and
     * building it costs about as much as decoding a small PNG.
     */
    private static final Map<String, String> NO_DICTIONARY_FOR_DISTINCT_COLUMNS = Map.of(
            "parquet.enable.dictionary#" + CorpusSchema.IMAGE, "false",
            "parquet.enable.dictionary#" + CorpusSchema.ID, "false",
            "parquet.enable.dictionary#" + CorpusSchema.SOURCE, "false");
    private final CorpusLayout corpus;
    private final int shardRows;

    CorpusWriter(CorpusLayout corpus, int shardRows) {
        this.corpus = corpus;
        this.shardRows = shardRows;
    }

    /**
     * Writes the rows of every split into the folder {@code folderOf} names for it, and the rejected inputs into
     * {@code quarantineFolder} (empty when there are none: readers expect one). Each split's source is read, and its
     * images decoded, once: the write counts the rows it passes and keeps the rejected ones (a split with more
     * rejects than {@link IngestTally#HELD_REJECTS} is read a second time for its quarantine).
     */
    Map<String, SplitTally> writeAll(CorpusSource source, SparkSession spark, UnaryOperator<String> folderOf,
                                     String quarantineFolder) {
        Map<String, SplitTally> tallies = new LinkedHashMap<>();
        List<Row> heldRejects = new ArrayList<>();
        List<Dataset<Row>> rereadRejects = new ArrayList<>();
        for (String split : source.splits()) {
            IngestTally tally = new IngestTally();
            spark.sparkContext().register(tally, "ingest " + split);
            JavaRDD<Row> accepted = source.read(spark, split).javaRDD().mapPartitions(tally::accepted);
            spark.createDataFrame(accepted, IngestedRows.CORPUS)
                    .write()
                    .option("maxRecordsPerFile", shardRows)
                    .options(NO_DICTIONARY_FOR_DISTINCT_COLUMNS)
                    .parquet(corpus.split(folderOf.apply(split)).toString());
            tallies.put(split, tally.value());
            if (tally.holdsAllRejects()) {
                tally.heldRejects().forEach(reject -> heldRejects.add(RowFactory.create(reject._1(), split, reject._2())));
            } else {
                rereadRejects.add(source.read(spark, split).filter(col(IngestedRows.REJECT_REASON).isNotNull())
                        .select(col(CorpusSchema.SOURCE), lit(split).as(CorpusSchema.SPLIT),
                                col(IngestedRows.REJECT_REASON).as(CorpusSchema.REASON)));
            }
        }
        Dataset<Row> quarantine = rereadRejects.stream()
                .reduce(spark.createDataFrame(heldRejects, CorpusSchema.QUARANTINE), Dataset::union);
        quarantine.coalesce(1).write().parquet(corpus.split(quarantineFolder).toString());
        return tallies;
    }
}
