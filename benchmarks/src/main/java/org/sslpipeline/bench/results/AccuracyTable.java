package org.sslpipeline.bench.results;

import org.sslpipeline.bench.measure.Statistics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The accuracy benchmark's rows ({@code algorithm,labels,seed,best_acc,median_last_acc,wall_seconds}) and their
 * summary, mean ± sample standard deviation over seeds per algorithm and label count.
 */
public final class AccuracyTable {
    static final String HEADER = "algorithm,labels,seed,best_acc,median_last_acc,wall_seconds";

    public record Row(String algorithm, long labels, long seed, double bestAccuracy, double medianLastAccuracy,
                      double wallSeconds) {
        String csv() {
            return String.format(Locale.ROOT, "%s,%d,%d,%.4f,%.4f,%.1f", algorithm, labels, seed, bestAccuracy,
                    medianLastAccuracy, wallSeconds);
        }

        static Row parse(String line) {
            String[] f = line.split(",");
            return new Row(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), Double.parseDouble(f[3]),
                    Double.parseDouble(f[4]), Double.parseDouble(f[5]));
        }
    }

    private final Path csv;
    private final List<Row> rows;

    private AccuracyTable(Path csv, List<Row> rows) {
        this.csv = csv;
        this.rows = rows;
    }

    /** The table in {@code csv}, empty if the file does not exist yet. */
    public static AccuracyTable open(Path csv) {
        List<Row> rows = new ArrayList<>();
        try {
            if (Files.exists(csv)) {
                List<String> lines = Files.readAllLines(csv);
                if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
                    throw new IllegalArgumentException(csv + " does not start with the header " + HEADER);
                }
                lines.stream().skip(1).filter(l -> !l.isBlank()).map(Row::parse).forEach(rows::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
        return new AccuracyTable(csv, rows);
    }

    public boolean has(String algorithm, long labels, long seed) {
        return rows.stream().anyMatch(r -> r.algorithm().equals(algorithm) && r.labels() == labels && r.seed() == seed);
    }

    /** Adds a row and rewrites the CSV atomically. */
    public void add(Row row) {
        rows.add(row);
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        rows.forEach(r -> text.append(r.csv()).append('\n'));
        LocalFiles.writeAtomically(csv, text.toString());
    }

    /** The summary as a Markdown table. */
    public void write(Path markdown) {
        Map<String, List<Row>> cells = new LinkedHashMap<>();
        rows.stream().sorted(Comparator.comparing(Row::algorithm).thenComparingLong(Row::labels))
                .forEach(r -> cells.computeIfAbsent(r.algorithm() + "|" + r.labels(), k -> new ArrayList<>()).add(r));
        StringBuilder text = new StringBuilder("| algorithm | labels | seeds | best (EMA) | median of last (EMA) | wall s per run |\n")
                .append("|---|---|---|---|---|---|\n");
        cells.forEach((key, cell) -> {
            double[] best = cell.stream().mapToDouble(Row::bestAccuracy).toArray();
            double[] median = cell.stream().mapToDouble(Row::medianLastAccuracy).toArray();
            double wall = cell.stream().mapToDouble(Row::wallSeconds).average().orElse(Double.NaN);
            text.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s | %.0f |%n", cell.get(0).algorithm(),
                    cell.get(0).labels(), cell.size(), meanStd(best), meanStd(median), wall));
        });
        LocalFiles.writeAtomically(markdown, text.toString());
    }

    public static double best(List<Double> accuracies) {
        return accuracies.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    public static double medianOfLast(List<Double> accuracies, int last) {
        return Statistics.median(accuracies.subList(Math.max(0, accuracies.size() - last), accuracies.size()));
    }

    static String meanStd(double[] values) {
        double mean = 0;
        for (double v : values) mean += v / values.length;
        double squares = 0;
        for (double v : values) squares += (v - mean) * (v - mean);
        double std = values.length > 1 ? Math.sqrt(squares / (values.length - 1)) : 0;
        return String.format(Locale.ROOT, "%.4f ± %.4f", mean, std);
    }
}
