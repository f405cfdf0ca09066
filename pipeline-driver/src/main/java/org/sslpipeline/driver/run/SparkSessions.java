package org.sslpipeline.driver.run;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.sslpipeline.driver.config.SparkSettings;

import java.nio.file.Files;
import java.nio.file.Path;

/** The Spark session of a command, from the config: master, pass-through settings, Kryo, scratch folder. */
public final class SparkSessions {
    private SparkSessions() {}

    public static SparkSession start(SparkSettings settings, String defaultLocalDir) {
        SparkConf conf = org.sslpipeline.training.spark.SparkSettings.withPipelineDefaults(new SparkConf())
                .setMaster(settings.master())
                .setAppName(settings.appName())
                .setIfMissing("spark.ui.showConsoleProgress", "false");
        String localDir = settings.localDir().isEmpty() ? defaultLocalDir : settings.localDir();
        if (localDir != null) {
            try {
                Files.createDirectories(Path.of(localDir));
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("cannot create spark.local-dir " + localDir + ": " + e.getMessage());
            }
            conf.set("spark.local.dir", localDir);
        }
        settings.conf().forEach(conf::set);
        return SparkSession.builder().config(conf).getOrCreate();
    }
}
