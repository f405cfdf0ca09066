package org.sslpipeline.jobs.protocol;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sslpipeline.jobs.LocalSpark;
import org.sslpipeline.jobs.corpus.CorpusSchema;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A train split of 3 classes of 10 rows plus 5 rows that never had a label. */
class SemiSupervisedProtocolTest {
    private static final List<String> CLASS_NAMES = List.of("a", "b", "c");

    private static SparkSession spark;
    private static Dataset<Row> split;

    @BeforeAll
    static void createSplit() {
        spark = LocalSpark.start(SemiSupervisedProtocolTest.class);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 35; i++) {
            rows.add(RowFactory.create(String.format("img-%03d", i), new byte[] {1}, 1, 1, 1, i < 30 ? i % 3 : null,
                    "train"));
        }
        split = spark.createDataFrame(rows, CorpusSchema.ROW).repartition(3).cache();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void keepsEveryLabelAndPoolsTheUnlabeledRowsWhenNoNIsSet() {
        SemiSupervisedProtocol.TrainSplit rows = new SemiSupervisedProtocol(0, 1, 0).split(split, CLASS_NAMES);
        assertEquals(35, rows.all().count());
        assertEquals(30, rows.labeled().count());
        assertEquals(5, rows.unlabeled().count());
    }

    @Test
    void poolsTheLabelsBeyondNPerClassWithTheNeverLabeledRows() {
        SemiSupervisedProtocol.TrainSplit rows = new SemiSupervisedProtocol(4, 1, 0).split(split, CLASS_NAMES);
        assertEquals(12, rows.labeled().count());
        assertEquals(23, rows.unlabeled().count());
        assertEquals(0, rows.unlabeled().filter(col(CorpusSchema.LABEL).isNotNull()).count(), "the pool hides labels");
        assertEquals(List.of(CorpusSchema.ROW.fieldNames()), List.of(rows.unlabeled().columns()));
        Set<String> labeled = ids(rows.labeled());
        assertTrue(ids(rows.unlabeled()).stream().noneMatch(labeled::contains));
    }

    @Test
    void capsThePoolWithASampleThatDependsOnTheSeedNotThePartitions() {
        SemiSupervisedProtocol protocol = new SemiSupervisedProtocol(4, 1, 10);
        Set<String> pool = ids(protocol.split(split, CLASS_NAMES).unlabeled());
        assertEquals(10, pool.size());
        assertEquals(pool, ids(protocol.split(split.repartition(7), CLASS_NAMES).unlabeled()));
    }

    private static Set<String> ids(Dataset<Row> rows) {
        return rows.select(CorpusSchema.ID).as(org.apache.spark.sql.Encoders.STRING()).collectAsList().stream()
                .collect(Collectors.toSet());
    }
}
