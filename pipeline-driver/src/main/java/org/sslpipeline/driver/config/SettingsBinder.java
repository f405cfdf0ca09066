package org.sslpipeline.driver.config;

import com.typesafe.config.Config;

import java.util.function.Function;

/**
 * Builds the settings records from the merged HOCON tree: the one place that maps keys to record fields.
 * Problems are collected, not thrown; a record that cannot be built is returned as null.
 */
final class SettingsBinder {
    private final Config config;
    private final SettingsReader ssl;
    private final Problems problems;

    SettingsBinder(Config config, Config defaults, Problems problems) {
        this.config = config;
        this.ssl = new SettingsReader(config, defaults, problems, ConfigLayers.ROOT);
        this.problems = problems;
    }

    SparkSettings spark() {
        return bind("spark", in -> new SparkSettings(
                in.string("master"),
                in.string("app-name"),
                in.string("local-dir"),
                in.stringMap("conf")));
    }

    IngestSettings ingest() {
        return bind("ingest", in -> new IngestSettings(
                in.string("format"),
                in.string("source"),
                in.string("name"),
                in.string("split"),
                in.integer("shard-rows"),
                in.bool("overwrite"),
                in.bool("append"),
                in.string("id-prefix"),
                in.stringList("split-folders"),
                in.number("test-fraction"),
                in.longInteger("seed"),
                in.string("image-shape"),
                in.string("other-shapes")));
    }

    DataSettings data() {
        return bind("data", in -> new DataSettings(
                in.string("corpus"),
                in.integer("labels-per-class"),
                in.longInteger("label-seed"),
                in.longInteger("max-unlabeled")));
    }

    ModelSettings model() {
        return bind("model", in -> new ModelSettings(
                in.string("network"),
                in.number("dropout"),
                in.integer("width"),
                in.number("stochastic-depth")));
    }

    TrainSettings train() {
        return bind("train", in -> new TrainSettings(
                in.string("algorithm"),
                in.string("trainer"),
                in.integer("epochs"),
                in.integer("steps-per-epoch"),
                in.integer("batch-size"),
                in.number("learning-rate"),
                in.number("momentum"),
                in.bool("nesterov"),
                in.number("weight-decay"),
                in.string("lr-schedule"),
                in.number("ema-decay"),
                in.string("augment"),
                in.longInteger("seed"),
                in.integer("checkpoint-every-epochs"),
                in.integer("eval-every-epochs")));
    }

    SparkTrainSettings sparkTrain() {
        return bind("train.spark", in -> new SparkTrainSettings(
                in.integer("workers"),
                in.integer("averaging-frequency"),
                in.bool("average-updater-state"),
                in.integer("prefetch-batches")));
    }

    SemiSupervisedSettings semiSupervised() {
        return bind("semi-supervised", in -> new SemiSupervisedSettings(
                in.integer("mu"),
                in.number("threshold"),
                in.number("unlabeled-weight"),
                in.number("pseudo-label.final-weight"),
                in.number("pseudo-label.ramp-start"),
                in.number("pseudo-label.ramp-end"),
                in.number("pseudo-label.threshold"),
                in.number("pi-model.max-weight"),
                in.bool("pi-model.scale-by-labeled-fraction"),
                in.number("pi-model.ramp-length"),
                in.number("mean-teacher.max-weight"),
                in.number("mean-teacher.ramp-length"),
                in.number("temporal-ensembling.max-weight"),
                in.bool("temporal-ensembling.scale-by-labeled-fraction"),
                in.number("temporal-ensembling.ramp-length"),
                in.number("temporal-ensembling.momentum"),
                in.number("feature-distance-weight")));
    }

    NoisyStudentSettings noisyStudent() {
        return bind("noisy-student", in -> new NoisyStudentSettings(
                in.integer("rounds"),
                in.integer("pseudo-label-batch-size"),
                in.number("threshold"),
                in.integer("per-class"),
                in.bool("distribution-alignment"),
                in.bool("soft-labels"),
                in.integer("pseudo-ratio"),
                in.integer("student-width"),
                in.number("student-dropout"),
                in.number("student-stochastic-depth"),
                in.string("student-augment"),
                in.integer("student-epochs")));
    }

    EvalSettings eval() {
        return bind("eval", in -> new EvalSettings(in.integer("batch-size")));
    }

    RunSettings run() {
        return bind("run", in -> new RunSettings(in.string("dir"), in.string("id")));
    }

    private <T> T bind(String section, Function<SettingsReader, T> build) {
        try {
            return build.apply(ssl.section(section));
        } catch (InvalidSettingsException e) {
            e.violations().forEach(violation ->
                    problems.add(violation.message() + ConfigPaths.originSuffix(config, violation.key())));
            return null;
        }
    }
}
