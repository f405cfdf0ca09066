package org.sslpipeline.training.nn;

import java.util.List;

/**
 * What a saved model is, stored inside its zip ({@value ModelFiles#DESCRIPTION_ENTRY}) so that the file alone is
 * enough to label images: the classes its outputs stand for, the input it takes and how pixels become that input,
 * and how it was made.
 *
 * @param classNames    class names by output index
 * @param height        input image height
 * @param width         input image width
 * @param channels      input channels: 1 (grayscale) or 3 (RGB)
 * @param normalisation how 8-bit pixels become the network's input
 * @param network       the architecture's name (model.network)
 * @param algorithm     what trained it (train.algorithm, or "noisy-student student")
 * @param corpus        the corpus it was trained on
 * @param codeVersion   the build that trained it
 * @param config        the run's resolved HOCON config
 */
public record ModelDescription(List<String> classNames, int height, int width, int channels, String normalisation,
                               String network, String algorithm, String corpus, String codeVersion, String config) {
    /** What {@code TrainingRows.input} does to pixels. */
    public static final String PIXELS_OVER_255 = "pixel / 255 in [0, 1], NCHW, RGB order";

    public ModelDescription {
        classNames = List.copyOf(classNames);
    }

    /** The input shape as the corpus manifests write it: HxWxC. */
    public String inputShape() {
        return height + "x" + width + "x" + channels;
    }
}
