package org.sslpipeline.jobs.protocol;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sslpipeline.jobs.corpus.CorpusSchema;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A train split of 4 classes of 10 rows each, plus 5 rows that never had a label; c and a are known. */
class OpenSetProtocolTest extends TrainSplitFixture {
    private static final List<String> CLASS_NAMES = List.of("a", "b", "c", "d");
    private static final List<String> KNOWN = List.of("c", "a");


    @BeforeAll
    static void createSplit() {
        start(OpenSetProtocolTest.class, 4, 10, 5);
    }

    @Test
    void labelsOnlyKnownClassesByTheirIndexAmongThemAndPoolsEverythingElse() {
        OpenSetProtocol protocol = new OpenSetProtocol(KNOWN, 3, 0, 1, 0);
        SemiSupervisedProtocol.TrainSplit rows = protocol.split(split, CLASS_NAMES);

        assertEquals(KNOWN, protocol.modelClasses(CLASS_NAMES));
        assertEquals(Map.of(0, 3L, 1, 3L), perClass(rows.labeled()), "c is class 0 of the model, a class 1");
        assertEquals(45 - 6, rows.unlabeled().count(), "the rest of the known classes, the unknown ones, the unlabeled");
        assertEquals(0, rows.unlabeled().filter(col(CorpusSchema.LABEL).isNotNull()).count());
        Map<Integer, Long> all = new HashMap<>();
        all.put(0, 10L);
        all.put(1, 10L);
        all.put(null, 25L); // b, d and the never-labeled rows
        assertEquals(all, perClass(rows.all()));
        Set<String> labeled = ids(rows.labeled());
        assertTrue(ids(rows.unlabeled()).stream().noneMatch(labeled::contains));
    }

    @Test
    void anUnknownShareCutsTheUnknownClassRowsToThatShareOfThePool() {
        SemiSupervisedProtocol.TrainSplit rows = new OpenSetProtocol(KNOWN, 3, 0.25, 1, 0).split(split, CLASS_NAMES);
        // 14 known-class rows and 5 never-labeled ones are the other 75%: floor(0.25 * 19 / 0.75) = 6 unknown rows
        assertEquals(19 + 6, rows.unlabeled().count());
        Dataset<Row> corpusLabels = split.join(rows.unlabeled().select(CorpusSchema.ID), CorpusSchema.ID, "left_semi");
        assertEquals(6, corpusLabels.filter(col(CorpusSchema.LABEL).isin(1, 3)).count());
        assertEquals(ids(rows.unlabeled()),
                ids(new OpenSetProtocol(KNOWN, 3, 0.25, 1, 0).split(split.repartition(4), CLASS_NAMES).unlabeled()));

        String tooMany = assertThrows(IllegalArgumentException.class,
                () -> new OpenSetProtocol(KNOWN, 3, 0.6, 1, 0).split(split, CLASS_NAMES)).getMessage();
        assertTrue(tooMany.contains("needs 28 unknown-class rows") && tooMany.contains("has 20"), tooMany);
    }

    @Test
    void testRowsOfUnknownClassesLoseTheirLabelAndBadClassListsAreRefused() {
        OpenSetProtocol protocol = new OpenSetProtocol(KNOWN, 3, 0, 1, 0);
        Map<Integer, Long> relabeled = perClass(protocol.relabel(split, CLASS_NAMES));
        assertEquals(10L, relabeled.get(0));
        assertEquals(10L, relabeled.get(1));
        assertEquals(25L, relabeled.get(null));

        String unknownName = assertThrows(IllegalArgumentException.class,
                () -> new OpenSetProtocol(List.of("a", "zebra"), 3, 0, 1, 0).modelClasses(CLASS_NAMES)).getMessage();
        assertTrue(unknownName.contains("[zebra]"), unknownName);
        assertThrows(IllegalArgumentException.class,
                () -> new OpenSetProtocol(CLASS_NAMES, 3, 0, 1, 0).modelClasses(CLASS_NAMES));
        assertThrows(IllegalArgumentException.class, () -> new OpenSetProtocol(List.of("a", "a"), 3, 0, 1, 0));
    }
}
