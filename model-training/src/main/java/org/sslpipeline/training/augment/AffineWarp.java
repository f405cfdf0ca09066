package org.sslpipeline.training.augment;

import org.sslpipeline.training.data.ImagePixels;

import java.util.Arrays;

/**
 * Geometric ops by inverse mapping, with the conventions of PIL's {@code Image.transform(AFFINE)}: each output
 * pixel centre (x + 0.5, y + 0.5) is mapped to a source point, which is sampled nearest-neighbour (PIL's default
 * resampling). Output pixels whose source point falls outside the image become gray 128.
 */
final class AffineWarp {
    static final int FILL = 128;

    private AffineWarp() {}

    /** Turns the content counter-clockwise (for positive degrees) about the image centre, like PIL's rotate. */
    static ImagePixels rotate(ImagePixels image, double degrees) {
        double radians = Math.toRadians(degrees);
        double cos = Math.cos(radians);
        double sin = Math.sin(radians);
        double cx = image.width() / 2.0;
        double cy = image.height() / 2.0;
        return warp(image,
                cos, -sin, cx - cos * cx + sin * cy,
                sin, cos, cy - sin * cx - cos * cy);
    }

    /** Source x = x + shear * y, as PIL's affine (1, shear, 0, 0, 1, 0) used by the FixMatch ShearX op. */
    static ImagePixels shearX(ImagePixels image, double shear) {
        return warp(image, 1, shear, 0, 0, 1, 0);
    }

    /** Source y = shear * x + y. */
    static ImagePixels shearY(ImagePixels image, double shear) {
        return warp(image, 1, 0, 0, shear, 1, 0);
    }

    /** Source point = output point + (dx, dy), in pixels; positive values move the content left / up. */
    static ImagePixels translate(ImagePixels image, double dx, double dy) {
        return warp(image, 1, 0, dx, 0, 1, dy);
    }

    /** The source point of output point (x, y) is (a x + b y + c, d x + e y + f). */
    static ImagePixels warp(ImagePixels image, double a, double b, double c, double d, double e, double f) {
        int h = image.height();
        int w = image.width();
        int channels = image.channels();
        byte[] src = image.hwc();
        byte[] out = new byte[src.length];
        Arrays.fill(out, (byte) FILL);
        for (int y = 0; y < h; y++) {
            double py = y + 0.5;
            for (int x = 0; x < w; x++) {
                double px = x + 0.5;
                double sx = Math.floor(a * px + b * py + c);
                double sy = Math.floor(d * px + e * py + f);
                if (sx >= 0 && sx < w && sy >= 0 && sy < h) {
                    System.arraycopy(src, ((int) sy * w + (int) sx) * channels, out, (y * w + x) * channels, channels);
                }
            }
        }
        return new ImagePixels(h, w, channels, out);
    }
}
