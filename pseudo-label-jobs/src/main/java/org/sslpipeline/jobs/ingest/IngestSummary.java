package org.sslpipeline.jobs.ingest;

import org.sslpipeline.jobs.corpus.CorpusManifest;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What an ingest produced: the corpus manifest it wrote as {@code _corpus.json}, where, and how long it took.
 */
public record IngestSummary(CorpusManifest corpus, String output, double wallSeconds) {

    public Map<String, Long> rowsPerSplit() {
        return corpus.rowsPerSplit();
    }

    /** Labeled rows per split and class. */
    public Map<String, Map<Integer, Long>> rowsPerSplitAndClass() {
        return corpus.rowsPerSplitAndClass();
    }

    public long quarantined() {
        return corpus.quarantined();
    }

    public Map<String, Long> quarantinedPerReason() {
        return corpus.quarantinedPerReason();
    }

    public List<String> classNames() {
        return corpus.classNames();
    }

    /** A table for the console: rows per class and split, then the quarantine by reason. */
    public String format() {
        List<String> splits = corpus.splits();
        StringBuilder out = new StringBuilder();
        out.append(String.format("corpus '%s' (%s from %s) -> %s%n", corpus.name(), corpus.format(), corpus.source(), output));
        out.append(String.format("images %s, ingested in %.1f s%n%n",
                corpus.imageShape() == null ? "of several shapes" : corpus.imageShape(), wallSeconds));
        int nameWidth = Math.max(12, classNames().stream().mapToInt(String::length).max().orElse(0) + 5);
        out.append(String.format("%-" + nameWidth + "s", "class"));
        splits.forEach(split -> out.append(String.format(" %10s", split)));
        out.append('\n');
        for (int label : labels()) {
            String name = label < classNames().size() ? classNames().get(label) : "";
            out.append(String.format("%-" + nameWidth + "s", String.format("%3d %s", label, name)));
            splits.forEach(split -> out.append(String.format(" %10d",
                    rowsPerSplitAndClass().getOrDefault(split, Map.of()).getOrDefault(label, 0L))));
            out.append('\n');
        }
        out.append(String.format("%-" + nameWidth + "s", "unlabeled"));
        splits.forEach(split -> out.append(String.format(" %10d", corpus.unlabeledRows(split))));
        out.append('\n').append(String.format("%-" + nameWidth + "s", "total"));
        splits.forEach(split -> out.append(String.format(" %10d", rowsPerSplit().get(split))));
        out.append(String.format("%n%nquarantined %d%n", quarantined()));
        quarantinedPerReason().forEach((reason, count) -> out.append(String.format("  %8d  %s%n", count, reason)));
        corpus.notes().forEach(note -> out.append("note: ").append(note).append('\n'));
        return out.toString();
    }

    @Override
    public String toString() {
        return format();
    }

    /** Every class index with a name or with rows. */
    private TreeSet<Integer> labels() {
        TreeSet<Integer> labels = new TreeSet<>();
        for (int label = 0; label < classNames().size(); label++) {
            labels.add(label);
        }
        rowsPerSplitAndClass().values().forEach(counts -> labels.addAll(counts.keySet()));
        return labels;
    }
}
