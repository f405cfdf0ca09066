package org.sslpipeline.jobs.protocol;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.sslpipeline.jobs.corpus.CorpusSchema;

import java.util.List;
import java.util.Map;

/**
 * The usual division: all labeled rows, or N per class ({@link LabeledSubsetSampler}, the rest joining the pool with
 * the rows that never had a label); the pool capped by a seeded sample.
 *
 * @param labelsPerClass labeled rows kept per class; 0 keeps every label
 * @param labelSeed      seed of the draw of the labeled rows and of the pool's sample
 * @param maxUnlabeled   at most this many pool rows; 0 keeps the whole pool
 */
public record BalancedProtocol(int labelsPerClass, long labelSeed, long maxUnlabeled) implements SemiSupervisedProtocol {
    public static final String NAME = "balanced";

    @Override
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
        return new TrainSplit(all, labeled, PoolCap.sample(unlabeled, maxUnlabeled, labelSeed));
    }

    @Override
    public Map<String, Object> describe() {
        return Description.of(NAME, "labels_per_class", labelsPerClass, "label_seed", labelSeed,
                "max_unlabeled", maxUnlabeled);
    }
}
