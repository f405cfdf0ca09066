package org.sslpipeline.driver.config;

import com.typesafe.config.Config;
import org.sslpipeline.training.settings.InvalidSettingsException;
import org.sslpipeline.training.spark.SparkTrainSettings;
import org.sslpipeline.training.step.Algorithm;
import org.sslpipeline.training.step.Algorithms;
import org.sslpipeline.training.train.TrainSettings;

import java.util.Map;
import java.util.TreeMap;
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
                in.string("protocol"),
                in.integer("labels-per-class"),
                in.longInteger("label-seed"),
                in.longInteger("max-unlabeled"),
                longTailed(in.section("long-tailed")),
                openSet(in.section("open-set"))));
    }

    private static DataSettings.LongTailed longTailed(SettingsReader in) {
        return new DataSettings.LongTailed(in.integer("labeled-head"), in.integer("unlabeled-head"),
                in.number("imbalance-ratio"));
    }

    private static DataSettings.OpenSet openSet(SettingsReader in) {
        return new DataSettings.OpenSet(in.stringList("known-classes"), in.number("unknown-share"));
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

    /** Every algorithm's block ({@code ssl.algorithms.<name>}), each read into its own settings record. */
    Map<String, Algorithm.Configured<?>> algorithms() {
        Map<String, Algorithm.Configured<?>> configured = new TreeMap<>();
        for (Algorithm<?> algorithm : Algorithms.all()) {
            Algorithm.Configured<?> settings = bind("algorithms." + algorithm.name(), algorithm::configure);
            if (settings != null) configured.put(algorithm.name(), settings);
        }
        return configured;
    }

    NoisyStudentSettings noisyStudent() {
        return bind("noisy-student", in -> new NoisyStudentSettings(
                in.integer("rounds"),
                in.integer("pseudo-label-batch-size"),
                in.number("threshold"),
                in.number("max-outlier-score"),
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
