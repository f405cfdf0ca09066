package org.sslpipeline.jobs.protocol;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sslpipeline.jobs.corpus.CorpusSchema;

import java.util.List;
import java.util.Set;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A train split of 3 classes of 10 rows plus 5 rows that never had a label. */
class BalancedProtocolTest extends TrainSplitFixture {
    private static final List<String> CLASS_NAMES = List.of("a", "b", "c");


    @BeforeAll
    static void createSplit() {
        start(BalancedProtocolTest.class, 3, 10, 5);
    }

    @Test
    void keepsEveryLabelAndPoolsTheUnlabeledRowsWhenNoNIsSet() {
        SemiSupervisedProtocol.TrainSplit rows = new BalancedProtocol(0, 1, 0).split(split, CLASS_NAMES);
        assertEquals(35, rows.all().count());
        assertEquals(30, rows.labeled().count());
        assertEquals(5, rows.unlabeled().count());
    }

    @Test
    void poolsTheLabelsBeyondNPerClassWithTheNeverLabeledRows() {
        SemiSupervisedProtocol.TrainSplit rows = new BalancedProtocol(4, 1, 0).split(split, CLASS_NAMES);
        assertEquals(12, rows.labeled().count());
        assertEquals(23, rows.unlabeled().count());
        assertEquals(0, rows.unlabeled().filter(col(CorpusSchema.LABEL).isNotNull()).count(), "the pool hides labels");
        assertEquals(List.of(CorpusSchema.ROW.fieldNames()), List.of(rows.unlabeled().columns()));
        Set<String> labeled = ids(rows.labeled());
        assertTrue(ids(rows.unlabeled()).stream().noneMatch(labeled::contains));
    }

    @Test
    void capsThePoolWithASampleThatDependsOnTheSeedNotThePartitions() {
        BalancedProtocol protocol = new BalancedProtocol(4, 1, 10);
        Set<String> pool = ids(protocol.split(split, CLASS_NAMES).unlabeled());
        assertEquals(10, pool.size());
        assertEquals(pool, ids(protocol.split(split.repartition(7), CLASS_NAMES).unlabeled()));
    }
}
