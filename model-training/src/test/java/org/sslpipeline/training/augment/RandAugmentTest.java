package org.sslpipeline.training.augment;

import org.junit.jupiter.api.Test;
import org.sslpipeline.training.data.ImagePixels;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RandAugmentTest {
    @Test
    void sameSeedGivesSamePixelsForGrayAndRgb() {
        RandAugment randAugment = new RandAugment();
        for (int channels : new int[]{1, 3}) {
            ImagePixels image = AugmentTestImages.gradientWithSquare(28, 28, channels);
            for (int seed = 0; seed < 20; seed++) {
                assertArrayEquals(randAugment.apply(image, new SplittableRandom(seed)).hwc(),
                        randAugment.apply(image, new SplittableRandom(seed)).hwc());
            }
        }
    }

    @Test
    void differentSeedsGiveDifferentViews() {
        RandAugment randAugment = new RandAugment();
        ImagePixels image = AugmentTestImages.gradientWithSquare(28, 28, 3);
        long distinct = IntStream.range(0, 20)
                .mapToObj(seed -> Arrays.toString(randAugment.apply(image, new SplittableRandom(seed)).hwc()))
                .distinct().count();
        assertTrue(distinct >= 10, "only " + distinct + " distinct views out of 20");
    }

    @Test
    void needsAtLeastOneOp() {
        assertThrows(IllegalArgumentException.class, () -> new RandAugment(0));
    }
}
