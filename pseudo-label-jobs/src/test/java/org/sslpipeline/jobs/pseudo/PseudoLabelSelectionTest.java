package org.sslpipeline.jobs.pseudo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sslpipeline.jobs.LocalSpark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hand-built pseudo-labels of 5 classes, each class a case: 0 has more confident rows than asked for (with a tie
 * at the cut), 1 has two, 2 has one exactly at the default threshold, 3 has only a row below it, 4 has none.
 */
class PseudoLabelSelectionTest {
    private static final int CLASSES = 5;
    private static final float DEFAULT = (float) SelectionSettings.DEFAULT_THRESHOLD;

    @TempDir
    static Path temp;
    private static SparkSession spark;
    private static String pseudoLabels;
    /** The default threshold and 5 rows per class. */
    private static SelectionSummary balanced;
    private static final List<Float> CONFIDENCES = new ArrayList<>();

    @BeforeAll
    static void writePseudoLabels() {
        spark = LocalSpark.start(PseudoLabelSelectionTest.class);
        List<Row> rows = new ArrayList<>(List.of(
                row("c0-a", 0, 0.95f), row("c0-b", 0, 0.90f), row("c0-c", 0, 0.80f), row("c0-d", 0, 0.70f),
                row("c0-f", 0, 0.60f), row("c0-e", 0, 0.60f), row("c0-g", 0, 0.50f), row("c0-h", 0, 0.22f),
                row("d1-a", 1, 0.85f), row("d1-b", 1, 0.60f), row("d1-c", 1, 0.24f),
                row("e2-eq", 2, DEFAULT), row("e2-low", 2, Math.nextDown(DEFAULT)),
                row("f3-low", 3, 0.25f)));
        rows.forEach(row -> CONFIDENCES.add(row.getFloat(3))); // the confidence column
        Collections.shuffle(rows, new Random(7));
        pseudoLabels = temp.resolve("pseudo-labels").toString();
        spark.createDataFrame(rows, PseudoLabelSchema.schema()).repartition(3).write().parquet(pseudoLabels);
        balanced = select("balanced", SelectionSettings.withDefaultThreshold(5));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void rowsBelowTheThresholdAreDroppedAndRowsAtItKept() {
        // 0.7f is slightly below 0.7 as a double: compared in float, c0-d (0.7f) is kept.
        String output = select("threshold", new SelectionSettings(0.7, 0)).output();

        assertEquals(List.of("c0-a/0", "c0-b/0", "c0-c/0", "c0-d/0", "d1-a/0"), idsAndCopies(output));
    }

    @Test
    void perClassZeroKeepsEveryConfidentRowOnceWithoutBalancing() {
        SelectionSummary summary = select("unbalanced", SelectionSettings.withDefaultThreshold(0));

        assertEquals(List.of("c0-a/0", "c0-b/0", "c0-c/0", "c0-d/0", "c0-e/0", "c0-f/0", "c0-g/0",
                "d1-a/0", "d1-b/0", "e2-eq/0"), idsAndCopies(summary.output()));
        assertEquals(List.of(new SelectionCounts(8, 7, 7, 7), new SelectionCounts(3, 2, 2, 2),
                new SelectionCounts(2, 1, 1, 1), new SelectionCounts(1, 0, 0, 0), new SelectionCounts(0, 0, 0, 0)),
                summary.classes());
    }

    @Test
    void aLargeClassKeepsItsMostConfidentRowsWithTiesByIdAndSmallClassesAreFilledByCopies() {
        Map<Integer, List<String>> byClass = idsAndCopiesByClass(balanced.output());

        assertEquals(List.of("c0-a/0", "c0-b/0", "c0-c/0", "c0-d/0", "c0-e/0"), byClass.get(0));
        assertEquals(List.of("d1-a/0", "d1-b/0", "d1-a/1", "d1-b/1", "d1-a/2"), byClass.get(1));
        assertEquals(List.of("e2-eq/0", "e2-eq/1", "e2-eq/2", "e2-eq/3", "e2-eq/4"), byClass.get(2));
        assertEquals(List.of(0, 1, 2), List.copyOf(byClass.keySet()), "classes 3 and 4 stay empty");
    }

    @Test
    void theSummaryCountsEveryClassAsTheOutputHasIt() {
        assertEquals(List.of(new SelectionCounts(8, 7, 5, 5), new SelectionCounts(3, 2, 2, 5),
                new SelectionCounts(2, 1, 1, 5), new SelectionCounts(1, 0, 0, 0), new SelectionCounts(0, 0, 0, 0)),
                balanced.classes());
        assertEquals(new SelectionCounts(14, 10, 8, 15), balanced.total());

        SelectionCounts[] written = new SelectionCounts[CLASSES];
        Arrays.fill(written, new SelectionCounts(0, 0, 0, 0));
        spark.read().parquet(balanced.output())
                .groupBy(PseudoLabelSchema.LABEL)
                .agg(count_distinct(col(PseudoLabelSchema.ID)), count(lit(1)))
                .collectAsList()
                .forEach(row -> written[row.getInt(0)] = new SelectionCounts(0, 0, row.getLong(1), row.getLong(2)));
        for (int label = 0; label < CLASSES; label++) {
            assertEquals(balanced.ofClass(label).selectedUnique(), written[label].selectedUnique(), "class " + label);
            assertEquals(balanced.ofClass(label).selected(), written[label].selected(), "class " + label);
        }
    }

    @Test
    void theConfidenceHistogramCountsEveryInputRowInItsBin() {
        Long[] expected = new Long[SelectionSummary.CONFIDENCE_BINS];
        Arrays.fill(expected, 0L);
        for (float confidence : CONFIDENCES) {
            expected[Math.min(expected.length - 1, (int) Math.floor((double) confidence * expected.length))]++;
        }

        assertEquals(List.of(expected), balanced.confidenceHistogram());
        assertEquals(balanced.total().pseudoLabeled(), balanced.confidenceHistogram().stream().mapToLong(n -> n).sum());
    }

    @Test
    void selectionJsonInTheOutputHoldsTheSummary() throws IOException {
        Path file = temp.resolve("balanced").resolve(PseudoLabelSelection.SUMMARY_FILE);
        JsonNode json = new ObjectMapper().readTree(file.toFile());

        assertEquals(CLASSES, json.get("classes").size());
        for (int label = 0; label < CLASSES; label++) {
            assertEquals(balanced.ofClass(label), counts(json.get("classes").get(label)));
        }
        assertEquals(balanced.total(), counts(json.get("total")));
        assertEquals(balanced.output(), json.get("output").asText());
        assertEquals(0.3, json.get("settings").get("threshold").asDouble());
        assertEquals(5, json.get("settings").get("per_class").asInt());
        List<Long> histogram = new ArrayList<>();
        json.get("confidence_histogram").forEach(bin -> histogram.add(bin.asLong()));
        assertEquals(balanced.confidenceHistogram(), histogram);
    }

    @Test
    void theOutputHasTheInputColumnsPlusCopy() {
        List<String> expected = new ArrayList<>(Arrays.asList(PseudoLabelSchema.schema().fieldNames()));
        expected.add(PseudoLabelSchema.COPY);
        Row copy = spark.read().parquet(balanced.output()).filter("id = 'e2-eq' and copy = 1").first();
        assertEquals(expected, Arrays.asList(copy.schema().fieldNames()));
        assertEquals(CLASSES, copy.getList(1).size());
        assertEquals(DEFAULT, copy.<Float>getList(1).get(2));
        assertEquals("teacher-sha", copy.getString(5));
    }

    @Test
    void theCapIsAppliedInEachPartitionBeforeTheShuffle() {
        Dataset<Row> selection = SelectedRows.of(spark, spark.read().parquet(pseudoLabels),
                SelectionSettings.withDefaultThreshold(5), balanced.classes().stream()
                        .mapToLong(SelectionCounts::aboveThreshold).toArray());

        String plan = selection.queryExecution().executedPlan().toString();
        assertTrue(plan.contains("WindowGroupLimit") && plan.contains("Partial"), plan);
    }

    @Test
    void anExistingOutputIsRefusedUnlessOverwriting() throws IOException {
        Path existing = Files.createDirectories(temp.resolve("existing"));
        Files.writeString(existing.resolve("earlier-output"), "kept until overwritten");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> select("existing", SelectionSettings.withDefaultThreshold(1)));
        assertTrue(refused.getMessage().contains("already exists"), refused.getMessage());
        assertTrue(Files.exists(existing.resolve("earlier-output")));

        PseudoLabelSelection.select(spark, pseudoLabels, existing.toString(), CLASSES,
                SelectionSettings.withDefaultThreshold(1), true);
        assertFalse(Files.exists(existing.resolve("earlier-output")));
        assertEquals(List.of("c0-a/0", "d1-a/0", "e2-eq/0"), idsAndCopies(existing.toString()));
        assertNoStagingLeft();
    }

    @Test
    void aMissingInputFailsNamingItAndLeavesNoOutput() {
        String missing = temp.resolve("no-such-pseudo-labels").toString();
        String output = temp.resolve("from-missing").toString();

        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> PseudoLabelSelection
                .select(spark, missing, output, CLASSES, SelectionSettings.withDefaultThreshold(5), false));
        assertTrue(failure.getMessage().contains(missing), failure.getMessage());
        assertFalse(Files.exists(Path.of(output)));
        assertNoStagingLeft();
    }

    @Test
    void anInputThatIsNotPseudoLabelsIsRefusedNamingWhatIsMissing() {
        String notPseudoLabels = temp.resolve("not-pseudo-labels").toString();
        spark.range(3).write().parquet(notPseudoLabels);

        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> PseudoLabelSelection
                .select(spark, notPseudoLabels, temp.resolve("from-ids").toString(), CLASSES,
                        SelectionSettings.withDefaultThreshold(5), false));
        assertTrue(failure.getMessage().startsWith(notPseudoLabels + " is not a pseudo-label schema"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("column 'probs' (array<float>) is missing"), failure.getMessage());
        assertFalse(Files.exists(temp.resolve("from-ids")));
    }

    @Test
    void aFailureDuringTheJobLeavesNeitherOutputNorStagedFiles() {
        String output = temp.resolve("too-few-classes").toString();

        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> PseudoLabelSelection
                .select(spark, pseudoLabels, output, 3, SelectionSettings.withDefaultThreshold(5), false));
        assertTrue(failure.getMessage().contains("outside 0..2 (label=rows: {3=1})"), failure.getMessage());
        assertFalse(Files.exists(Path.of(output)));
        assertNoStagingLeft();
    }

    @Test
    void likelyOutliersAreDroppedBeforeTheThresholdAndCountedPerClass() {
        String scored = temp.resolve("scored-pseudo-labels").toString();
        spark.createDataFrame(List.of(
                        row("o0-in", 0, 0.9f, 0.1f), row("o0-out", 0, 0.95f, 0.8f), row("o0-edge", 0, 0.9f, 0.5f),
                        row("o1-out", 1, 0.99f, 0.6f), row("o1-low", 1, 0.2f, 0.2f), row("o2-none", 2, 0.9f, null)),
                PseudoLabelSchema.schema()).write().parquet(scored);

        SelectionSummary dropping = PseudoLabelSelection.select(spark, scored, temp.resolve("dropping").toString(),
                CLASSES, new SelectionSettings(0.3, 0, false, 0.5), false);
        assertEquals(List.of("o0-edge/0", "o0-in/0", "o2-none/0"), idsAndCopies(dropping.output()),
                "a score above 0.5 drops the row however confident; one at 0.5 or none keeps it");
        assertEquals(List.of(new SelectionCounts(3, 1, 2, 2, 2), new SelectionCounts(2, 1, 0, 0, 0),
                new SelectionCounts(1, 0, 1, 1, 1), new SelectionCounts(0, 0, 0, 0, 0),
                new SelectionCounts(0, 0, 0, 0, 0)), dropping.classes());

        SelectionSummary keeping = PseudoLabelSelection.select(spark, scored, temp.resolve("keeping").toString(),
                CLASSES, new SelectionSettings(0.3, 0, false, 1.0), false);
        assertEquals(0, keeping.total().outliers());
        assertEquals(5, keeping.total().selected());
    }

    @Test
    void settingsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new SelectionSettings(-0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SelectionSettings(1.1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SelectionSettings(Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> new SelectionSettings(0.5, -1));
        assertEquals(0, new SelectionSettings(1, 0).perClass());
        assertThrows(IllegalArgumentException.class, () -> new SelectionSettings(0.5, 1, false, 0));
        assertEquals(SelectionSettings.DEFAULT_MAX_OUTLIER_SCORE, new SelectionSettings(0.5, 1).maxOutlierScore());
    }

    private static SelectionSummary select(String name, SelectionSettings settings) {
        String output = temp.resolve(name).toString();
        return PseudoLabelSelection.select(spark, pseudoLabels, output, CLASSES, settings, false);
    }

    /** "id/copy" of every selected row, by label, copy, then confidence (highest first). */
    private static List<String> idsAndCopies(String output) {
        return sortedSelection(output).stream().map(PseudoLabelSelectionTest::idAndCopy).toList();
    }

    /** {@link #idsAndCopies} per label; a label without rows has no entry. */
    private static Map<Integer, List<String>> idsAndCopiesByClass(String output) {
        return sortedSelection(output).stream().collect(Collectors.groupingBy(
                row -> row.<Integer>getAs(PseudoLabelSchema.LABEL), TreeMap::new,
                Collectors.mapping(PseudoLabelSelectionTest::idAndCopy, Collectors.toList())));
    }

    private static List<Row> sortedSelection(String output) {
        return spark.read().parquet(output)
                .orderBy(col(PseudoLabelSchema.LABEL), col(PseudoLabelSchema.COPY),
                        col(PseudoLabelSchema.CONFIDENCE).desc(), col(PseudoLabelSchema.ID))
                .collectAsList();
    }

    private static String idAndCopy(Row row) {
        return row.getAs(PseudoLabelSchema.ID) + "/" + row.getAs(PseudoLabelSchema.COPY);
    }

    private static SelectionCounts counts(JsonNode json) {
        return new SelectionCounts(json.get("pseudo_labeled").asLong(), json.get("outliers").asLong(),
                json.get("above_threshold").asLong(), json.get("selected_unique").asLong(), json.get("selected").asLong());
    }

    private static void assertNoStagingLeft() {
        try (Stream<Path> files = Files.list(temp)) {
            List<String> hidden = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
            assertEquals(List.of(), hidden);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A row whose probabilities peak at {@code label} with {@code confidence}; the rest share what is left. */
    private static Row row(String id, int label, float confidence) {
        return row(id, label, confidence, null);
    }

    /** @param outlierScore the teacher's outlier score, or null for a teacher without one-vs-all heads */
    private static Row row(String id, int label, float confidence, Float outlierScore) {
        List<Float> probs = new ArrayList<>();
        for (int c = 0; c < CLASSES; c++) {
            probs.add(c == label ? confidence : (1 - confidence) / (CLASSES - 1));
        }
        return RowFactory.create(id, probs, label, confidence, 1, "teacher-sha", outlierScore);
    }
}
