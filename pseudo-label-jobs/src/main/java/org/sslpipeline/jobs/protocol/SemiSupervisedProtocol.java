package org.sslpipeline.jobs.protocol;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sslpipeline.jobs.corpus.CorpusReader;

import java.util.List;
import java.util.Map;

/**
 * How a semi-supervised run divides a corpus's train split into the labeled rows it learns from and the unlabeled
 * pool, seeded and exact: {@link BalancedProtocol} (N labels per class), {@link LongTailedProtocol} (per-class counts
 * falling off geometrically), {@link OpenSetProtocol} (known classes labeled, unknown ones mixed into the pool).
 * The test split is left whole; an open-set protocol marks its unknown classes there (see {@link #relabel}).
 */
public interface SemiSupervisedProtocol {
    String TRAIN_SPLIT = "train";

    /**
     * The train split's rows divided.
     *
     * @param all       every row of the split, with the corpus columns and the labels as the model knows them
     *                  ({@link #relabel}): what hidden labels are measured against
     * @param labeled   the rows the run learns labels from
     * @param unlabeled the pool, with the corpus columns (label null)
     */
    record TrainSplit(Dataset<Row> all, Dataset<Row> labeled, Dataset<Row> unlabeled) {}

    /** Divides the train split of the corpus at {@code corpus}, whose classes are {@code classNames}. */
    default TrainSplit split(SparkSession spark, String corpus, List<String> classNames) {
        return split(CorpusReader.split(spark, corpus, TRAIN_SPLIT), classNames);
    }

    /** Divides {@code trainRows}, rows of the corpus schema whose classes are {@code classNames}. */
    TrainSplit split(Dataset<Row> trainRows, List<String> classNames);

    /** The classes the model learns, in the order of its outputs: the corpus's, unless the protocol keeps fewer. */
    default List<String> modelClasses(List<String> corpusClasses) {
        return corpusClasses;
    }

    /**
     * Rows of the corpus schema with each label replaced by its index among {@link #modelClasses}, null for a class
     * the model does not learn (an open-set protocol's unknown classes).
     */
    default Dataset<Row> relabel(Dataset<Row> rows, List<String> corpusClasses) {
        return rows;
    }

    /**
     * The rows of a labeled split (the test split) that closed-set accuracy counts, labeled as the model knows them:
     * all of them, unless the protocol has unknown classes, whose rows are left out.
     */
    default Dataset<Row> closedSetRows(Dataset<Row> rows, List<String> corpusClasses) {
        return rows;
    }

    /** The protocol's name and settings, as the run folder records them. */
    Map<String, Object> describe();
}
