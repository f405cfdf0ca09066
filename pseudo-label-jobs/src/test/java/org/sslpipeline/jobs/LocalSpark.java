package org.sslpipeline.jobs;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.sslpipeline.training.spark.PipelineSparkConf;

/**
 * The Spark session tests run on: local[2], no UI, few shuffle partitions, and the pipeline's Kryo setup with
 * registration required, so a class missing from the registrator fails here rather than slowing a cluster.
 */
public final class LocalSpark {
    private LocalSpark() {}

    public static SparkSession start(Class<?> testClass) {
        SparkConf conf = PipelineSparkConf.withPipelineDefaults(new SparkConf())
                .setMaster("local[2]")
                .setAppName(testClass.getSimpleName())
                .set("spark.ui.enabled", "false")
                .set("spark.sql.shuffle.partitions", "4")
                .set("spark.kryo.registrationRequired", "true");
        return SparkSession.builder().config(conf).getOrCreate();
    }
}
