package org.sslpipeline.jobs.pseudo;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.sslpipeline.training.io.HadoopFiles;

import java.io.UncheckedIOException;
import java.util.List;

/**
 * What a selection wrote, and where: the counts of every class, and their totals. It is also written as JSON
 * ({@value PseudoLabelSelection#SUMMARY_FILE} in the output folder), with snake_case keys
 * ({@code pseudo_labeled}, {@code outliers}, {@code above_threshold}, {@code selected_unique}, {@code selected}) and
 * {@code classes[i]} holding class i, and {@code confidence_histogram}.
 *
 * @param output   the committed output folder
 * @param settings the threshold and rows per class it was run with
 * @param classes  the counts of class 0, 1, ..., one entry per class including the classes with no rows
 * @param confidenceHistogram the input rows of all classes by the teacher's confidence: entry i counts confidences
 *                 in [i/B, (i+1)/B) for the {@value #CONFIDENCE_BINS} bins B, the last bin including 1
 * @param poolMeanPrediction with distribution alignment, the pool's mean probability of each class before it was
 *                 aligned; empty without
 */
public record SelectionSummary(String output, SelectionSettings settings, List<SelectionCounts> classes,
                               List<Long> confidenceHistogram, List<Double> poolMeanPrediction) {
    public static final int CONFIDENCE_BINS = 20;

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public SelectionSummary {
        classes = List.copyOf(classes);
        confidenceHistogram = List.copyOf(confidenceHistogram);
        poolMeanPrediction = List.copyOf(poolMeanPrediction);
    }

    /** The counts of one class. */
    public SelectionCounts ofClass(int label) {
        return classes.get(label);
    }

    /** The counts of all classes together. */
    @JsonProperty("total")
    public SelectionCounts total() {
        return classes.stream().reduce(SelectionCounts.NONE, SelectionCounts::plus);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the selection summary as JSON", e);
        }
    }

    void write(Path file, Configuration conf) {
        HadoopFiles.writeText(conf, file, toJson());
    }

    /** A table for the console: the five counts per class, then the totals. */
    public String format() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("pseudo-labels selected (%sconfidence >= %s, %s) -> %s%n%n",
                settings.alignDistribution() ? "distribution aligned, " : "", settings.threshold(),
                settings.balanced() ? settings.perClass() + " rows per class" : "no class balancing", output));
        out.append(String.format("%-8s %14s %9s %15s %15s %10s%n",
                "class", "pseudo_labeled", "outliers", "above_threshold", "selected_unique", "selected"));
        for (int label = 0; label < classes.size(); label++) {
            out.append(row(Integer.toString(label), classes.get(label)));
        }
        return out.append(row("total", total())).toString();
    }

    @Override
    public String toString() {
        return format();
    }

    private static String row(String name, SelectionCounts counts) {
        return String.format("%-8s %14d %9d %15d %15d %10d%n", name, counts.pseudoLabeled(), counts.outliers(),
                counts.aboveThreshold(), counts.selectedUnique(), counts.selected());
    }
}
