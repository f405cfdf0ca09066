package org.sslpipeline.training.spark;

import org.apache.spark.SparkConf;

/** The Spark configuration the pipeline always needs: Kryo with the pipeline's registrator. */
public final class PipelineSparkConf {
    private PipelineSparkConf() {}

    public static SparkConf withPipelineDefaults(SparkConf conf) {
        return conf.set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .set("spark.kryo.registrator", PipelineKryoRegistrator.class.getName())
                .setIfMissing("spark.kryoserializer.buffer.max", "512m")
                .setIfMissing("spark.ui.showConsoleProgress", "false");
    }
}
