package org.sslpipeline.jobs.protocol;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.sslpipeline.jobs.corpus.CorpusSchema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntToLongFunction;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * The seeded order within each class that protocols draw rows in: rows ranked by a hash of (seed, id), so a draw
 * depends only on the seed and the ids, not on how the rows are partitioned. Only ids and labels are ranked.
 */
final class ClassRanks {
    static final String RANK = "rank";

    private ClassRanks() {}

    /** (id, label, rank) of the labeled rows, rank 1 first within each label. */
    static Dataset<Row> of(Dataset<Row> rows, long seed) {
        return rows.filter(col(CorpusSchema.LABEL).isNotNull())
                .select(CorpusSchema.ID, CorpusSchema.LABEL)
                .withColumn(RANK, row_number().over(Window.partitionBy(CorpusSchema.LABEL)
                        .orderBy(xxhash64(lit(seed), col(CorpusSchema.ID)), col(CorpusSchema.ID))));
    }

    /** Labeled rows per class index: every index below {@code classes} (0 when absent) and every other present. */
    static Map<Integer, Long> countsPerClass(Dataset<Row> rows, int classes) {
        Map<Integer, Long> counts = new TreeMap<>();
        for (int label = 0; label < classes; label++) counts.put(label, 0L);
        rows.filter(col(CorpusSchema.LABEL).isNotNull()).groupBy(CorpusSchema.LABEL).count().collectAsList()
                .forEach(row -> counts.put(row.getInt(0), row.getLong(1)));
        return counts;
    }

    /**
     * @param needed rows the class with this index must have
     * @throws IllegalArgumentException naming every class with fewer labeled rows than it needs
     */
    static void requireAtLeast(Dataset<Row> rows, IntToLongFunction needed, List<String> classNames, String what) {
        List<String> shortClasses = new ArrayList<>();
        countsPerClass(rows, classNames.size()).forEach((label, count) -> {
            if (count < needed.applyAsLong(label)) {
                String name = label < classNames.size() ? " '" + classNames.get(label) + "'" : "";
                shortClasses.add("class " + label + name + " has " + count + " labeled rows, needs "
                        + needed.applyAsLong(label));
            }
        });
        if (!shortClasses.isEmpty()) {
            throw new IllegalArgumentException("cannot draw " + what + ": " + String.join(", ", shortClasses));
        }
    }

    /** A column holding {@code perClass[label]}, for comparing ranks against a per-class count. */
    static Column perClass(long[] perClass) {
        List<Column> values = new ArrayList<>();
        for (long value : perClass) values.add(lit(value));
        return element_at(array(values.toArray(Column[]::new)), col(CorpusSchema.LABEL).plus(1));
    }
}
