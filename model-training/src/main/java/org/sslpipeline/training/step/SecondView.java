package org.sslpipeline.training.step;

/** The augmented views a training row carries besides the weak one, if any. */
public enum SecondView {
    /** Only the weak view. */
    NONE,
    /** Another independent weak view (two stochastic passes, e.g. the Pi-model). */
    WEAK,
    /** RandAugment and Cutout (FixMatch's strong view). */
    STRONG,
    /** Another weak view, then a strong one (OpenMatch: two weak views for its consistency, a strong one for FixMatch). */
    WEAK_AND_STRONG
}
