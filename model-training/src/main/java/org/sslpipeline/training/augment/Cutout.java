package org.sslpipeline.training.augment;

import org.sslpipeline.training.data.ImagePixels;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Cutout as used in FixMatch's strong augmentation: paints one gray square whose side is drawn uniformly in
 * (0, 0.5] of the image size (the shorter side), centred at a uniformly random point and clipped to the image.
 * The fill 127 is the gray of google-research/fixmatch's PIL cutout and of kekmodel/FixMatch-pytorch
 * (TorchSSL/USB use the CIFAR mean (125, 123, 114) instead, which is not defined for grayscale).
 */
public final class Cutout implements ImageAugmenter {
    private static final long serialVersionUID = 1L;

    static final int FILL = 127;
    static final double MAX_SIDE_FRACTION = 0.5;

    @Override
    public ImagePixels apply(ImagePixels image, SplittableRandom random) {
        int h = image.height();
        int w = image.width();
        int channels = image.channels();
        // 1 - nextDouble() lies in (0, 1], so the side is never 0 and can reach the maximum.
        double side = MAX_SIDE_FRACTION * Math.min(h, w) * (1 - random.nextDouble());
        double centreY = random.nextDouble() * h;
        double centreX = random.nextDouble() * w;
        int top = clampToSize(Math.round(centreY - side / 2), h);
        int bottom = clampToSize(Math.round(centreY + side / 2), h);
        int left = clampToSize(Math.round(centreX - side / 2), w);
        int right = clampToSize(Math.round(centreX + side / 2), w);

        byte[] out = image.hwc().clone();
        for (int y = top; y < bottom; y++) {
            Arrays.fill(out, (y * w + left) * channels, (y * w + right) * channels, (byte) FILL);
        }
        return new ImagePixels(h, w, channels, out);
    }

    private static int clampToSize(long value, int size) {
        return (int) Math.max(0, Math.min(size, value));
    }
}
