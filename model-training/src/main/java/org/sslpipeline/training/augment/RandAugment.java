package org.sslpipeline.training.augment;

import org.sslpipeline.training.data.ImagePixels;

import java.util.SplittableRandom;

/**
 * RandAugment with random magnitude, as in FixMatch: a fixed number of ops drawn uniformly from
 * {@link RandAugmentOp}, with replacement (the same op may be drawn twice), each with its own magnitude drawn
 * uniformly from its range.
 */
public final class RandAugment implements ImageAugmenter {
    private static final long serialVersionUID = 1L;

    /** google-research/fixmatch's RandAugment pool uses 2 ops; TorchSSL and USB use 3. */
    public static final int FIXMATCH_OPS_PER_IMAGE = 2;

    private static final RandAugmentOp[] OPS = RandAugmentOp.values();

    private final int opsPerImage;

    public RandAugment() {
        this(FIXMATCH_OPS_PER_IMAGE);
    }

    public RandAugment(int opsPerImage) {
        if (opsPerImage < 1) {
            throw new IllegalArgumentException("RandAugment needs at least one op per image, got " + opsPerImage);
        }
        this.opsPerImage = opsPerImage;
    }

    @Override
    public ImagePixels apply(ImagePixels image, SplittableRandom random) {
        ImagePixels out = image;
        for (int i = 0; i < opsPerImage; i++) {
            RandAugmentOp op = OPS[random.nextInt(OPS.length)];
            out = op.apply(out, random.nextDouble(), random);
        }
        return out;
    }
}
