package org.sslpipeline.jobs.protocol;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sslpipeline.jobs.corpus.CorpusSchema;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A train split of 4 classes of 100 rows each, plus 7 rows that never had a label. */
class LongTailedProtocolTest extends TrainSplitFixture {
    private static final List<String> CLASS_NAMES = List.of("a", "b", "c", "d");


    @BeforeAll
    static void createSplit() {
        start(LongTailedProtocolTest.class, 4, 100, 7);
    }

    @Test
    void countsFallGeometricallyAndRoundDownAsCoSSLsReferenceCode() {
        // CoSSL's CIFAR-10 labeled counts for N_1 = 1500, gamma = 100 (YUE-FAN/CoSSL, make_imb_data)
        assertArrayEquals(new long[]{1500, 899, 539, 323, 193, 116, 69, 41, 25, 15},
                new LongTailedProtocol(1500, 3000, 100, 1).counts(1500, 10));
        assertArrayEquals(new long[]{3000, 1798, 1078, 646, 387, 232, 139, 83, 50, 30},
                new LongTailedProtocol(1500, 3000, 100, 1).counts(3000, 10));
        assertArrayEquals(new long[]{20, 9, 4, 2}, new LongTailedProtocol(20, 40, 10, 1).counts(20, 4));
    }

    @Test
    void drawsExactlyNcLabeledAndMcPoolRowsPerClassTheSameWhateverThePartitions() {
        LongTailedProtocol protocol = new LongTailedProtocol(20, 40, 10, 3);
        SemiSupervisedProtocol.TrainSplit rows = protocol.split(split, CLASS_NAMES);

        assertEquals(Map.of(0, 20L, 1, 9L, 2, 4L, 3, 2L), perClass(rows.labeled()));
        Dataset<Row> pool = rows.unlabeled();
        assertEquals(40 + 18 + 8 + 4, pool.count(), "rows that never had a label stay out of the pool");
        assertEquals(0, pool.filter(col(CorpusSchema.LABEL).isNotNull()).count(), "the pool hides labels");
        Dataset<Row> poolClasses = rows.all().join(pool.select(CorpusSchema.ID), CorpusSchema.ID, "left_semi");
        assertEquals(Map.of(0, 40L, 1, 18L, 2, 8L, 3, 4L), perClass(poolClasses));
        Set<String> labeled = ids(rows.labeled());
        assertTrue(ids(pool).stream().noneMatch(labeled::contains), "labeled rows and the pool are disjoint");

        SemiSupervisedProtocol.TrainSplit again = protocol.split(split.repartition(5), CLASS_NAMES);
        assertEquals(labeled, ids(again.labeled()));
        assertEquals(ids(pool), ids(again.unlabeled()));
        assertTrue(!labeled.equals(ids(new LongTailedProtocol(20, 40, 10, 4).split(split, CLASS_NAMES).labeled())),
                "another seed draws other rows");
    }

    @Test
    void refusesAClassTooSmallForItsCountsNamingIt() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> new LongTailedProtocol(60, 60, 2, 1).split(split, CLASS_NAMES)).getMessage();
        assertTrue(message.contains("class 0 'a' has 100 labeled rows, needs 120"), message);
        assertTrue(!message.contains("'d'"), "class d needs 30 + 30: " + message);
    }
}
