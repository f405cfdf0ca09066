package org.sslpipeline.training.spark;

import com.esotericsoftware.kryo.Kryo;
import org.apache.spark.serializer.KryoRegistrator;
import org.nd4j.kryo.Nd4jRegistrator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Registers ND4J's classes (through DL4J's own registrator) and the pipeline's, so Spark can run with
 * {@code spark.kryo.registrationRequired=true} and an unregistered class fails loudly.
 */
public class PipelineKryoRegistrator implements KryoRegistrator {
    @Override
    public void registerClasses(Kryo kryo) {
        new Nd4jRegistrator().registerClasses(kryo);
        if (Nd4j.getEnvironment().isCPU()) {
            // reads array memory in place; a GPU array's host copy would first need syncing (untested: no GPU here)
            kryo.register(Nd4j.getBackend().getNDArrayClass(), new BulkNdArraySerializer());
        }
        kryo.register(org.sslpipeline.training.data.LabeledImage.class);
        kryo.register(org.sslpipeline.training.data.ImagePixels.class);
        kryo.register(byte[].class);
        kryo.register(long[].class);
        kryo.register(long[][].class);
        kryo.register(double[].class);
        kryo.register(float[].class);
        kryo.register(int[].class);
        kryo.register(Object[].class);
        kryo.register(String[].class);
        kryo.register(org.nd4j.linalg.dataset.MultiDataSet.class);
        kryo.register(org.nd4j.linalg.api.ndarray.INDArray[].class);
        kryo.register(org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingResult.class);
        kryo.register(org.deeplearning4j.spark.impl.paramavg.aggregator.ParameterAveragingAggregationTuple.class);
        // The network's configuration is a deep object graph of DL4J classes; Java serialization carries it whole.
        kryo.register(org.deeplearning4j.spark.api.worker.NetBroadcastTuple.class,
                new com.esotericsoftware.kryo.serializers.JavaSerializer());
        kryo.register(scala.Tuple2.class);
        kryo.register(scala.Tuple2[].class);
        kryo.register(java.util.ArrayList.class);
        kryo.register(java.util.HashMap.class);
        registerSparkClasses(kryo);
    }

    private static void registerSparkClasses(Kryo kryo) {
        try (var in = PipelineKryoRegistrator.class.getResourceAsStream("spark-kryo-classes.txt")) {
            String text = new String(java.util.Objects.requireNonNull(in, "spark-kryo-classes.txt").readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            for (String line : text.split("\\R")) {
                String name = line.strip();
                if (name.isEmpty() || name.startsWith("#")) continue;
                try {
                    kryo.register(Class.forName(name, false, PipelineKryoRegistrator.class.getClassLoader()));
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException("spark-kryo-classes.txt lists a class that does not exist: " + name, e);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
