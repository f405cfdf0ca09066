package org.sslpipeline.training.augment;

import org.junit.jupiter.api.Test;
import org.sslpipeline.training.data.ImagePixels;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RandAugmentOpTest {
    private static final double[] MAGNITUDES = {0, 0.1, 0.25, 0.5, 0.75, 0.9, 1};

    @Test
    void everyOpKeepsShapeAndLeavesItsInputAloneAtEveryMagnitude() {
        for (int channels : new int[]{1, 3}) {
            ImagePixels image = AugmentTestImages.gradientWithSquare(20, 28, channels);
            byte[] before = image.hwc().clone();
            for (RandAugmentOp op : RandAugmentOp.values()) {
                for (double m : MAGNITUDES) {
                    for (int seed = 0; seed < 3; seed++) {
                        ImagePixels out = op.apply(image, m, new SplittableRandom(seed));
                        String what = op + " m=" + m + " channels=" + channels;
                        assertEquals(20, out.height(), what);
                        assertEquals(28, out.width(), what);
                        assertEquals(channels, out.channels(), what);
                        assertEquals(20 * 28 * channels, out.hwc().length, what);
                        assertArrayEquals(before, image.hwc(), what + " modified its input");
                    }
                }
            }
        }
    }

    @Test
    void everyNonIdentityOpChangesTheImageAtFullMagnitude() {
        for (int channels : new int[]{1, 3}) {
            ImagePixels image = AugmentTestImages.gradientWithSquare(28, 28, channels);
            for (RandAugmentOp op : RandAugmentOp.values()) {
                boolean colorOnGray = op == RandAugmentOp.COLOR && channels == 1;
                if (op == RandAugmentOp.IDENTITY || colorOnGray) {
                    continue;
                }
                boolean changed = false;
                for (int seed = 0; seed < 5 && !changed; seed++) {
                    changed = !Arrays.equals(image.hwc(), op.apply(image, 1, new SplittableRandom(seed)).hwc());
                }
                assertTrue(changed, op + " left a " + channels + "-channel image unchanged");
            }
        }
    }

    @Test
    void identityAndColorOnGrayscaleReturnTheImage() {
        ImagePixels gray = AugmentTestImages.gradientWithSquare(8, 8, 1);
        assertSame(gray, RandAugmentOp.IDENTITY.apply(gray, 1, new SplittableRandom(1)));
        assertSame(gray, RandAugmentOp.COLOR.apply(gray, 1, new SplittableRandom(1)));
        ImagePixels rgb = AugmentTestImages.gradientWithSquare(8, 8, 3);
        assertNotSame(rgb, RandAugmentOp.COLOR.apply(rgb, 1, new SplittableRandom(1)));
    }

    @Test
    void geometricOpsAtZeroMagnitudeAreTheIdentity() {
        ImagePixels image = AugmentTestImages.gradientWithSquare(17, 23, 3);
        for (RandAugmentOp op : new RandAugmentOp[]{RandAugmentOp.ROTATE, RandAugmentOp.SHEAR_X, RandAugmentOp.SHEAR_Y,
                RandAugmentOp.TRANSLATE_X, RandAugmentOp.TRANSLATE_Y}) {
            assertArrayEquals(image.hwc(), op.apply(image, 0, new SplittableRandom(3)).hwc(), op.toString());
        }
    }

    @Test
    void fullTranslationShiftsByThirtyPercentAndFillsWithGray() {
        ImagePixels image = AugmentTestImages.gradientWithSquare(10, 10, 1);
        for (int seed = 0; seed < 4; seed++) {
            ImagePixels out = RandAugmentOp.TRANSLATE_X.apply(image, 1, new SplittableRandom(seed));
            boolean movedLeft = out.at(0, 0, 0) == image.at(0, 3, 0);
            for (int y = 0; y < 10; y++) {
                for (int x = 0; x < 10; x++) {
                    int source = movedLeft ? x + 3 : x - 3;
                    int expected = source >= 0 && source < 10 ? image.at(y, source, 0) : AffineWarp.FILL;
                    assertEquals(expected, out.at(y, x, 0), "seed " + seed + " at " + y + "," + x);
                }
            }
        }
    }

    @Test
    void quarterTurnRotatesCounterClockwiseAroundTheCentre() {
        ImagePixels image = AugmentTestImages.gradientWithSquare(6, 6, 1);
        ImagePixels out = AffineWarp.rotate(image, 90);
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 6; x++) {
                // counter-clockwise: the right column becomes the top row
                assertEquals(image.at(x, 5 - y, 0), out.at(y, x, 0), "at " + y + "," + x);
            }
        }
    }

    @Test
    void toneOpsAtFullMagnitudeDoWhatTheirNamesSay() {
        ImagePixels image = AugmentTestImages.gradientWithSquare(12, 12, 3);
        SplittableRandom random = new SplittableRandom(0);
        ImagePixels solarized = RandAugmentOp.SOLARIZE.apply(image, 1, random);
        ImagePixels posterized = RandAugmentOp.POSTERIZE.apply(image, 1, random);
        ImagePixels darkened = RandAugmentOp.BRIGHTNESS.apply(image, 1, random);
        ImagePixels stretched = RandAugmentOp.AUTO_CONTRAST.apply(image, 1, random);
        int[] stretchedHistogram = ToneCurves.histograms(stretched)[0];
        assertTrue(stretchedHistogram[0] > 0 && stretchedHistogram[255] > 0);
        for (int i = 0; i < image.hwc().length; i++) {
            int v = image.hwc()[i] & 0xFF;
            assertEquals(255 - v, solarized.hwc()[i] & 0xFF);
            assertEquals(v & 0xF0, posterized.hwc()[i] & 0xFF);
            assertEquals(Math.round(0.05 * v), darkened.hwc()[i] & 0xFF);
        }
    }

    @Test
    void fullColorReductionLeavesAlmostGray() {
        ImagePixels rgb = AugmentTestImages.gradientWithSquare(12, 12, 3);
        ImagePixels out = RandAugmentOp.COLOR.apply(rgb, 1, new SplittableRandom(0));
        for (int y = 0; y < 12; y++) {
            for (int x = 0; x < 12; x++) {
                int spreadBefore = Math.abs(rgb.at(y, x, 0) - rgb.at(y, x, 2));
                int spreadAfter = Math.abs(out.at(y, x, 0) - out.at(y, x, 2));
                assertTrue(spreadAfter <= Math.ceil(0.05 * spreadBefore) + 1, "at " + y + "," + x);
            }
        }
    }

    @Test
    void magnitudeOutsideTheUnitIntervalIsRejected() {
        ImagePixels image = AugmentTestImages.gradientWithSquare(4, 4, 1);
        assertThrows(IllegalArgumentException.class, () -> RandAugmentOp.ROTATE.apply(image, 1.5, new SplittableRandom(0)));
        assertThrows(IllegalArgumentException.class, () -> RandAugmentOp.ROTATE.apply(image, Double.NaN, new SplittableRandom(0)));
    }
}
