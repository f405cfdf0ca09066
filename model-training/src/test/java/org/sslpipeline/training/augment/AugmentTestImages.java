package org.sslpipeline.training.augment;

import org.sslpipeline.training.data.ImagePixels;

/** Generated test images: a diagonal gradient per channel plus a bright square, never using the value 127. */
final class AugmentTestImages {
    private AugmentTestImages() {}

    static ImagePixels gradientWithSquare(int height, int width, int channels) {
        byte[] hwc = new byte[height * width * channels];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean inSquare = y >= height / 4 && y < height / 2 && x >= width / 4 && x < width / 2;
                for (int c = 0; c < channels; c++) {
                    // channels differ so that RGB images are colourful; values stay in [20, 200] outside the square
                    int value = inSquare ? 250 - 40 * c : 20 + (180 * (x + (c + 1) * y)) / ((c + 2) * (width + height));
                    hwc[(y * width + x) * channels + c] = (byte) (value == Cutout.FILL ? value + 1 : value);
                }
            }
        }
        return new ImagePixels(height, width, channels, hwc);
    }
}
