package org.sslpipeline.training.augment;

import org.sslpipeline.training.data.ImagePixels;

import java.util.Arrays;

/**
 * The four PIL ImageEnhance operations. Each blends the image with a "degenerate" version of itself:
 * {@code out = degenerate + factor * (image - degenerate)}, so factor 1 returns the image, 0 the degenerate
 * image, and factors above 1 push away from it.
 */
final class Enhancements {
    private Enhancements() {}

    /** Degenerate image: black. */
    static ImagePixels brightness(ImagePixels image, double factor) {
        return blend(image, new byte[image.hwc().length], factor);
    }

    /** Degenerate image: flat gray at the image's mean luminance. */
    static ImagePixels contrast(ImagePixels image, double factor) {
        byte[] luminance = luminance(image);
        long sum = 0;
        for (byte v : luminance) {
            sum += v & 0xFF;
        }
        byte mean = (byte) Math.round((double) sum / luminance.length);
        byte[] flat = new byte[image.hwc().length];
        Arrays.fill(flat, mean);
        return blend(image, flat, factor);
    }

    /** Degenerate image: the luminance copied to every channel. A grayscale image has no color to change. */
    static ImagePixels color(ImagePixels image, double factor) {
        if (image.channels() == 1) {
            return image;
        }
        byte[] luminance = luminance(image);
        byte[] gray = new byte[image.hwc().length];
        for (int p = 0; p < luminance.length; p++) {
            gray[3 * p] = gray[3 * p + 1] = gray[3 * p + 2] = luminance[p];
        }
        return blend(image, gray, factor);
    }

    /**
     * Degenerate image: the image smoothed by PIL's SMOOTH kernel (centre weight 5, neighbours 1, over 13),
     * with the one-pixel border left as it is, as PIL does.
     */
    static ImagePixels sharpness(ImagePixels image, double factor) {
        int h = image.height();
        int w = image.width();
        int channels = image.channels();
        byte[] smooth = image.hwc().clone();
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                for (int c = 0; c < channels; c++) {
                    int sum = 4 * image.at(y, x, c);
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            sum += image.at(y + dy, x + dx, c);
                        }
                    }
                    smooth[(y * w + x) * channels + c] = (byte) Math.round(sum / 13.0);
                }
            }
        }
        return blend(image, smooth, factor);
    }

    /** ITU-R 601 luma, one value per pixel; for a grayscale image, the image itself. */
    static byte[] luminance(ImagePixels image) {
        if (image.channels() == 1) {
            return image.hwc();
        }
        byte[] hwc = image.hwc();
        byte[] out = new byte[hwc.length / 3];
        for (int p = 0; p < out.length; p++) {
            double luma = 0.299 * (hwc[3 * p] & 0xFF) + 0.587 * (hwc[3 * p + 1] & 0xFF) + 0.114 * (hwc[3 * p + 2] & 0xFF);
            out[p] = (byte) ToneCurves.clamp((int) Math.round(luma));
        }
        return out;
    }

    private static ImagePixels blend(ImagePixels image, byte[] degenerate, double factor) {
        byte[] src = image.hwc();
        byte[] out = new byte[src.length];
        for (int i = 0; i < src.length; i++) {
            int base = degenerate[i] & 0xFF;
            out[i] = (byte) ToneCurves.clamp((int) Math.round(base + factor * ((src[i] & 0xFF) - base)));
        }
        return new ImagePixels(image.height(), image.width(), image.channels(), out);
    }
}
