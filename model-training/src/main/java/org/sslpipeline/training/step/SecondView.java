package org.sslpipeline.training.step;

/** The second augmented view a training row carries besides the weak one, if any. */
public enum SecondView {
    /** Only the weak view. */
    NONE,
    /** Another independent weak view (two stochastic passes, e.g. the Pi-model). */
    WEAK,
    /** RandAugment and Cutout (FixMatch's strong view). */
    STRONG
}
