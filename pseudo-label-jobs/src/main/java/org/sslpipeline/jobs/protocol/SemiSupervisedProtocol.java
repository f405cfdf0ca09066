package org.sslpipeline.jobs.protocol;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.sslpipeline.jobs.corpus.CorpusReader;
import org.sslpipeline.jobs.corpus.CorpusSchema;

import java.util.List;

/**
 * How a semi-supervised run divides a corpus's train split into the labeled rows it learns from and the unlabeled
 * pool: all labeled rows, or N per class ({@link LabeledSubsetSampler}, the rest joining the pool with the rows that
 * never had a label); the pool capped by a seeded sample.
 *
 * @param labelsPerClass labeled rows kept per class; 0 keeps every label
 * @param labelSeed      seed of the draw of the labeled rows and of the pool's sample
 * @param maxUnlabeled   at most this many pool rows; 0 keeps the whole pool
 */
public record SemiSupervisedProtocol(int labelsPerClass, long labelSeed, long maxUnlabeled) {
    public static final String TRAIN_SPLIT = "train";

    /**
     * The train split's rows divided.
     *
     * @param all       every row of the split, with the corpus columns
     * @param labeled   the rows the run learns labels from
     * @param unlabeled the pool, with the corpus columns (label null)
     */
    public record TrainSplit(Dataset<Row> all, Dataset<Row> labeled, Dataset<Row> unlabeled) {}

    /** Divides the train split of the corpus at {@code corpus}, whose classes are {@code classNames}. */
    public TrainSplit split(SparkSession spark, String corpus, List<String> classNames) {
        return split(CorpusReader.split(spark, corpus, TRAIN_SPLIT), classNames);
    }

    /** Divides {@code trainRows}, rows of the corpus schema. */
    public TrainSplit split(Dataset<Row> trainRows, List<String> classNames) {
        Dataset<Row> all = trainRows.select(CorpusSchema.columns());
        Column hasLabel = all.col(CorpusSchema.LABEL).isNotNull();
        Dataset<Row> neverLabeled = all.filter(functions.not(hasLabel));
        Dataset<Row> labeled = all.filter(hasLabel);
        Dataset<Row> unlabeled = neverLabeled;
        if (labelsPerClass > 0) {
            LabeledSubset subset = new LabeledSubsetSampler(labelsPerClass, labelSeed).sample(labeled, classNames);
            labeled = subset.labeled();
            unlabeled = subset.unlabeled().select(CorpusSchema.columns()).union(neverLabeled);
        }
        if (maxUnlabeled > 0) {
            // a seeded sample that does not depend on how the rows are partitioned
            unlabeled = unlabeled.orderBy(functions.hash(functions.col(CorpusSchema.ID), functions.lit(labelSeed)),
                    functions.col(CorpusSchema.ID)).limit((int) Math.min(Integer.MAX_VALUE, maxUnlabeled))
                    // a limit leaves one partition, which one core would pseudo-label alone
                    .repartition(all.sparkSession().sparkContext().defaultParallelism());
        }
        return new TrainSplit(all, labeled, unlabeled);
    }
}
