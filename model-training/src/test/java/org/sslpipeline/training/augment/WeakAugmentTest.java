package org.sslpipeline.training.augment;

import org.junit.jupiter.api.Test;
import org.sslpipeline.training.SyntheticImages;
import org.sslpipeline.training.data.ImagePixels;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WeakAugmentTest {
    private final WeakAugment weak = new WeakAugment();

    @Test
    void sameSeedSamePixelsAndShapeKept() {
        for (int channels : new int[]{1, 3}) {
            ImagePixels image = SyntheticImages.bars(1, 2, 16, channels, 1).get(0).pixels();
            ImagePixels a = weak.apply(image, new SplittableRandom(42));
            ImagePixels b = weak.apply(image, new SplittableRandom(42));
            assertArrayEquals(a.hwc(), b.hwc());
            assertEquals(image.height(), a.height());
            assertEquals(image.width(), a.width());
            assertEquals(channels, a.channels());
        }
    }

    @Test
    void differentSeedsGiveDifferentViews() {
        ImagePixels image = SyntheticImages.bars(1, 2, 16, 1, 1).get(0).pixels();
        boolean anyDifferent = false;
        for (int seed = 0; seed < 10; seed++) {
            anyDifferent |= !java.util.Arrays.equals(weak.apply(image, new SplittableRandom(seed)).hwc(),
                    weak.apply(image, new SplittableRandom(seed + 100)).hwc());
        }
        assertTrue(anyDifferent);
    }

    @Test
    void reflectionStaysInsideAndMirrorsWithoutRepeatingTheEdge() {
        assertEquals(1, WeakAugment.reflect(-1, 5));
        assertEquals(3, WeakAugment.reflect(5, 5));
        assertEquals(0, WeakAugment.reflect(8, 5));
        for (int i = -20; i < 20; i++) {
            int r = WeakAugment.reflect(i, 7);
            assertFalse(r < 0 || r >= 7);
        }
    }
}
