package org.sslpipeline.driver.run;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.sslpipeline.driver.config.PipelineConfig;
import org.sslpipeline.driver.config.SparkSettings;
import org.sslpipeline.training.spark.PipelineSparkConf;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Spark session of a command, from the config: master, pass-through settings, Kryo, and a scratch folder
 * ({@code spark.local-dir}, else {@code spark-tmp} beside the runs when those are on the local disk).
 */
public final class SparkSessions {
    private SparkSessions() {}

    public static SparkSession start(PipelineConfig config) {
        URI runs = new org.apache.hadoop.fs.Path(config.run().dir()).toUri();
        boolean local = runs.getScheme() == null || runs.getScheme().equals("file");
        return start(config.spark(), local ? Path.of(runs.getPath(), "spark-tmp").toAbsolutePath().toString() : null);
    }

    private static SparkSession start(SparkSettings settings, String defaultLocalDir) {
        SparkConf conf = PipelineSparkConf.withPipelineDefaults(new SparkConf())
                .setMaster(settings.master())
                .setAppName(settings.appName());
        String localDir = settings.localDir().isEmpty() ? defaultLocalDir : settings.localDir();
        if (localDir != null) {
            try {
                Files.createDirectories(Path.of(localDir));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot create spark.local-dir " + localDir + ": " + e.getMessage());
            }
            conf.set("spark.local.dir", localDir);
        }
        settings.conf().forEach(conf::set);
        return SparkSession.builder().config(conf).getOrCreate();
    }
}
