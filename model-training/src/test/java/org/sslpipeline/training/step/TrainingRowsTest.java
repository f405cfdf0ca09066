package org.sslpipeline.training.step;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sslpipeline.training.data.ImagePixels;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TrainingRowsTest {

    @Test
    void inputIsChannelFirstAndScaledToTheUnitInterval() {
        byte[] gray = new byte[2 * 3];
        byte[] rgb = new byte[2 * 3 * 3];
        for (int i = 0; i < gray.length; i++) gray[i] = (byte) (i * 51);
        for (int i = 0; i < rgb.length; i++) rgb[i] = (byte) (i * 15);

        INDArray grayInput = TrainingRows.input(List.of(new ImagePixels(2, 3, 1, gray), new ImagePixels(2, 3, 1, gray)));
        INDArray rgbInput = TrainingRows.input(List.of(new ImagePixels(2, 3, 3, rgb)));

        assertArrayEquals(new long[]{2, 1, 2, 3}, grayInput.shape());
        assertEquals(255 / 255f, grayInput.getFloat(1, 0, 1, 2), 0f); // pixel (1, 2): byte 5 * 51
        assertEquals(51 / 255f, grayInput.getFloat(0, 0, 0, 1), 0f);
        assertArrayEquals(new long[]{1, 3, 2, 3}, rgbInput.shape());
        // pixel (y 1, x 2) is HWC bytes 15..17: red 225, green 240, blue 255
        assertEquals(225 / 255f, rgbInput.getFloat(0, 0, 1, 2), 0f);
        assertEquals(240 / 255f, rgbInput.getFloat(0, 1, 1, 2), 0f);
        assertEquals(255 / 255f, rgbInput.getFloat(0, 2, 1, 2), 0f);
    }

    @Test
    void floatArraysCopyTheirDataInCOrderWithTheirShape() {
        float[] data = new float[2 * 3 * 4];
        for (int i = 0; i < data.length; i++) data[i] = i * 0.5f - 3f;
        INDArray array = TrainingRows.floats(data, 2, 3, 4);
        assertEquals(DataType.FLOAT, array.dataType());
        assertArrayEquals(new long[]{2, 3, 4}, array.shape());
        assertEquals('c', array.ordering());
        assertEquals(Nd4j.create(data, new long[]{2, 3, 4}, 'c'), array);
        data[0] = 99f;
        assertEquals(-3f, array.getFloat(0, 0, 0), "a copy, not a view of the Java array");
    }
}
