package org.sslpipeline.driver.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import org.sslpipeline.training.spark.SparkTrainSettings;
import org.sslpipeline.training.step.Algorithm;
import org.sslpipeline.training.step.Algorithms;
import org.sslpipeline.training.train.TrainSettings;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The pipeline's settings, from three layers: {@code --set key=value} overrides, then the config file, then the
 * defaults in reference.conf. Loading is strict: an unknown key, a value of the wrong type or out of range fails
 * with one {@link InvalidConfigException} that lists every problem, before any Spark job starts.
 */
public final class PipelineConfig {
    private final Config raw;
    private final SparkSettings spark;
    private final IngestSettings ingest;
    private final DataSettings data;
    private final ModelSettings model;
    private final TrainSettings train;
    private final SparkTrainSettings sparkTrain;
    private final Map<String, Algorithm.Configured<?>> algorithms;
    private final NoisyStudentSettings noisyStudent;
    private final EvalSettings eval;
    private final RunSettings run;

    private PipelineConfig(Config raw, SettingsBinder settings) {
        this.raw = raw;
        this.spark = settings.spark();
        this.ingest = settings.ingest();
        this.data = settings.data();
        this.model = settings.model();
        this.train = settings.train();
        this.sparkTrain = settings.sparkTrain();
        this.algorithms = settings.algorithms();
        this.noisyStudent = settings.noisyStudent();
        this.eval = settings.eval();
        this.run = settings.run();
    }

    /**
     * @param configFileOrNull a HOCON file whose keys live under {@code ssl}, or null for the defaults alone
     * @param setOverrides     {@code key=value} pairs, the {@code ssl.} prefix optional; later ones win
     * @throws InvalidConfigException listing every problem found
     */
    public static PipelineConfig load(Path configFileOrNull, List<String> setOverrides) {
        return load(configFileOrNull, List.of(), setOverrides);
    }

    /**
     * Like {@link #load(Path, List)}, with a command's own defaults as a layer between the config file and
     * reference.conf (e.g. a benchmark's Spark master).
     *
     * @param commandDefaults {@code key=value} pairs, as for {@code --set}
     */
    public static PipelineConfig load(Path configFileOrNull, List<String> commandDefaults, List<String> setOverrides) {
        return load(configFileOrNull == null ? null : configFileOrNull.toString(), commandDefaults, setOverrides);
    }

    /**
     * Like {@link #load(Path, List, List)}, with the config file at a local path or any Hadoop file system URI.
     */
    public static PipelineConfig load(String configLocationOrNull, List<String> commandDefaults, List<String> setOverrides) {
        Problems problems = new Problems();
        Config reference = ConfigLayers.reference();
        Config defaults = SetOverrides.parse(commandDefaults, problems);
        Config overrides = SetOverrides.parse(setOverrides, problems);
        Config file = configLocationOrNull == null ? ConfigFactory.empty() : ConfigLayers.file(configLocationOrNull, problems);
        return validated(ConfigLayers.resolve(
                overrides.withFallback(file).withFallback(defaults).withFallback(reference), problems), problems);
    }

    private static PipelineConfig validated(Config merged, Problems problems) {
        Config reference = ConfigLayers.reference();
        Config readable = StrictKeys.check(merged, reference, problems);
        // Some settings may be null here; such a config never leaves this method, as its problems are thrown first.
        PipelineConfig config = new PipelineConfig(merged, new SettingsBinder(readable, reference, problems));
        problems.throwIfAny();
        return config;
    }

    /** A configuration as {@link #renderResolved()} wrote it (e.g. a run's config.conf), validated like a file. */
    public static PipelineConfig load(String text) {
        try {
            Path file = java.nio.file.Files.createTempFile("ssl-pipeline-", ".conf");
            try {
                java.nio.file.Files.writeString(file, text);
                return load(file, List.of());
            } finally {
                java.nio.file.Files.deleteIfExists(file);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** This configuration with {@code key=value} overrides on top, validated like any other. */
    public PipelineConfig with(List<String> setOverrides) {
        Problems problems = new Problems();
        return validated(ConfigLayers.resolve(SetOverrides.parse(setOverrides, problems).withFallback(raw), problems), problems);
    }

    /**
     * This configuration with its train and model settings replaced by {@code train} and {@code model} (copies of
     * {@link #train()} and {@link #model()} with fields changed), validated like any other. Only the keys whose
     * values change are rewritten, so every other setting renders in config.conf as it did.
     */
    public PipelineConfig with(TrainSettings train, ModelSettings model) {
        Config changed = withChangedKeys(raw, "train", this.train, train);
        changed = withChangedKeys(changed, "model", this.model, model);
        PipelineConfig result = validated(changed, new Problems());
        if (!result.train.equals(train) || !result.model.equals(model)) {
            throw new IllegalStateException("the settings do not read back as written: " + train + ", " + model
                    + " became " + result.train + ", " + result.model);
        }
        return result;
    }

    /**
     * {@code config} with the keys of {@code section} whose values differ between two records of that section
     * rewritten to {@code after}'s values; a record component {@code stepsPerEpoch} is the key
     * {@code steps-per-epoch}, as {@link SettingsBinder} reads it.
     */
    private static Config withChangedKeys(Config config, String section, Record before, Record after) {
        for (RecordComponent component : after.getClass().getRecordComponents()) {
            Object was = componentValue(component, before);
            Object is = componentValue(component, after);
            if (!Objects.equals(was, is)) {
                String key = component.getName().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
                config = config.withValue(ConfigLayers.ROOT + "." + section + "." + key, ConfigValueFactory.fromAnyRef(is));
            }
        }
        return config;
    }

    private static Object componentValue(RecordComponent component, Record settings) {
        try {
            return component.getAccessor().invoke(settings);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + settings, e);
        }
    }

    /** The defaults of reference.conf. */
    public static PipelineConfig defaults() {
        return load(null, List.of());
    }

    public SparkSettings spark() {
        return spark;
    }

    public IngestSettings ingest() {
        return ingest;
    }

    public DataSettings data() {
        return data;
    }

    public ModelSettings model() {
        return model;
    }

    public TrainSettings train() {
        return train;
    }

    public SparkTrainSettings sparkTrain() {
        return sparkTrain;
    }

    /** The algorithm {@code train.algorithm} names, with the settings of its block. */
    public Algorithm.Configured<?> algorithm() {
        return algorithm(train.algorithm());
    }

    /** An algorithm with the settings of its block ({@code ssl.algorithms.<name>}). */
    public Algorithm.Configured<?> algorithm(String name) {
        Algorithms.byName(name); // names the known algorithms if it is not one
        return algorithms.get(name);
    }

    public NoisyStudentSettings noisyStudent() {
        return noisyStudent;
    }

    public EvalSettings eval() {
        return eval;
    }

    public RunSettings run() {
        return run;
    }

    /** The merged, resolved configuration (root {@code ssl}). */
    public Config raw() {
        return raw;
    }

    /**
     * The resolved {@code ssl} tree as JSON, which is also valid HOCON: written beside every model as provenance,
     * and loadable again as a config file to repeat the run.
     */
    public String renderResolved() {
        ConfigRenderOptions options = ConfigRenderOptions.defaults()
                .setOriginComments(false)
                .setComments(false)
                .setJson(true)
                .setFormatted(true);
        return raw.root().render(options);
    }

    /**
     * Which of the named sections ("data", "model", "train", "train.spark", "algorithms", "noisy-student")
     * hold other settings here than in {@code before}, in the order named: what a resumed run must not change.
     */
    public List<String> sectionsChangedSince(PipelineConfig before, String... sections) {
        List<String> changed = new ArrayList<>();
        for (String section : sections) {
            Function<PipelineConfig, Object> settings = switch (section) {
                case "data" -> PipelineConfig::data;
                case "model" -> PipelineConfig::model;
                case "train" -> PipelineConfig::train;
                case "train.spark" -> PipelineConfig::sparkTrain;
                case "algorithms" -> config -> config.algorithms;
                case "noisy-student" -> PipelineConfig::noisyStudent;
                default -> throw new IllegalArgumentException("no settings section '" + section + "' to compare");
            };
            if (!settings.apply(before).equals(settings.apply(this))) changed.add(section);
        }
        return changed;
    }

    /**
     * A short hash of the settings that decide a run's results (data, model, train with train.spark,
     * algorithms and noisy-student; not Spark's or the run folder's), so the same command finds the same run
     * again.
     */
    public String fingerprint() {
        StringBuilder decisive = new StringBuilder();
        for (String section : List.of("data", "model", "train", "algorithms", "noisy-student")) {
            decisive.append(section).append('=').append(raw.getConfig("ssl." + section).root()
                    .render(ConfigRenderOptions.concise())).append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(decisive.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
