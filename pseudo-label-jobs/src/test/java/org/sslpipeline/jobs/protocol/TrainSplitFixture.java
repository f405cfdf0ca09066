package org.sslpipeline.jobs.protocol;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.sslpipeline.jobs.LocalSpark;
import org.sslpipeline.jobs.corpus.CorpusSchema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The protocol tests' train split on a local Spark: {@code classes x perClass} labeled rows (row i of class
 * {@code i % classes}) and some rows that never had a label, in three partitions.
 */
abstract class TrainSplitFixture {
    static SparkSession spark;
    static Dataset<Row> split;

    static void start(Class<?> test, int classes, int perClass, int neverLabeled) {
        spark = LocalSpark.start(test);
        List<Row> rows = new ArrayList<>();
        int labeled = classes * perClass;
        for (int i = 0; i < labeled + neverLabeled; i++) {
            rows.add(RowFactory.create(String.format("img-%04d", i), new byte[]{1}, 1, 1, 1,
                    i < labeled ? i % classes : null, "train"));
        }
        split = spark.createDataFrame(rows, CorpusSchema.ROW).repartition(3).cache();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** Rows per label; rows without one count under null. */
    static Map<Integer, Long> perClass(Dataset<Row> rows) {
        Map<Integer, Long> counts = new HashMap<>();
        rows.groupBy(CorpusSchema.LABEL).count().collectAsList()
                .forEach(row -> counts.put(row.isNullAt(0) ? null : row.getInt(0), row.getLong(1)));
        return counts;
    }

    static Set<String> ids(Dataset<Row> rows) {
        return new HashSet<>(rows.select(CorpusSchema.ID).as(Encoders.STRING()).collectAsList());
    }
}
