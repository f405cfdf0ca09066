package org.sslpipeline.training.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import scala.reflect.ClassTag$;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ND4J arrays through Spark's Kryo serializer as the pipeline configures it (registration required). */
class BulkNdArraySerializerTest {
    private static final SerializerInstance KRYO = new KryoSerializer(PipelineSparkConf.withPipelineDefaults(
            new SparkConf().set("spark.kryo.registrationRequired", "true"))).newInstance();

    @Test
    void arraysOfEveryLayoutComeBackEqual() {
        Nd4j.getRandom().setSeed(3);
        INDArray images = Nd4j.rand(DataType.FLOAT, 5, 1, 28, 28);
        INDArray doubles = Nd4j.randn(DataType.DOUBLE, 7, 3);
        List<INDArray> arrays = List.of(
                images,
                doubles,
                doubles.dup('f'),
                images.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all()),
                doubles.getColumn(1),
                Nd4j.createFromArray(1, 2, 3, -4),
                Nd4j.createFromArray(1L << 40, -7L).reshape(2, 1),
                Nd4j.scalar(2.5f),
                Nd4j.create(DataType.FLOAT, 0, 10));
        for (INDArray array : arrays) {
            INDArray back = roundTrip(array);
            assertEquals(array.dataType(), back.dataType(), "dtype of " + array.shapeInfoToString());
            assertArrayEquals(array.shape(), back.shape(), "shape of " + array.shapeInfoToString());
            assertEquals(array, back, "values of " + array.shapeInfoToString());
        }
    }

    @Test
    void aMinibatchComesBackWithEveryArray() {
        INDArray features = Nd4j.rand(DataType.FLOAT, 4, 1, 8, 8);
        INDArray labels = Nd4j.eye(4).castTo(DataType.FLOAT);
        INDArray meta = Nd4j.createFromArray(new double[][]{{1, 11}, {0, 12}, {1, 13}, {0, 14}});
        MultiDataSet batch = new MultiDataSet(new INDArray[]{features, features.mul(2)}, new INDArray[]{labels, meta});

        MultiDataSet back = roundTrip(batch);

        assertEquals(features, back.getFeatures(0));
        assertEquals(features.mul(2), back.getFeatures(1));
        assertEquals(labels, back.getLabels(0));
        assertEquals(meta, back.getLabels(1));
    }

    @Test
    void theRawFormatIsAboutTheSizeOfTheData() {
        INDArray images = Nd4j.rand(DataType.FLOAT, 64, 1, 28, 28);
        long bytes = KRYO.serialize(images, ClassTag$.MODULE$.apply(INDArray.class)).remaining();
        long data = images.length() * 4;
        assertTrue(bytes >= data && bytes < data + 64, bytes + " bytes for " + data + " bytes of floats");
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) {
        var tag = ClassTag$.MODULE$.<T>apply(value.getClass());
        return (T) KRYO.deserialize(KRYO.serialize(value, tag), tag);
    }
}
