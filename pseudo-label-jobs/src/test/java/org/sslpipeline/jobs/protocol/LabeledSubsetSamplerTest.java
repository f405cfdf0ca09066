package org.sslpipeline.jobs.protocol;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sslpipeline.jobs.LocalSpark;
import org.sslpipeline.jobs.corpus.CorpusSchema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A split of 4 classes of 25 rows plus 10 unlabeled rows; the sampler never looks at the images. */
class LabeledSubsetSamplerTest {
    private static final int CLASSES = 4;
    private static final int PER_CLASS = 25;
    private static final int UNLABELED = 10;
    private static final List<String> CLASS_NAMES = List.of("apple", "banana", "cherry", "date", "elderberry");

    private static SparkSession spark;
    private static Dataset<Row> split;

    @BeforeAll
    static void createSplit() {
        spark = LocalSpark.start(LabeledSubsetSamplerTest.class);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < CLASSES * PER_CLASS + UNLABELED; i++) {
            rows.add(RowFactory.create(String.format("img-%03d", i), new byte[] {1}, 1, 1, 1, labelOf(i), "test"));
        }
        split = spark.createDataFrame(rows, CorpusSchema.ROW).repartition(3).cache();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void drawsExactlyNPerClass() {
        LabeledSubset subset = new LabeledSubsetSampler(5, 1).sample(split);

        Map<Integer, Long> perClass = subset.labeled().groupBy(CorpusSchema.LABEL).count().collectAsList().stream()
                .collect(Collectors.toMap(row -> row.getInt(0), row -> row.getLong(1)));
        assertEquals(Map.of(0, 5L, 1, 5L, 2, 5L, 3, 5L), perClass);
    }

    @Test
    void theSameSeedDrawsTheSameIdsWhateverThePartitioning() {
        Set<String> first = ids(new LabeledSubsetSampler(5, 42).sample(split).labeled());
        Set<String> again = ids(new LabeledSubsetSampler(5, 42).sample(split.repartition(1)).labeled());
        Set<String> otherSeed = ids(new LabeledSubsetSampler(5, 43).sample(split).labeled());

        assertEquals(first, again);
        assertNotEquals(first, otherSeed);
    }

    @Test
    void labeledAndUnlabeledPartitionTheSplit() {
        LabeledSubset subset = new LabeledSubsetSampler(7, 3).sample(split);
        Set<String> labeled = ids(subset.labeled());
        Set<String> unlabeled = ids(subset.unlabeled());

        assertEquals(CLASSES * 7, labeled.size());
        Set<String> union = new HashSet<>(labeled);
        union.addAll(unlabeled);
        assertEquals(ids(split), union);
        assertEquals(CLASSES * PER_CLASS + UNLABELED, labeled.size() + unlabeled.size(), "disjoint");
        assertEquals(0, subset.unlabeled().filter(col(CorpusSchema.LABEL).isNotNull()).count());
        for (Row row : subset.unlabeled().collectAsList()) {
            String id = row.getAs(CorpusSchema.ID);
            assertEquals(labelOf(Integer.parseInt(id.substring(4))), row.getAs(LabeledSubsetSampler.TRUE_LABEL), id);
        }
    }

    @Test
    void zeroMeansEveryLabel() {
        LabeledSubset subset = new LabeledSubsetSampler(0, 1).sample(split);

        assertEquals(CLASSES * PER_CLASS, subset.labeled().count());
        assertEquals(UNLABELED, subset.unlabeled().count());
    }

    @Test
    void failsNamingTheClassesWithTooFewLabels() {
        String tooMany = assertThrows(IllegalArgumentException.class,
                () -> new LabeledSubsetSampler(PER_CLASS + 1, 1).sample(split)).getMessage();
        String missingClass = assertThrows(IllegalArgumentException.class,
                () -> new LabeledSubsetSampler(3, 1).sample(split, CLASS_NAMES)).getMessage();

        assertTrue(tooMany.contains("class 0 has 25") && tooMany.contains("class 3 has 25"), tooMany);
        assertTrue(missingClass.contains("class 4 'elderberry' has 0") && !missingClass.contains("apple"), missingClass);
    }

    private static Integer labelOf(int index) {
        return index < CLASSES * PER_CLASS ? index % CLASSES : null;
    }

    private static Set<String> ids(Dataset<Row> rows) {
        return new HashSet<>(rows.select(CorpusSchema.ID).as(Encoders.STRING()).collectAsList());
    }
}
