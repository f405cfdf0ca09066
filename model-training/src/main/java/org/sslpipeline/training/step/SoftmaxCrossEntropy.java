package org.sslpipeline.training.step;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Cross-entropy between softmax(logits) and target distributions, weighted per row:
 * {@code L = sum_i w_i * (-sum_k t_ik log softmax(z_i)_k) / normalizer}, with its exact gradient
 * {@code dL/dz_i = w_i * (softmax(z_i) * sum_k t_ik - t_i) / normalizer}.
 */
public final class SoftmaxCrossEntropy {
    private SoftmaxCrossEntropy() {}

    public record Result(double value, INDArray gradient) {}

    /**
     * @param logits     [n, K]
     * @param targets    [n, K] one-hot or soft targets (rows may be all zero)
     * @param rowWeights [n, 1] weights (0 masks a row out)
     * @param normalizer the loss is divided by this (e.g. batch size or number of labeled rows); > 0
     */
    public static Result of(INDArray logits, INDArray targets, INDArray rowWeights, double normalizer) {
        if (normalizer <= 0) throw new IllegalArgumentException("normalizer must be > 0, got " + normalizer);
        INDArray shifted = logits.subColumnVector(logits.max(true, 1));
        INDArray exp = Transforms.exp(shifted, true);
        INDArray sumExp = exp.sum(true, 1);
        INDArray logSoftmax = shifted.subColumnVector(Transforms.log(sumExp, true));
        INDArray softmax = exp.diviColumnVector(sumExp);

        INDArray rowLoss = targets.mul(logSoftmax).sum(true, 1).negi();
        double value = rowLoss.muli(rowWeights).sumNumber().doubleValue() / normalizer;

        INDArray targetMass = targets.sum(true, 1);
        INDArray gradient = softmax.muliColumnVector(targetMass).subi(targets)
                .muliColumnVector(rowWeights).divi(normalizer);
        return new Result(value, gradient);
    }

    /** Cross-entropy of the batch's labeled rows against their labels, averaged over those rows (0 when there are none). */
    public static Result onLabeledRows(INDArray logits, TrainingBatch batch) {
        INDArray labeled = batch.labeledMask();
        return of(logits, batch.labels(), labeled, Math.max(1.0, labeled.sumNumber().doubleValue()));
    }

    /** Given p = softmax(z) and dL/dp, returns dL/dz = p * (dL/dp - sum_k p_k dL/dp_k), row-wise. */
    public static INDArray backThroughSoftmax(INDArray probabilities, INDArray errorOfProbabilities) {
        INDArray dot = probabilities.mul(errorOfProbabilities).sum(true, 1);
        return errorOfProbabilities.subColumnVector(dot).muli(probabilities);
    }

    /**
     * Row-wise softmax as Java arrays, computed in Java: for a batch of a few hundred rows, ND4J's cost per op and
     * per row view is many times the arithmetic (the pseudo-label job spent more time here than decoding).
     */
    public static float[][] softmaxRows(INDArray logits) {
        int rows = (int) logits.rows();
        int classes = (int) logits.columns();
        float[] flat = logits.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[][] out = new float[rows][classes];
        double[] exp = new double[classes];
        for (int r = 0; r < rows; r++) {
            int base = r * classes;
            float max = flat[base];
            for (int c = 1; c < classes; c++) max = Math.max(max, flat[base + c]);
            double sum = 0;
            for (int c = 0; c < classes; c++) sum += exp[c] = Math.exp(flat[base + c] - max);
            for (int c = 0; c < classes; c++) out[r][c] = (float) (exp[c] / sum);
        }
        return out;
    }

    /** Row-wise softmax of logits [n, K]. */
    public static INDArray softmax(INDArray logits) {
        INDArray exp = Transforms.exp(logits.subColumnVector(logits.max(true, 1)), true);
        return exp.diviColumnVector(exp.sum(true, 1));
    }
}
