package org.sslpipeline.training.step;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * The consistency loss of the Pi-model, Mean Teacher and Temporal Ensembling: {@code weight * mean over rows and
 * classes of (softmax(a) - b)^2}, b being softmax(b-logits) or fixed target probabilities, with its gradients.
 *
 * @param gradientB the gradient with respect to the b-logits; null when b are fixed targets
 */
record SoftmaxSquaredDifference(double value, INDArray gradientA, INDArray gradientB) {

    /** The terms a step logs: this difference before weighting, and the weight. */
    Map<String, Double> terms(double weight) {
        return Map.of("consistency", weight == 0 ? 0.0 : value / weight, "weight", weight);
    }

    /**
     * Towards constant targets: only rows with mask 1 count (the mean still runs over all rows and classes).
     *
     * @param mask [n, 1] of 0 and 1; null counts every row
     */
    static SoftmaxSquaredDifference towards(INDArray logits, INDArray targets, INDArray mask, double weight) {
        INDArray p = SoftmaxCrossEntropy.softmax(logits);
        INDArray difference = p.sub(targets.castTo(p.dataType()));
        if (mask != null) difference.muliColumnVector(mask.castTo(p.dataType()));
        double scale = 1.0 / ((double) logits.size(0) * logits.size(1));
        double meanSquare = difference.mul(difference).sumNumber().doubleValue() * scale;
        return new SoftmaxSquaredDifference(weight * meanSquare,
                SoftmaxCrossEntropy.backThroughSoftmax(p, difference.muli(2.0 * scale * weight)), null);
    }

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
