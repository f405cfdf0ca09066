package org.sslpipeline.training.augment;

import org.sslpipeline.training.data.ImagePixels;

import java.util.SplittableRandom;

/**
 * The 14 RandAugment ops of FixMatch with their magnitude ranges.
 *
 * <p>Ranges are those of {@code augment_list()} in TorchSSL / USB {@code randaugment.py}, which match the
 * FixMatch paper's table of RandAugment transformations. In particular, brightness, color, contrast and sharpness
 * use PIL ImageEnhance factors in [0.05, 0.95], i.e. they only ever weaken (darken, desaturate, flatten, blur);
 * google-research/fixmatch's own RandAugment pool uses [0.1, 1.9] instead.
 *
 * <p>A magnitude of 1 is the far end of the range from the identity. Because RandAugment draws the magnitude
 * uniformly, each parameter is still uniform over its range. Symmetric ops (rotate, shear, translate) draw a sign
 * with equal probability, which makes e.g. the angle uniform in [-30, 30] as in TorchSSL.
 *
 * <p>Unlike TorchSSL, whose PIL calls leave uncovered pixels black, geometric ops fill them with gray 128.
 */
public enum RandAugmentOp implements ImageOp {
    IDENTITY((image, m, random) -> image),
    AUTO_CONTRAST((image, m, random) -> ToneCurves.autoContrast(image)),
    EQUALIZE((image, m, random) -> ToneCurves.equalize(image)),
    /** angle in [-30, 30] degrees */
    ROTATE((image, m, random) -> AffineWarp.rotate(image, signed(30 * m, random))),
    /** threshold in [0, 256]; values at or above it are inverted */
    SOLARIZE((image, m, random) -> ToneCurves.solarize(image, 256 * (1 - m))),
    /** saturation factor in [0.05, 0.95]; identity on grayscale */
    COLOR((image, m, random) -> Enhancements.color(image, weakeningFactor(m))),
    /** keeps 4 to 7 bits, each equally likely (TorchSSL: int(uniform(4, 8))) */
    POSTERIZE((image, m, random) -> ToneCurves.posterize(image, 7 - Math.min(3, (int) (4 * m)))),
    /** factor in [0.05, 0.95] */
    CONTRAST((image, m, random) -> Enhancements.contrast(image, weakeningFactor(m))),
    /** factor in [0.05, 0.95] */
    BRIGHTNESS((image, m, random) -> Enhancements.brightness(image, weakeningFactor(m))),
    /** factor in [0.05, 0.95] */
    SHARPNESS((image, m, random) -> Enhancements.sharpness(image, weakeningFactor(m))),
    /** shear in [-0.3, 0.3] */
    SHEAR_X((image, m, random) -> AffineWarp.shearX(image, signed(0.3 * m, random))),
    /** shear in [-0.3, 0.3] */
    SHEAR_Y((image, m, random) -> AffineWarp.shearY(image, signed(0.3 * m, random))),
    /** shift in [-0.3, 0.3] of the width */
    TRANSLATE_X((image, m, random) -> AffineWarp.translate(image, signed(0.3 * m, random) * image.width(), 0)),
    /** shift in [-0.3, 0.3] of the height */
    TRANSLATE_Y((image, m, random) -> AffineWarp.translate(image, 0, signed(0.3 * m, random) * image.height()));

    private final ImageOp op;

    RandAugmentOp(ImageOp op) {
        this.op = op;
    }

    @Override
    public ImagePixels apply(ImagePixels image, double magnitude01, SplittableRandom random) {
        if (!(magnitude01 >= 0 && magnitude01 <= 1)) {
            throw new IllegalArgumentException("magnitude must be in [0, 1], got " + magnitude01);
        }
        return op.apply(image, magnitude01, random);
    }

    private static double signed(double magnitude, SplittableRandom random) {
        return random.nextBoolean() ? magnitude : -magnitude;
    }

    /** Enhance factor from 0.95 (magnitude 0) down to 0.05 (magnitude 1). */
    private static double weakeningFactor(double magnitude01) {
        return 0.05 + 0.9 * (1 - magnitude01);
    }
}
