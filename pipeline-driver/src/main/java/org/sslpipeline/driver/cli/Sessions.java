package org.sslpipeline.driver.cli;

import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.sslpipeline.driver.config.PipelineConfig;
import org.sslpipeline.driver.run.SparkSessions;

import java.net.URI;

/** Starts a command's Spark session with its scratch folder beside the runs when those are local. */
final class Sessions {
    private Sessions() {}

    static SparkSession start(PipelineConfig config) {
        URI runs = new Path(config.run().dir()).toUri();
        boolean local = runs.getScheme() == null || runs.getScheme().equals("file");
        String scratch = local ? java.nio.file.Path.of(runs.getPath(), "spark-tmp").toAbsolutePath().toString() : null;
        return SparkSessions.start(config.spark(), scratch);
    }
}
