package org.sslpipeline.training.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class ImageResizeTest {

    @Test
    void anImageOfTheTargetShapeIsReturnedAsItIs() {
        ImagePixels image = gray(2, 2, 1, 2, 3, 4);
        assertSame(image, ImageResize.to(image, 2, 2, 1));
    }

    @Test
    void shrinkingAveragesTheSourcePixelsEachTargetPixelCovers() {
        ImagePixels image = gray(4, 4,
                0, 4, 100, 100,
                8, 12, 100, 100,
                0, 0, 255, 255,
                0, 0, 255, 251);

        assertArrayEquals(bytes(6, 100, 0, 254), ImageResize.to(image, 2, 2, 1).hwc());
        // 3 -> 2 columns: each target pixel covers one and a half source pixels
        ImagePixels row = gray(1, 3, 30, 60, 90);
        assertArrayEquals(bytes(40, 80), ImageResize.to(row, 1, 2, 1).hwc());
    }

    @Test
    void enlargingInterpolatesBetweenPixelCentres() {
        // target centres fall a quarter pixel inside the source's: clamped at the ends, linear between
        ImagePixels row = gray(1, 2, 0, 200);
        assertArrayEquals(bytes(0, 50, 150, 200), ImageResize.to(row, 1, 4, 1).hwc());
        ImagePixels column = gray(2, 1, 0, 200);
        assertArrayEquals(bytes(0, 50, 150, 200), ImageResize.to(column, 4, 1, 1).hwc());
    }

    @Test
    void rgbBecomesGrayByLumaAndGrayBecomesRgbByRepeating() {
        ImagePixels rgb = new ImagePixels(1, 2, 3, bytes(255, 0, 0, 10, 20, 30));
        assertArrayEquals(bytes(76, 18), ImageResize.to(rgb, 1, 2, 1).hwc()); // 0.299 x 255; 2.99 + 11.74 + 3.42
        ImagePixels repeated = ImageResize.to(gray(1, 1, 77), 1, 1, 3);
        assertEquals(3, repeated.channels());
        assertArrayEquals(bytes(77, 77, 77), repeated.hwc());
    }

    @Test
    void rgbIsResizedChannelByChannel() {
        ImagePixels rgb = new ImagePixels(2, 2, 3, bytes(
                10, 0, 255, 30, 0, 255,
                50, 0, 255, 70, 0, 255));
        assertArrayEquals(bytes(40, 0, 255), ImageResize.to(rgb, 1, 1, 3).hwc());
    }

    private static ImagePixels gray(int height, int width, int... values) {
        return new ImagePixels(height, width, 1, bytes(values));
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) out[i] = (byte) values[i];
        return out;
    }
}
