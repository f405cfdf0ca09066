package org.sslpipeline.bench;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sslpipeline.driver.SslPipeline;
import org.sslpipeline.driver.cli.TestCorpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bench accuracy} on real Fashion-MNIST with a budget of a few steps: the CSV row it writes, a second call
 * that finds the cell measured, and a cell interrupted after its first checkpoint that continues from it and ends
 * with the uninterrupted cell's accuracies.
 */
class AccuracyBenchCommandTest {

    @BeforeAll
    static void corpus() {
        TestCorpus.fashionMnist();
    }

    @Test
    void aCellIsMeasuredOnceAndAnInterruptedCellContinuesFromItsCheckpoint(@TempDir Path dir) throws IOException {
        Path runs = dir.resolve("runs");
        Path first = dir.resolve("first");
        assertEquals(0, SslPipeline.run(bench(runs, first)));

        List<String> lines = Files.readAllLines(first.resolve("accuracy.csv"));
        assertEquals(List.of("algorithm,labels,seed,best_acc,median_last_acc,wall_seconds"), lines.subList(0, 1));
        assertEquals(2, lines.size(), lines.toString());
        String[] row = lines.get(1).split(",");
        assertEquals(List.of("supervised", "40", "7"), List.of(row[0], row[1], row[2]));
        double best = Double.parseDouble(row[3]);
        double medianOfLast = Double.parseDouble(row[4]);
        assertTrue(best > 0.15 && best <= 1, "40 labels and a few steps beat chance (0.10): " + best);
        assertTrue(medianOfLast <= best, row[4] + " > " + row[3]);
        assertTrue(Double.parseDouble(row[5]) > 0);
        assertTrue(Files.readString(first.resolve("accuracy.md")).contains("supervised"));

        // measured cells are skipped: no second row, no second run folder
        assertEquals(0, SslPipeline.run(bench(runs, first)));
        assertEquals(lines, Files.readAllLines(first.resolve("accuracy.csv")));
        Path cell = onlyCell(runs);

        // as if killed after epoch 1's checkpoint: the newest checkpoint goes, the row was never written
        Path checkpoints = cell.resolve("train").resolve("checkpoints");
        try (Stream<Path> all = Files.list(checkpoints)) {
            Path newest = all.filter(p -> p.getFileName().toString().startsWith("epoch-")).max(Path::compareTo).orElseThrow();
            assertEquals("epoch-0002", newest.getFileName().toString());
            deleteTree(newest);
        }
        Path second = dir.resolve("second");
        assertEquals(0, SslPipeline.run(bench(runs, second)));
        assertEquals(cell, onlyCell(runs), "the cell continued in its own folder");
        assertTrue(Files.readString(cell.resolve("train").resolve("timing.json")).contains("\"resumed\" : true"));
        String[] again = Files.readAllLines(second.resolve("accuracy.csv")).get(1).split(",");
        assertEquals(List.of(row).subList(0, 5), List.of(again).subList(0, 5));
    }

    @Test
    void summaryOnlyWritesTheMarkdownOfAnAssembledCsvAndTrainsNothing(@TempDir Path dir) throws IOException {
        Path results = dir.resolve("results");
        assertEquals(2, SslPipeline.run(new String[]{"bench", "accuracy", "--summary-only", "--results", results.toString()}),
                "no CSV: an error, not an empty summary");
        Files.createDirectories(results);
        Files.writeString(results.resolve("accuracy.csv"), """
                algorithm,labels,seed,best_acc,median_last_acc,wall_seconds
                fixmatch,250,1,0.7000,0.6900,100.0
                fixmatch,250,2,0.8000,0.7900,300.0
                """);

        assertEquals(0, SslPipeline.run(new String[]{"bench", "accuracy", "--summary-only", "--results", results.toString()}));

        List<String> summary = Files.readAllLines(results.resolve("accuracy.md"));
        assertEquals("| fixmatch | 250 | 2 | 0.7500 ± 0.0707 | 0.7400 ± 0.0707 | 200 |", summary.get(2));
        try (Stream<Path> files = Files.list(results)) {
            assertEquals(2, files.count(), "only the CSV and its summary");
        }
    }

    private static String[] bench(Path runs, Path results) {
        List<String> args = new ArrayList<>(List.of("bench", "accuracy"));
        args.addAll(TestCorpus.baseArgs(runs));
        // the single-JVM trainer repeats bit for bit (Spark's averaging sums in completion order), so the resumed
        // cell's accuracies can be compared exactly
        args.addAll(List.of("--set", "train.trainer=local",
                "--set", "train.epochs=2",
                "--set", "train.steps-per-epoch=4",
                "--set", "train.batch-size=8",
                "--algorithms", "supervised", "--labels-per-class", "4", "--seeds", "7", "--no-all-labels",
                "--last", "2", "--results", results.toString()));
        return args.toArray(String[]::new);
    }

    /** The one cell's run folder (run.dir also holds Spark's scratch folder). */
    private static Path onlyCell(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            List<Path> all = children.filter(p -> p.getFileName().toString().startsWith("bench-")).toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted((a, b) -> b.compareTo(a)).toList()) Files.delete(p);
        }
    }
}
