package org.sslpipeline.driver.run;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sslpipeline.driver.config.PipelineConfig;
import org.sslpipeline.driver.config.SparkSettings;
import org.sslpipeline.training.spark.PipelineSparkConf;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Spark session of a command, from the config: master, pass-through settings, Kryo, and a scratch folder
 * ({@code spark.local-dir}, else {@code spark-tmp} beside the runs when those are on the local disk).
 * <p>
 * Under spark-submit, what spark-submit was told wins: it hands its master and {@code --conf} settings to the
 * driver as {@code spark.*} system properties, which {@code new SparkConf()} loads. A config that says otherwise
 * is not silently preferred: the driver warns, naming both values. A config master left at its default
 * ({@code local[*]}) is simply not used.
 */
public final class SparkSessions {
    private static final Logger log = LoggerFactory.getLogger(SparkSessions.class);
    static final String MASTER = "spark.master";

    private SparkSessions() {}

    public static SparkSession start(PipelineConfig config) {
        URI runs = new org.apache.hadoop.fs.Path(config.run().dir()).toUri();
        boolean local = runs.getScheme() == null || runs.getScheme().equals("file");
        String localDir = config.spark().localDir().isEmpty()
                ? (local ? Path.of(runs.getPath(), "spark-tmp").toAbsolutePath().toString() : null)
                : config.spark().localDir();
        if (localDir != null) {
            try {
                Files.createDirectories(Path.of(localDir));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot create spark.local-dir " + localDir + ": " + e.getMessage());
            }
        }
        Resolved resolved = resolve(config.spark(), localDir, PipelineConfig.defaults().spark().master(), new SparkConf());
        resolved.warnings().forEach(log::warn);
        log.info("Spark master: {}", resolved.conf().get(MASTER));
        return SparkSession.builder().config(resolved.conf()).getOrCreate();
    }

    /** The session's settings, and a warning for each config value that spark-submit's settings overrode. */
    record Resolved(SparkConf conf, List<String> warnings) {}

    /**
     * @param submitted     the settings spark-submit passed (a {@code new SparkConf()}); without spark-submit, none
     *                      or whatever {@code spark.*} system properties the JVM was started with
     * @param defaultMaster reference.conf's master: a config that leaves it so has not asked for a master
     */
    static Resolved resolve(SparkSettings settings, String localDirOrNull, String defaultMaster, SparkConf submitted) {
        List<String> warnings = new ArrayList<>();
        SparkConf conf = PipelineSparkConf.withPipelineDefaults(submitted.clone()).setIfMissing("spark.app.name", settings.appName());
        if (localDirOrNull != null) conf.setIfMissing("spark.local.dir", localDirOrNull);
        if (!submitted.contains(MASTER)) {
            conf.setMaster(settings.master());
        } else if (!settings.master().equals(defaultMaster) && !settings.master().equals(submitted.get(MASTER))) {
            warnings.add("spark-submit was given the master " + submitted.get(MASTER) + " and that one is used; the "
                    + "config's ssl.spark.master = " + settings.master() + " is ignored (drop it from the config, or "
                    + "give spark-submit that master)");
        }
        settings.conf().forEach((key, value) -> {
            if (!submitted.contains(key)) {
                conf.set(key, value);
            } else if (!submitted.get(key).equals(value)) {
                warnings.add("spark-submit was given " + key + "=" + submitted.get(key) + " and that is used; the "
                        + "config's ssl.spark.conf.\"" + key + "\" = " + value + " is ignored");
            }
        });
        return new Resolved(conf, warnings);
    }
}
