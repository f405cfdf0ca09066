package org.sslpipeline.training.nn;

import java.util.List;

/**
 * What a network must accept and produce.
 *
 * @param height   input image height
 * @param width    input image width
 * @param channels input channels (1 or 3)
 * @param numClasses number of classes K (size of the logits output)
 * @param widthMultiplier channel multiplier of the architecture (1 = its reference width)
 * @param dropout  dropout probability before the classifier (0 = none)
 * @param stochasticDepth drop probability of the last residual block in training (0 = none); block l of L drops
 *                 with probability l/L times this (the linear decay of Huang et al. 2016; Noisy Student uses 0.2).
 *                 Networks without residual blocks (the small CNN) ignore it.
 * @param seed     weight initialisation seed
 * @param heads    heads beside the classifier that the algorithm trains (e.g. OpenMatch's one-vs-all heads)
 */
public record NetworkSpec(int height, int width, int channels, int numClasses, int widthMultiplier,
                          double dropout, double stochasticDepth, long seed, List<NetworkHead> heads) {
    public NetworkSpec {
        heads = List.copyOf(heads);
        if (height <= 0 || width <= 0) throw new IllegalArgumentException("input size must be positive");
        if (channels != 1 && channels != 3) throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        if (numClasses < 2) throw new IllegalArgumentException("need at least 2 classes, got " + numClasses);
        if (widthMultiplier < 1) throw new IllegalArgumentException("width multiplier must be >= 1, got " + widthMultiplier);
        if (dropout < 0 || dropout >= 1) throw new IllegalArgumentException("dropout must be in [0,1), got " + dropout);
        if (!(stochasticDepth >= 0 && stochasticDepth < 1)) {
            throw new IllegalArgumentException("stochastic depth must be in [0,1), got " + stochasticDepth);
        }
    }

    /** Without extra heads. */
    public NetworkSpec(int height, int width, int channels, int numClasses, int widthMultiplier, double dropout,
                       double stochasticDepth, long seed) {
        this(height, width, channels, numClasses, widthMultiplier, dropout, stochasticDepth, seed, List.of());
    }

    /** Without stochastic depth and extra heads. */
    public NetworkSpec(int height, int width, int channels, int numClasses, int widthMultiplier, double dropout, long seed) {
        this(height, width, channels, numClasses, widthMultiplier, dropout, 0.0, seed);
    }
}
