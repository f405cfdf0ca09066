package org.sslpipeline.training.step;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The consistency loss of the Pi-model and Mean Teacher: {@code weight * mean over rows and classes of
 * (softmax(a) - softmax(b))^2}, with its gradients with respect to both sets of logits.
 */
record SoftmaxSquaredDifference(double value, INDArray gradientA, INDArray gradientB) {

    static SoftmaxSquaredDifference of(INDArray logitsA, INDArray logitsB, double weight) {
        INDArray pA = SoftmaxCrossEntropy.softmax(logitsA);
        INDArray pB = SoftmaxCrossEntropy.softmax(logitsB);
        INDArray difference = pA.sub(pB);
        double scale = 1.0 / ((double) logitsA.size(0) * logitsA.size(1));
        double meanSquare = difference.mul(difference).sumNumber().doubleValue() * scale;
        // d/dpA = 2 (pA - pB) * scale = -d/dpB, then back through each softmax
        INDArray dP = difference.muli(2.0 * scale * weight);
        return new SoftmaxSquaredDifference(weight * meanSquare,
                SoftmaxCrossEntropy.backThroughSoftmax(pA, dP), SoftmaxCrossEntropy.backThroughSoftmax(pB, dP.neg()));
    }
}
