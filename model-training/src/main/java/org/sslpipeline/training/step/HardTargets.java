package org.sslpipeline.training.step;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Hard pseudo-labels from logits: the argmax as a one-hot target and the confidence (max probability). Both are
 * constants of the loss (no gradient flows through them), which is what stop-gradient means here.
 */
public record HardTargets(INDArray oneHot, INDArray confidence) {

    public static HardTargets of(INDArray logits) {
        INDArray probabilities = SoftmaxCrossEntropy.softmax(logits);
        INDArray confidence = probabilities.max(true, 1);
        INDArray argmax = probabilities.argMax(1);
        INDArray oneHot = Nd4j.zerosLike(logits);
        for (int i = 0; i < logits.size(0); i++) {
            oneHot.putScalar(i, argmax.getInt(i), 1.0);
        }
        return new HardTargets(oneHot, confidence);
    }

    /** [n, 1]: 1 where the confidence reaches the threshold, else 0. */
    public INDArray confident(double threshold) {
        return confidence.gte(threshold).castTo(confidence.dataType());
    }
}
