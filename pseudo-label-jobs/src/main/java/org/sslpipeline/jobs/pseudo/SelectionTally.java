package org.sslpipeline.jobs.pseudo;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * The per-class counts of a selection, from one aggregation of the input: rows per hard label, those above the
 * threshold, and the histogram of confidences. Only these counts reach the driver.
 */
final class SelectionTally {
    private final SelectionSettings settings;
    private final long[] pseudoLabeled;
    private final long[] outliers;
    private final long[] aboveThreshold;
    private final long[] confidenceBins;

    private SelectionTally(SelectionSettings settings, long[] pseudoLabeled, long[] outliers, long[] aboveThreshold,
                           long[] confidenceBins) {
        this.settings = settings;
        this.pseudoLabeled = pseudoLabeled;
        this.outliers = outliers;
        this.aboveThreshold = aboveThreshold;
        this.confidenceBins = confidenceBins;
    }

    /**
     * Counts the input rows of every class, and those above the threshold.
     *
     * @param source the input path, for messages
     * @throws IllegalArgumentException naming the hard labels outside 0..classes-1 (null included)
     */
    static SelectionTally ofInput(Dataset<Row> pseudoLabels, String source, int classes, SelectionSettings settings) {
        long[] pseudoLabeled = new long[classes];
        long[] outliers = new long[classes];
        long[] aboveThreshold = new long[classes];
        long[] confidenceBins = new long[SelectionSummary.CONFIDENCE_BINS];
        Map<String, Long> strayLabels = new TreeMap<>();
        for (Row group : countPerLabel(pseudoLabels, settings)) {
            if (group.isNullAt(0) || group.getInt(0) < 0 || group.getInt(0) >= classes) {
                strayLabels.put(String.valueOf(group.get(0)), group.getLong(1));
                continue;
            }
            pseudoLabeled[group.getInt(0)] = group.getLong(1);
            outliers[group.getInt(0)] = group.getLong(2);
            aboveThreshold[group.getInt(0)] = group.getLong(3);
            for (int bin = 0; bin < confidenceBins.length; bin++) confidenceBins[bin] += group.getLong(4 + bin);
        }
        if (!strayLabels.isEmpty()) {
            throw new IllegalArgumentException("the pseudo-labels at " + source + " have hard labels outside 0.."
                    + (classes - 1) + " (label=rows: " + strayLabels + "); are there " + classes + " classes?");
        }
        return new SelectionTally(settings, pseudoLabeled, outliers, aboveThreshold, confidenceBins);
    }

    /** Rows per confidence bin, over all classes (see {@link SelectionSummary#confidenceHistogram()}). */
    List<Long> confidenceHistogram() {
        return Arrays.stream(confidenceBins).boxed().toList();
    }

    /** Rows above the threshold, indexed by hard label. */
    long[] aboveThreshold() {
        return aboveThreshold.clone();
    }

    /**
     * The counts of class 0, 1, ...: those of the input, and what the selection rule makes of them, which is
     * known from the rows above the threshold without counting the output. Balanced, a class keeps
     * {@code min(n, perClass)} distinct examples and is filled to {@code perClass} rows if it has any;
     * unbalanced, it keeps its {@code n} rows once.
     */
    List<SelectionCounts> counts() {
        List<SelectionCounts> counts = new ArrayList<>();
        for (int label = 0; label < pseudoLabeled.length; label++) {
            long n = aboveThreshold[label];
            long unique = settings.balanced() ? Math.min(n, settings.perClass()) : n;
            long selected = settings.balanced() && n > 0 ? settings.perClass() : n;
            counts.add(new SelectionCounts(pseudoLabeled[label], outliers[label], n, unique, selected));
        }
        return counts;
    }

    /** Per hard label: label, rows, outliers, rows kept by the threshold, then the rows of each confidence bin. */
    private static List<Row> countPerLabel(Dataset<Row> pseudoLabels, SelectionSettings settings) {
        Column bin = SelectedRows.confidenceBin();
        List<Column> counts = new ArrayList<>();
        counts.add(sum(when(SelectedRows.outlier(settings), 1L).otherwise(0L)));
        counts.add(sum(when(SelectedRows.confident(settings), 1L).otherwise(0L)));
        for (long b = 0; b < SelectionSummary.CONFIDENCE_BINS; b++) counts.add(sum(when(bin.equalTo(b), 1L).otherwise(0L)));
        return pseudoLabels.groupBy(col(PseudoLabelSchema.LABEL))
                .agg(count(lit(1)), counts.toArray(Column[]::new))
                .collectAsList();
    }
}
