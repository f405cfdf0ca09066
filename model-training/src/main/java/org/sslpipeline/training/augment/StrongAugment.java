package org.sslpipeline.training.augment;

import org.sslpipeline.training.data.ImagePixels;

import java.util.SplittableRandom;

/**
 * The strong augmentation of FixMatch: the weak flip and translation, then RandAugment (2 ops, random
 * magnitude), then Cutout. The order follows USB's strong transform (crop, flip, RandAugment ending in Cutout)
 * and google-research/fixmatch, which also applies its flip and shift to the strongly augmented view.
 */
public final class StrongAugment implements ImageAugmenter {
    private static final long serialVersionUID = 1L;

    private final ImageAugmenter weak = new WeakAugment();
    private final ImageAugmenter randAugment = new RandAugment(RandAugment.FIXMATCH_OPS_PER_IMAGE);
    private final ImageAugmenter cutout = new Cutout();

    @Override
    public ImagePixels apply(ImagePixels image, SplittableRandom random) {
        ImagePixels out = weak.apply(image, random);
        out = randAugment.apply(out, random);
        return cutout.apply(out, random);
    }
}
