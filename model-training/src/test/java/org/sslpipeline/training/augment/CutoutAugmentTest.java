package org.sslpipeline.training.augment;

import org.junit.jupiter.api.Test;
import org.sslpipeline.training.data.ImagePixels;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CutoutAugmentTest {
    private final Cutout cutout = new Cutout();

    @Test
    void paintsOneClippedGraySquareAndNothingElse() {
        int size = 28;
        int paintedViews = 0;
        int maxSidePainted = 0;
        for (int channels : new int[]{1, 3}) {
            ImagePixels image = AugmentTestImages.gradientWithSquare(size, size, channels);
            for (int seed = 0; seed < 200; seed++) {
                ImagePixels out = cutout.apply(image, new SplittableRandom(seed));
                int top = size, bottom = -1, left = size, right = -1;
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        for (int c = 0; c < channels; c++) {
                            if (out.at(y, x, c) == Cutout.FILL) {
                                top = Math.min(top, y);
                                bottom = Math.max(bottom, y);
                                left = Math.min(left, x);
                                right = Math.max(right, x);
                            } else {
                                assertEquals(image.at(y, x, c), out.at(y, x, c), "changed outside the square");
                            }
                        }
                    }
                }
                if (bottom < 0) {
                    continue; // sides under a pixel (1 in 14 draws here) can round to nothing
                }
                paintedViews++;
                for (int y = top; y <= bottom; y++) {
                    for (int x = left; x <= right; x++) {
                        for (int c = 0; c < channels; c++) {
                            assertEquals(Cutout.FILL, out.at(y, x, c), "hole in the square, seed " + seed);
                        }
                    }
                }
                int height = bottom - top + 1;
                int width = right - left + 1;
                boolean clipped = top == 0 || left == 0 || bottom == size - 1 || right == size - 1;
                assertTrue(height <= size / 2 + 1 && width <= size / 2 + 1, height + "x" + width);
                assertTrue(clipped || Math.abs(height - width) <= 1, "not square: " + height + "x" + width);
                maxSidePainted = Math.max(maxSidePainted, Math.max(height, width));
            }
        }
        assertTrue(paintedViews > 340, "only " + paintedViews + " of 400 views were painted");
        assertTrue(maxSidePainted >= size / 2 - 1, "largest square was only " + maxSidePainted);
    }

    @Test
    void sameSeedSamePixels() {
        ImagePixels image = AugmentTestImages.gradientWithSquare(32, 32, 3);
        assertArrayEquals(cutout.apply(image, new SplittableRandom(9)).hwc(),
                cutout.apply(image, new SplittableRandom(9)).hwc());
    }
}
