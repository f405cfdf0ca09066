package org.sslpipeline.jobs;

import org.apache.spark.sql.SparkSession;

/** The Spark session tests run on: local[2], no UI, few shuffle partitions, Kryo. */
public final class LocalSpark {
    private LocalSpark() {}

    public static SparkSession start(Class<?> testClass) {
        return SparkSession.builder()
                .master("local[2]")
                .appName(testClass.getSimpleName())
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .config("spark.kryo.registrationRequired", "false")
                .getOrCreate();
    }
}
