package org.sslpipeline.driver.run;

import org.apache.hadoop.fs.Path;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Where a run keeps its files: {@code <run.dir>/<id>/}. The training stage writes under {@code train/}:
 * {@code model.zip} (EMA weights, the model to use), {@code model-raw.zip} (raw weights with updater state),
 * {@code metrics.json}, {@code evaluations.json}, {@code timing.json}, {@code protocol.json} (how the train split
 * was divided, with the counts per class), {@code checkpoints/}; the resolved
 * configuration goes to {@code config.conf} at the top.
 */
public record RunFolder(Path root) {

    public static RunFolder of(String runDir, String id) {
        return new RunFolder(new Path(runDir, id));
    }

    /** A readable, sortable id for a new run: time and algorithm. */
    public static String newId(String algorithm) {
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + algorithm;
    }

    public Path config() { return new Path(root, "config.conf"); }
    public Path train() { return new Path(root, "train"); }
    public Path checkpoints() { return new Path(train(), "checkpoints"); }
    public Path model() { return new Path(train(), "model.zip"); }
    public Path rawModel() { return new Path(train(), "model-raw.zip"); }
    public Path metrics() { return new Path(train(), "metrics.json"); }
    public Path evaluations() { return new Path(train(), "evaluations.json"); }
    public Path timing() { return new Path(train(), "timing.json"); }
    public Path protocol() { return new Path(train(), "protocol.json"); }
}
