package org.sslpipeline.training.data;

import java.io.Serializable;
import java.util.Objects;

/**
 * One decoded image: 8-bit pixels in height-width-channel order (channels 1 or 3).
 * Kept as bytes, not ND4J arrays, so that Spark can cache and ship it cheaply.
 */
public final class ImagePixels implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int height;
    private final int width;
    private final int channels;
    private final byte[] hwc;

    public ImagePixels(int height, int width, int channels, byte[] hwc) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + height + "x" + width);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("images must have 1 or 3 channels, got " + channels);
        }
        Objects.requireNonNull(hwc, "pixels");
        if (hwc.length != height * width * channels) {
            throw new IllegalArgumentException("expected " + height * width * channels + " pixel bytes for "
                    + height + "x" + width + "x" + channels + ", got " + hwc.length);
        }
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.hwc = hwc;
    }

    public int height() { return height; }
    public int width() { return width; }
    public int channels() { return channels; }

    /** The raw pixel bytes (HWC order). Callers must not modify them. */
    public byte[] hwc() { return hwc; }

    /** Pixel value 0..255 at (y, x, c). */
    public int at(int y, int x, int c) {
        return hwc[(y * width + x) * channels + c] & 0xFF;
    }
}
