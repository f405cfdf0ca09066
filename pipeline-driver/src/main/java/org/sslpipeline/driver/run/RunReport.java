package org.sslpipeline.driver.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.sslpipeline.driver.config.NoisyStudentSettings;
import org.sslpipeline.driver.config.PipelineConfig;
import org.sslpipeline.jobs.pseudo.PseudoLabelSelection;
import org.sslpipeline.training.io.HadoopFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code report.html} of a Noisy Student run (docs/ARCHITECTURE.md, "One Noisy Student round, hop by hop"): test accuracy per round, each model's training
 * curve, and per round the teacher's confidence histogram and the class balance before and after selection. It is
 * built from the run folder alone ({@code state.json}, each training stage's {@code evaluations.json} and
 * {@code metrics.json}, each round's {@code _selection.json}), so it can be rewritten after any stage, including
 * by a driver that resumed the run, and shows what has finished so far. Committed atomically like every output.
 */
final class RunReport {
    static final String FILE = "report.html";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Configuration hadoop;
    private final Path root;
    private final PipelineConfig config;
    private final StageLog stages;

    private RunReport(Configuration hadoop, Path root, PipelineConfig config, StageLog stages) {
        this.hadoop = hadoop;
        this.root = root;
        this.config = config;
        this.stages = stages;
    }

    /** Writes {@code <root>/report.html} from the stages finished so far; returns its path. */
    static Path write(Configuration hadoop, Path root, PipelineConfig config, StageLog stages) {
        Path file = new Path(root, FILE);
        HadoopFiles.writeText(hadoop, file, new RunReport(hadoop, root, config, stages).render());
        return file;
    }

    private String render() {
        StringBuilder page = new StringBuilder();
        page.append("<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>Noisy Student run ")
                .append(html(root.getName())).append("</title>\n<style>body{font-family:sans-serif;max-width:760px;"
                        + "margin:2em auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px;"
                        + "text-align:right}th:first-child,td:first-child{text-align:left}</style></head><body>\n");
        page.append("<h1>Noisy Student run ").append(html(root.getName())).append("</h1>\n");
        page.append("<p>").append(html(settings())).append("</p>\n");
        List<StageId> models = trainingStages();
        accuracyPerModel(page, models);
        trainingCurves(page, models);
        JsonNode recordedClassNames = recordedClassNames();
        for (int r = 1; r <= config.noisyStudent().rounds(); r++) round(page, r, recordedClassNames);
        return page.append("</body></html>\n").toString();
    }

    private String settings() {
        NoisyStudentSettings ns = config.noisyStudent();
        return fmt("Teacher: %s, %d labels per class, network %s (width %d). %d round(s); pseudo-labels%s with "
                        + "confidence >= %s, %s per class, %s labels; student: width %d, dropout %s, %s augmentation, %s.",
                config.train().algorithm(), config.data().labelsPerClass(), config.model().network(),
                config.model().width(), ns.rounds(), ns.distributionAlignment() ? " (distribution-aligned)" : "",
                ns.threshold(),
                ns.perClass() > 0 ? String.valueOf(ns.perClass()) : "pool size / classes",
                ns.softLabels() ? "soft" : "hard", ns.studentWidth(), ns.studentDropout(), ns.studentAugment(),
                ns.studentEpochs() > 0 ? ns.studentEpochs() + " epochs" : "as many epochs as the teacher");
    }

    /** The training stages in run order: the first teacher, then each round's student. */
    private List<StageId> trainingStages() {
        List<StageId> stages = new ArrayList<>(List.of(StageId.teacher()));
        for (int r = 1; r <= config.noisyStudent().rounds(); r++) stages.add(StageId.student(r));
        return stages;
    }

    private void accuracyPerModel(StringBuilder page, List<StageId> models) {
        page.append("<h2>Test accuracy per model</h2>\n");
        List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
        StringBuilder table = new StringBuilder("<table><tr><th>model</th><th>test accuracy (EMA)</th>"
                + "<th>optimizer steps</th><th>wall s</th></tr>\n");
        for (int i = 0; i < models.size(); i++) {
            StageId stage = models.get(i);
            if (!stages.isDone(stage)) {
                table.append(fmt("<tr><td>%s</td><td colspan='3'>not finished</td></tr>%n", stage));
                continue;
            }
            TrainingStageResult result = stages.result(stage, TrainingStageResult.class);
            xs.add(i + 1.0);
            ys.add(result.testAccuracy());
            table.append(fmt("<tr><td>%s</td><td>%.4f</td><td>%d</td><td>%.0f</td></tr>%n", stage,
                    result.testAccuracy(), result.iterations(), stages.wallSeconds(stage)));
        }
        page.append(SvgCharts.lines(List.of(new SvgCharts.Series("test accuracy", xs, ys)),
                models.stream().map(StageId::toString).toList(), "model",
                "test accuracy (EMA)"));
        page.append(table).append("</table>\n");
    }

    private void trainingCurves(StringBuilder page, List<StageId> models) {
        page.append("<h2>Training curves</h2>\n<p>Test accuracy of each model's EMA weights at every evaluation.</p>\n");
        List<SvgCharts.Series> curves = new ArrayList<>();
        for (StageId stage : models) {
            Path evaluations = stage.trainingFolder(root).evaluations();
            if (!HadoopFiles.exists(hadoop, evaluations)) continue;
            List<Double> epochs = new ArrayList<>(), accuracies = new ArrayList<>();
            for (JsonNode evaluation : readJson(evaluations)) {
                epochs.add(evaluation.get("epoch").asDouble());
                accuracies.add(evaluation.get("ema_accuracy").asDouble());
            }
            curves.add(new SvgCharts.Series(stage.toString(), epochs, accuracies));
        }
        page.append(SvgCharts.lines(curves, List.of(), "epoch", "test accuracy (EMA)"));
    }

    private void round(StringBuilder page, int r, JsonNode recordedClassNames) {
        page.append(fmt("<h2>Round %d</h2>%n", r));
        StageId select = StageId.select(r);
        Path selection = new Path(select.folder(root), PseudoLabelSelection.SUMMARY_FILE);
        if (!stages.isDone(select) || !HadoopFiles.exists(hadoop, selection)) {
            page.append("<p>Pseudo-labels not selected yet.</p>\n");
            return;
        }
        JsonNode summary = readJson(selection);
        PseudoLabelStageResult pseudo = stages.result(StageId.pseudo(r), PseudoLabelStageResult.class);
        JsonNode total = summary.get("total");
        double threshold = summary.at("/settings/threshold").asDouble();
        long outliers = total.path("outliers").asLong(0);
        String dropped = outliers == 0 ? "" : fmt(" %d were dropped as likely outliers (the teacher's outlier score "
                + "above %s);", outliers, summary.at("/settings/max_outlier_score").asDouble());
        page.append(fmt("<p>The teacher labeled %d images (%.0f images/s);%s %d reached the confidence threshold %s; "
                        + "%d distinct examples were selected, %d rows with the duplicates that fill small classes.</p>%n",
                total.get("pseudo_labeled").asLong(), pseudo.imagesPerSecond(), dropped,
                total.get("above_threshold").asLong(), threshold,
                total.get("selected_unique").asLong(), total.get("selected").asLong()));
        JsonNode poolMean = summary.get("pool_mean_prediction");
        if (poolMean != null && !poolMean.isEmpty()) {
            List<String> means = new ArrayList<>();
            poolMean.forEach(mean -> means.add(fmt("%.3f", mean.asDouble())));
            page.append(fmt("<p>Before the threshold, the labels were aligned to a uniform class distribution (the "
                    + "teacher's mean probability per class: %s). The confidence histogram and the class counts below "
                    + "are of the aligned labels; the check against the hidden labels is of the teacher's own.</p>%n",
                    String.join(", ", means)));
        }

        page.append("<h3>Teacher confidence</h3>\n");
        JsonNode histogram = summary.get("confidence_histogram");
        if (histogram == null) {
            page.append("<p>Not recorded (selected by an earlier version).</p>\n");
        } else {
            List<Double> rows = new ArrayList<>();
            histogram.forEach(bin -> rows.add(bin.asDouble()));
            page.append(SvgCharts.histogram(rows, "confidence of the teacher's label", "pseudo-labels", threshold,
                    "threshold " + threshold));
        }

        List<String> names = classNames(recordedClassNames, summary.get("classes").size());
        hiddenLabels(page, pseudo, names, threshold);

        page.append("<h3>Classes before and after selection</h3>\n");
        String[][] columns = outliers == 0
                ? new String[][]{{"pseudo_labeled", "pseudo-labeled"}, {"above_threshold", "above threshold"},
                        {"selected_unique", "selected, distinct"}, {"selected", "selected, with duplicates"}}
                : new String[][]{{"pseudo_labeled", "pseudo-labeled"}, {"outliers", "dropped as outliers"},
                        {"above_threshold", "above threshold"}, {"selected_unique", "selected, distinct"},
                        {"selected", "selected, with duplicates"}};
        List<SvgCharts.Series> series = new ArrayList<>();
        StringBuilder table = new StringBuilder("<table><tr><th>class</th>");
        for (String[] column : columns) {
            List<Double> values = new ArrayList<>();
            summary.get("classes").forEach(counts -> values.add(counts.get(column[0]).asDouble()));
            series.add(SvgCharts.Series.ofValues(column[1], values));
            table.append("<th>").append(column[1]).append("</th>");
        }
        table.append("</tr>\n");
        for (int c = 0; c < names.size(); c++) {
            table.append("<tr><td>").append(html(names.get(c))).append("</td>");
            for (String[] column : columns) table.append("<td>").append(summary.get("classes").get(c).get(column[0]).asLong()).append("</td>");
            table.append("</tr>\n");
        }
        page.append(SvgCharts.bars(names, series, "class", "rows"));
        page.append(table).append("</table>\n");
    }

    /** The pseudo-labels against the labels the protocol hid in the pool, when it has any. */
    private void hiddenLabels(StringBuilder page, PseudoLabelStageResult pseudo, List<String> names, double threshold) {
        page.append("<h3>Pseudo-labels against the hidden labels</h3>\n");
        if (pseudo.hiddenLabels() == 0) {
            page.append("<p>The pool has no labels to compare with (or the round was labeled by an earlier version).</p>\n");
            return;
        }
        page.append(fmt("<p>%d pooled images have labels the protocol hid from the teacher; its pseudo-labels are right "
                + "on %.4f of them. Per true class, the share it labels right; per confidence bin, the share of right "
                + "labels.</p>%n", pseudo.hiddenLabels(), pseudo.hiddenLabelAccuracy()));
        page.append(SvgCharts.bars(names, List.of(SvgCharts.Series.ofValues("right",
                shares(pseudo.correctPerClass(), pseudo.hiddenPerClass()))), "true class", "share right"));
        page.append(SvgCharts.histogram(shares(pseudo.correctPerBin(), pseudo.hiddenPerBin()),
                "confidence of the teacher's label", "share right", threshold, "threshold " + threshold));
    }

    /** part[i] / whole[i] of two lists of counts; 0 where whole[i] is 0. */
    private static List<Double> shares(List<Long> parts, List<Long> wholes) {
        List<Double> shares = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            double of = wholes.get(i);
            shares.add(of == 0 ? 0 : parts.get(i) / of);
        }
        return shares;
    }

    /** The class names the teacher's metrics recorded; null before the teacher has finished. */
    private JsonNode recordedClassNames() {
        Path metrics = StageId.teacher().trainingFolder(root).metrics();
        return HadoopFiles.exists(hadoop, metrics) ? readJson(metrics).get("class_names") : null;
    }

    /** The recorded class names, or "class i" where there are none. */
    private static List<String> classNames(JsonNode recorded, int classes) {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add(recorded != null && recorded.size() == classes ? recorded.get(c).asText() : "class " + c);
        }
        return names;
    }

    private JsonNode readJson(Path file) {
        try {
            return JSON.readTree(HadoopFiles.readText(hadoop, file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " for the run report", e);
        }
    }

    static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;")
                .replace("\"", "&quot;");
    }

    /** String.format in the root locale, so figures read the same on every machine. */
    static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
