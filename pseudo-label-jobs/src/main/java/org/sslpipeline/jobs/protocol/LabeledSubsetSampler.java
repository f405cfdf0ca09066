package org.sslpipeline.jobs.protocol;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.sslpipeline.jobs.corpus.CorpusSchema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * Draws N labeled examples per class from a split, keeping the rest as the unlabeled pool.
 *
 * <p>Within each class, rows are ranked by a hash of (seed, id) and the first N are taken, so the
 * subset depends only on the seed and the ids, not on how the rows are partitioned. Only ids and
 * labels are ranked and shuffled; the images stay where they are.
 */
public final class LabeledSubsetSampler {
    public static final String TRUE_LABEL = "true_label";
    private static final String RANK = "rank";

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
        requireEnoughPerClass(split, classNames);
        Dataset<Row> chosenIds = split.filter(col(CorpusSchema.LABEL).isNotNull())
                .select(CorpusSchema.ID, CorpusSchema.LABEL)
                .withColumn(RANK, row_number().over(Window.partitionBy(CorpusSchema.LABEL)
                        .orderBy(xxhash64(lit(seed), col(CorpusSchema.ID)), col(CorpusSchema.ID))))
                .filter(col(RANK).leq(labelsPerClass))
                .select(CorpusSchema.ID);
        Dataset<Row> labeled = split.join(broadcast(chosenIds), CorpusSchema.ID, "left_semi");
        Dataset<Row> rest = split.join(broadcast(chosenIds), CorpusSchema.ID, "left_anti");
        return new LabeledSubset(labeled, asUnlabeled(rest));
    }

    private void requireEnoughPerClass(Dataset<Row> split, List<String> classNames) {
        Map<Integer, Long> counts = new TreeMap<>();
        for (int label = 0; label < classNames.size(); label++) {
            counts.put(label, 0L);
        }
        split.filter(col(CorpusSchema.LABEL).isNotNull()).groupBy(CorpusSchema.LABEL).count().collectAsList()
                .forEach(row -> counts.put(row.getInt(0), row.getLong(1)));
        List<String> shortClasses = new ArrayList<>();
        counts.forEach((label, count) -> {
            if (count < labelsPerClass) {
                String name = label < classNames.size() ? " '" + classNames.get(label) + "'" : "";
                shortClasses.add("class " + label + name + " has " + count + " labeled rows");
            }
        });
        if (!shortClasses.isEmpty()) {
            throw new IllegalArgumentException("cannot draw " + labelsPerClass + " labels per class: "
                    + String.join(", ", shortClasses));
        }
    }

    private static Dataset<Row> asUnlabeled(Dataset<Row> rows) {
        return rows.withColumn(TRUE_LABEL, col(CorpusSchema.LABEL))
                .withColumn(CorpusSchema.LABEL, lit(null).cast("int"));
    }
}
