package org.sslpipeline.training.step;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SoftmaxCrossEntropyTest {
    @Test
    void javaSoftmaxRowsEqualTheNd4jSoftmax() {
        Nd4j.getRandom().setSeed(5);
        INDArray logits = Nd4j.randn(DataType.FLOAT, 37, 10).muli(8);
        assertRowsEqual(SoftmaxCrossEntropy.softmax(logits).toFloatMatrix(), SoftmaxCrossEntropy.softmaxRows(logits));
    }

    @Test
    void fortranOrderedViewsAndDoublesGiveTheSameRows() {
        Nd4j.getRandom().setSeed(6);
        INDArray doubles = Nd4j.randn(DataType.DOUBLE, 12, 6).mul(20);
        INDArray fortranView = doubles.dup('f').get(NDArrayIndex.interval(3, 9),
                NDArrayIndex.all());
        float[][] rows = SoftmaxCrossEntropy.softmaxRows(fortranView);
        assertEquals(6, rows.length);
        assertRowsEqual(SoftmaxCrossEntropy.softmax(fortranView).castTo(DataType.FLOAT).toFloatMatrix(), rows);
        for (float[] row : rows) {
            double sum = 0;
            for (float p : row) sum += p;
            assertEquals(1.0, sum, 1e-6);
        }
    }

    @Test
    void hugeLogitsDoNotOverflow() {
        float[][] rows = SoftmaxCrossEntropy.softmaxRows(Nd4j.createFromArray(new float[][]{{1000f, 0f, -1000f}}));
        assertArrayEquals(new float[]{1f, 0f, 0f}, rows[0], 0f);
    }

    private static void assertRowsEqual(float[][] expected, float[][] actual) {
        assertEquals(expected.length, actual.length);
        for (int r = 0; r < expected.length; r++) assertArrayEquals(expected[r], actual[r], 1e-6f, "row " + r);
    }
}
