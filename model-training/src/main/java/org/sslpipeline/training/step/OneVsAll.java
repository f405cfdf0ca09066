package org.sslpipeline.training.step;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * OpenMatch's one-vs-all heads (Saito, Kim and Saenko, NeurIPS 2021) and their losses, with exact gradients. The OVA
 * output of a row has 2K logits: the first K score "not class k" (outlier), the last K "class k" (inlier), as in the
 * reference code's {@code view(B, 2, K)}; a softmax over each pair gives p_out(k) and p_in(k) = 1 - p_out(k). Both
 * depend only on the margin d_k = inlier logit - outlier logit: p_in(k) = sigmoid(d_k). Each loss is averaged over
 * the rows whose mask is 1 (all rows for a null mask), and returns its gradient with respect to the 2K logits of
 * every row (zero for rows left out).
 */
public final class OneVsAll {
    /** The reference code's guard inside every logarithm. */
    static final double EPSILON = 1e-8;

    private OneVsAll() {}

    /** A loss value and its gradient with respect to the OVA logits [rows, 2K]. */
    public record Loss(double value, INDArray gradient) {}

    /** p_out(k) of every row and class, [rows, K]: the outlier probability of each class's head. */
    public static INDArray outlierProbabilities(INDArray ovaLogits) {
        double[][] margin = margins(ovaLogits);
        double[][] out = new double[margin.length][];
        for (int row = 0; row < margin.length; row++) {
            out[row] = new double[margin[row].length];
            for (int k = 0; k < margin[row].length; k++) out[row][k] = sigmoid(-margin[row][k]);
        }
        return Nd4j.create(out);
    }

    /**
     * [rows, 1]: the outlier probability of each row's predicted class (the argmax of {@code predicted}), the score by
     * which OpenMatch calls a row an outlier.
     */
    public static INDArray outlierScores(HardTargets predicted, INDArray ovaLogits) {
        return outlierProbabilities(ovaLogits).castTo(predicted.oneHot().dataType()).mul(predicted.oneHot()).sum(true, 1);
    }

    /**
     * The OVA loss of labeled rows: -log p_in(y) for the row's class y, plus the hardest negative, the largest
     * -log p_out(j) over the other classes j.
     *
     * @param labels one-hot [rows, K]
     */
    public static Loss labeled(INDArray ovaLogits, INDArray labels, INDArray mask) {
        double[][] margin = margins(ovaLogits);
        double[][] gradient = new double[margin.length][margin.length == 0 ? 0 : margin[0].length];
        double[] weights = rowWeights(mask, margin.length);
        double value = 0;
        for (int row = 0; row < margin.length; row++) {
            if (weights[row] == 0) continue;
            int y = argmax(labels.getRow(row));
            double pIn = sigmoid(margin[row][y]);
            value -= weights[row] * Math.log(pIn + EPSILON);
            gradient[row][y] -= weights[row] * pIn * (1 - pIn) / (pIn + EPSILON);
            int hardest = -1;
            double hardestLoss = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < margin[row].length; j++) {
                double loss = -Math.log(sigmoid(-margin[row][j]) + EPSILON);
                if (j != y && loss > hardestLoss) {
                    hardest = j;
                    hardestLoss = loss;
                }
            }
            if (hardest < 0) continue; // a single class has no negative
            double pOut = sigmoid(-margin[row][hardest]);
            value += weights[row] * hardestLoss;
            gradient[row][hardest] += weights[row] * pOut * (1 - pOut) / (pOut + EPSILON);
        }
        return new Loss(value, logitGradient(gradient, ovaLogits));
    }

    /** Entropy minimisation of the OVA outputs: each head's binary entropy, averaged over the K heads. */
    public static Loss entropy(INDArray ovaLogits, INDArray mask) {
        double[][] margin = margins(ovaLogits);
        double[][] gradient = new double[margin.length][margin.length == 0 ? 0 : margin[0].length];
        double[] weights = rowWeights(mask, margin.length);
        double value = 0;
        for (int row = 0; row < margin.length; row++) {
            int classes = margin[row].length;
            for (int k = 0; k < classes; k++) {
                double p = sigmoid(margin[row][k]);
                double q = 1 - p;
                double lp = Math.log(p + EPSILON);
                double lq = Math.log(q + EPSILON);
                value -= weights[row] / classes * (p * lp + q * lq);
                // dH/dp = -(log p + p/(p+e)) + (log q + q/(q+e)), and dp/dd = p q
                gradient[row][k] = weights[row] / classes * p * q * (lq + q / (q + EPSILON) - lp - p / (p + EPSILON));
            }
        }
        return new Loss(value, logitGradient(gradient, ovaLogits));
    }

    /**
     * Soft open-set consistency between two views of the same rows: the squared differences of the two views' OVA
     * probabilities, summed over both outputs of all K heads. No stop-gradient: both views learn.
     */
    public static Consistency consistency(INDArray ovaLogitsA, INDArray ovaLogitsB, INDArray mask) {
        double[][] a = margins(ovaLogitsA);
        double[][] b = margins(ovaLogitsB);
        double[] weights = rowWeights(mask, a.length);
        double[][] gradientA = new double[a.length][a.length == 0 ? 0 : a[0].length];
        double[][] gradientB = new double[a.length][a.length == 0 ? 0 : a[0].length];
        double value = 0;
        for (int row = 0; row < a.length; row++) {
            for (int k = 0; k < a[row].length; k++) {
                double pA = sigmoid(a[row][k]);
                double pB = sigmoid(b[row][k]);
                // (p_in difference)^2 + (p_out difference)^2 = 2 (p_in difference)^2
                value += weights[row] * 2 * (pA - pB) * (pA - pB);
                gradientA[row][k] = weights[row] * 4 * (pA - pB) * pA * (1 - pA);
                gradientB[row][k] = -weights[row] * 4 * (pA - pB) * pB * (1 - pB);
            }
        }
        return new Consistency(value, logitGradient(gradientA, ovaLogitsA), logitGradient(gradientB, ovaLogitsB));
    }

    /** The soft open-set consistency and its gradients for both views' OVA logits. */
    public record Consistency(double value, INDArray gradientA, INDArray gradientB) {}

    /** d_k = inlier logit - outlier logit of every row and class. */
    private static double[][] margins(INDArray ovaLogits) {
        if (ovaLogits.size(1) % 2 != 0) {
            throw new IllegalArgumentException("OVA logits need 2K columns, got " + ovaLogits.size(1));
        }
        int rows = (int) ovaLogits.size(0);
        int classes = (int) ovaLogits.size(1) / 2;
        double[][] logits = ovaLogits.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix();
        double[][] margin = new double[rows][classes];
        for (int row = 0; row < rows; row++) {
            for (int k = 0; k < classes; k++) margin[row][k] = logits[row][classes + k] - logits[row][k];
        }
        return margin;
    }

    /** From the gradient with respect to the margins to the one for the logits: -g for "not k", +g for "k". */
    private static INDArray logitGradient(double[][] marginGradient, INDArray like) {
        int rows = (int) like.size(0);
        int classes = (int) like.size(1) / 2;
        double[][] gradient = new double[rows][2 * classes];
        for (int row = 0; row < rows; row++) {
            for (int k = 0; k < classes; k++) {
                gradient[row][k] = -marginGradient[row][k];
                gradient[row][classes + k] = marginGradient[row][k];
            }
        }
        return Nd4j.create(gradient).castTo(like.dataType());
    }

    /** 1 / (rows with mask 1) for those rows, 0 for the others. */
    private static double[] rowWeights(INDArray mask, int rows) {
        double[] weights = new double[rows];
        int counted = 0;
        for (int row = 0; row < rows; row++) {
            if (mask == null || mask.getDouble(row, 0) > 0) {
                weights[row] = 1;
                counted++;
            }
        }
        for (int row = 0; row < rows; row++) weights[row] = counted == 0 ? 0 : weights[row] / counted;
        return weights;
    }

    private static int argmax(INDArray row) {
        return row.argMax().getInt(0);
    }

    private static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }
}
