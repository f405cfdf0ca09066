package org.sslpipeline.jobs.protocol;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.sslpipeline.jobs.corpus.CorpusSchema;

import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

/**
 * A long-tailed division as in CoSSL (Fan et al., CVPR 2022) and the DARP/ABC protocols it follows: class c (0 = the
 * head, in the corpus's class order) keeps N_c = N_1 * gamma^(-c/(K-1)) labeled rows and M_c = M_1 * gamma^(-c/(K-1))
 * further rows in the unlabeled pool, both rounded down as the CoSSL reference code does (its CIFAR-10 counts for
 * N_1 = 1500, gamma = 100: 1500, 899, 539, 323, 193, 116, 69, 41, 25, 15). Rows are drawn in the seeded order of
 * {@link ClassRanks}, the labeled ones first; the pool holds only rows drawn for it (rows that never had a label
 * have no class to count against and stay out). The test split stays balanced.
 *
 * @param labeledHead    N_1, labeled rows of the head class
 * @param unlabeledHead  M_1, pool rows of the head class
 * @param imbalanceRatio gamma = N_1 / N_K (and M_1 / M_K)
 * @param labelSeed      seed of the draw
 */
public record LongTailedProtocol(int labeledHead, int unlabeledHead, double imbalanceRatio, long labelSeed)
        implements SemiSupervisedProtocol {
    public static final String NAME = "long-tailed";

    public LongTailedProtocol {
        if (labeledHead <= 0) throw new IllegalArgumentException("the head class's labeled rows must be > 0, got " + labeledHead);
        if (unlabeledHead < 0) throw new IllegalArgumentException("the head class's pool rows must be >= 0, got " + unlabeledHead);
        if (!(imbalanceRatio >= 1)) throw new IllegalArgumentException("the imbalance ratio must be >= 1, got " + imbalanceRatio);
    }

    /** The per-class counts falling from {@code head} by the imbalance ratio over {@code classes} classes. */
    public long[] counts(int head, int classes) {
        if (classes == 1) return new long[]{head};
        double step = Math.pow(imbalanceRatio, -1.0 / (classes - 1));
        return LongStream.range(0, classes)
                .map(c -> c == classes - 1 ? (long) (head / imbalanceRatio) : (long) (head * Math.pow(step, c)))
                .toArray();
    }

    @Override
    public TrainSplit split(Dataset<Row> trainRows, List<String> classNames) {
        Dataset<Row> all = trainRows.select(CorpusSchema.columns());
        long[] labeledCounts = counts(labeledHead, classNames.size());
        long[] poolCounts = counts(unlabeledHead, classNames.size());
        ClassRanks.requireAtLeast(all, c -> labeledCounts[c] + poolCounts[c], classNames,
                "a long-tailed split (N_1 = " + labeledHead + ", M_1 = " + unlabeledHead + ", gamma = "
                        + imbalanceRatio + ")");
        Dataset<Row> ranks = ClassRanks.of(all, labelSeed);
        Column rank = col(ClassRanks.RANK);
        Column labeledCount = ClassRanks.perClass(labeledCounts);
        Dataset<Row> labeledIds = ranks.filter(rank.leq(labeledCount)).select(CorpusSchema.ID);
        Dataset<Row> poolIds = ranks.filter(rank.gt(labeledCount)
                .and(rank.leq(labeledCount.plus(ClassRanks.perClass(poolCounts))))).select(CorpusSchema.ID);
        Dataset<Row> labeled = all.join(broadcast(labeledIds), CorpusSchema.ID, "left_semi");
        Dataset<Row> pool = LabeledSubsetSampler.asUnlabeled(all.join(broadcast(poolIds), CorpusSchema.ID, "left_semi"))
                .select(CorpusSchema.columns());
        return new TrainSplit(all, labeled, pool);
    }

    @Override
    public Map<String, Object> describe() {
        return Description.of(NAME, "labeled_head", labeledHead, "unlabeled_head", unlabeledHead,
                "imbalance_ratio", imbalanceRatio, "label_seed", labelSeed);
    }
}
