package org.sslpipeline.training.augment;

import org.sslpipeline.training.data.ImagePixels;

import java.util.SplittableRandom;

/** One image transformation whose strength is given as a fraction of its range. */
@FunctionalInterface
public interface ImageOp {
    /**
     * @param magnitude01 0 is the mildest setting of the op's range, 1 the strongest
     * @param random      source of any further randomness, such as the direction of a symmetric op
     */
    ImagePixels apply(ImagePixels image, double magnitude01, SplittableRandom random);
}
