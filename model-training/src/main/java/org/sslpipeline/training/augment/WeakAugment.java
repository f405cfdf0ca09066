package org.sslpipeline.training.augment;

import org.sslpipeline.training.data.ImagePixels;

import java.util.SplittableRandom;

/**
 * The weak augmentation of FixMatch: a horizontal flip with probability 1/2 and a random translation of up
 * to 12.5% of each side, the uncovered border filled by reflection.
 */
public final class WeakAugment implements ImageAugmenter {
    private static final long serialVersionUID = 1L;
    private static final double MAX_SHIFT_FRACTION = 0.125;

    @Override
    public ImagePixels apply(ImagePixels image, SplittableRandom random) {
        int h = image.height();
        int w = image.width();
        int c = image.channels();
        boolean flip = random.nextBoolean();
        int maxDy = (int) Math.round(h * MAX_SHIFT_FRACTION);
        int maxDx = (int) Math.round(w * MAX_SHIFT_FRACTION);
        int dy = random.nextInt(-maxDy, maxDy + 1);
        int dx = random.nextInt(-maxDx, maxDx + 1);
        byte[] src = image.hwc();
        byte[] out = new byte[src.length];
        for (int y = 0; y < h; y++) {
            int sy = reflect(y - dy, h);
            for (int x = 0; x < w; x++) {
                int sx = reflect(x - dx, w);
                if (flip) {
                    sx = w - 1 - sx;
                }
                System.arraycopy(src, (sy * w + sx) * c, out, (y * w + x) * c, c);
            }
        }
        return new ImagePixels(h, w, c, out);
    }

    /** Mirror an index that fell outside [0, n) back inside, without repeating the edge pixel. */
    static int reflect(int i, int n) {
        if (n == 1) return 0;
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }
}
