package org.sslpipeline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.SparkSession;
import org.sslpipeline.driver.run.RunFolder;
import org.sslpipeline.training.io.HadoopFiles;

import java.io.IOException;
import java.io.UncheckedIOException;

/** A training run's metrics.json, as the bench programs read their figures from it. */
final class BenchMetrics {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchMetrics() {}

    static JsonNode read(SparkSession spark, RunFolder folder) {
        try {
            return JSON.readTree(HadoopFiles.readText(spark.sparkContext().hadoopConfiguration(), folder.metrics()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder.metrics(), e);
        }
    }
}
