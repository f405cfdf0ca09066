package org.sslpipeline.jobs.protocol;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.sslpipeline.jobs.corpus.CorpusSchema;

import java.util.List;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Draws N labeled examples per class from a split, keeping the rest as the unlabeled pool.
 *
 * <p>Within each class the first N rows in the seeded order of {@link ClassRanks} are taken; only ids and labels
 * are ranked and shuffled, the images stay where they are.
 */
public final class LabeledSubsetSampler {
    public static final String TRUE_LABEL = "true_label";

    private final int labelsPerClass;
    private final long seed;

    /** @param labelsPerClass N labels per class; 0 keeps every label of the split */
    public LabeledSubsetSampler(int labelsPerClass, long seed) {
        if (labelsPerClass < 0) {
            throw new IllegalArgumentException("labels per class must be 0 (all) or more, got " + labelsPerClass);
        }
        this.labelsPerClass = labelsPerClass;
        this.seed = seed;
    }

    /** Samples a split whose classes are known only by their index. */
    public LabeledSubset sample(Dataset<Row> split) {
        return sample(split, List.of());
    }

    /**
     * @param classNames the corpus's class names; every one of them must have N labeled rows
     * @throws IllegalArgumentException naming each class with fewer than N labeled rows
     */
    public LabeledSubset sample(Dataset<Row> split, List<String> classNames) {
        CorpusSchema.check(split.schema());
        if (labelsPerClass == 0) {
            return new LabeledSubset(split.filter(col(CorpusSchema.LABEL).isNotNull()),
                    asUnlabeled(split.filter(col(CorpusSchema.LABEL).isNull())));
        }
        ClassRanks.requireAtLeast(split, label -> labelsPerClass, classNames, labelsPerClass + " labels per class");
        Dataset<Row> chosenIds = ClassRanks.of(split, seed).filter(col(ClassRanks.RANK).leq(labelsPerClass))
                .select(CorpusSchema.ID);
        Dataset<Row> labeled = split.join(broadcast(chosenIds), CorpusSchema.ID, "left_semi");
        Dataset<Row> rest = split.join(broadcast(chosenIds), CorpusSchema.ID, "left_anti");
        return new LabeledSubset(labeled, asUnlabeled(rest));
    }

    static Dataset<Row> asUnlabeled(Dataset<Row> rows) {
        return rows.withColumn(TRUE_LABEL, col(CorpusSchema.LABEL))
                .withColumn(CorpusSchema.LABEL, lit(null).cast("int"));
    }
}
