package org.sslpipeline.driver.run;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sslpipeline.driver.config.PipelineConfig;
import org.sslpipeline.driver.config.SparkSettings;
import org.sslpipeline.training.spark.PipelineSparkConf;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
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
        SparkConf submitted = new SparkConf();
        Resolved resolved = resolve(config.spark(), localDir, PipelineConfig.defaults().spark().master(), submitted);
        resolved.warnings().forEach(log::warn);
        String master = resolved.conf().get(MASTER);
        log.info("Spark master: {}", master);
        checkReachable(master);
        if (!submitted.contains(MASTER)) shipThisBuild(resolved.conf());
        return SparkSession.builder().config(resolved.conf()).getOrCreate();
    }

    /**
     * Without spark-submit (bin/ssl-pipeline with a cluster master), this JVM is the driver and executors start in
     * JVMs of their own: they get the spark-submit jar of this checkout's build, and this JVM's Java 17 and ND4J
     * flags, unless spark.jars or spark.executor.extraJavaOptions say otherwise.
     */
    private static void shipThisBuild(SparkConf conf) {
        String master = conf.get(MASTER);
        if (master.startsWith("local") || conf.contains("spark.jars")) return;
        Path jars = Path.of(System.getProperty("ssl.home", "."), "deploy", "target");
        Path jar = null;
        try (var found = Files.list(jars)) {
            jar = found.filter(p -> p.getFileName().toString().matches("ssl-pipeline-.*-spark-submit\\.jar"))
                    .findFirst().orElse(null);
        } catch (IOException e) {
            // no build folder: reported below
        }
        if (jar == null) {
            throw new IllegalArgumentException("the master " + master + " runs executors in JVMs of their own, which "
                    + "need the pipeline's jar: build it with  mvn -DskipTests package  (" + jars
                    + "/ssl-pipeline-*-spark-submit.jar), or submit with deploy/spark-submit.sh");
        }
        conf.set("spark.jars", jar.toString());
        List<String> flags = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(flag -> flag.startsWith("--add-opens") || flag.startsWith("-Djdk.reflect")
                        || flag.startsWith("-Dorg.bytedeco.javacpp."))
                .toList();
        conf.setIfMissing("spark.executor.extraJavaOptions", String.join(" ", flags));
        log.info("Executors get {} and this JVM's flags", jar);
    }

    /**
     * A standalone master nobody answers at fails here, at once and by name, instead of after Spark's three
     * registration attempts of 20 seconds each. Any one of an HA list ({@code spark://h1:p1,h2:p2}) will do.
     */
    static void checkReachable(String master) {
        if (!master.startsWith("spark://")) return;
        List<String> failures = new ArrayList<>();
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            if (colon < 0) throw new IllegalArgumentException("Spark master " + master + " has no port: spark://host:port");
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(hostPort.substring(0, colon),
                        Integer.parseInt(hostPort.substring(colon + 1))), 5000);
                return;
            } catch (IOException | NumberFormatException e) {
                failures.add(hostPort + ": " + e.getMessage());
            }
        }
        throw new IllegalArgumentException("cannot reach the Spark master " + master + " (" + String.join("; ", failures)
                + "); is it running, and is this its address?");
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
