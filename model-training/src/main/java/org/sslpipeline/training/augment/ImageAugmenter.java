package org.sslpipeline.training.augment;

import org.sslpipeline.training.data.ImagePixels;

import java.io.Serializable;
import java.util.SplittableRandom;

/** Turns one image into one randomly augmented view, drawing randomness only from the given generator. */
public interface ImageAugmenter extends Serializable {
    ImagePixels apply(ImagePixels image, SplittableRandom random);
}
