package org.sslpipeline.training.step;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * CoSSL's tail-class feature enhancement (Fan, Dai, Kukleva and Schiele, CVPR 2022) for its rebalanced linear
 * classifier: a labeled row of class y is mixed, with probability (N_1 - N_y) / N_1 (N_1 the largest class's
 * labeled count, so the head class never is), with a partner row: feature lambda f_x + (1 - lambda) f_u, lambda
 * drawn from U(max-lambda, 1), keeping label y. The reference code draws the partner from a shuffled stream of
 * labeled and unlabeled images and puts no condition on it. Because the classifier is linear, its logits of the
 * mixed feature are lambda h(f_x) + (1 - lambda) h(f_u): the loss is computed from the classifier's outputs on the
 * rows as they are, and its gradient goes back to both rows' outputs.
 */
public final class TailFeatureEnhancement {
    private TailFeatureEnhancement() {}

    /**
     * Which rows are mixed with which.
     *
     * @param partner for each row, the row it is mixed with, or -1
     * @param lambda  for each mixed row, the weight of its own feature; 1 for the others
     */
    public record Mix(int[] partner, double[] lambda) {
        /** No row mixed. */
        public static Mix none(int rows) {
            int[] partner = new int[rows];
            Arrays.fill(partner, -1);
            double[] lambda = new double[rows];
            Arrays.fill(lambda, 1.0);
            return new Mix(partner, lambda);
        }
    }

    /**
     * Draws the mix of a batch's labeled rows.
     *
     * @param labeledPerClass the run's labeled rows per class (N_c)
     * @param maxLambda       the lower end of lambda's range (reference scripts: 0.6)
     */
    public static Mix draw(TrainingBatch batch, long[] labeledPerClass, double maxLambda, SplittableRandom random) {
        int rows = batch.size();
        long head = Arrays.stream(labeledPerClass).max().orElse(0);
        Mix mix = Mix.none(rows);
        INDArray labeled = batch.labeledMask();
        INDArray labels = batch.labels();
        for (int row = 0; row < rows; row++) {
            if (labeled.getDouble(row, 0) == 0 || head == 0) continue;
            int y = labels.getRow(row).argMax().getInt(0);
            double mixProbability = (double) (head - labeledPerClass[y]) / head;
            if (random.nextDouble() >= mixProbability || rows < 2) continue;
            int partner = random.nextInt(rows - 1);
            mix.partner()[row] = partner >= row ? partner + 1 : partner;
            mix.lambda()[row] = maxLambda + (1 - maxLambda) * random.nextDouble();
        }
        return mix;
    }

    /**
     * Weighted cross-entropy of the mixed logits of the rows with a weight, and its gradient with respect to every
     * row's classifier logits.
     *
     * @param logits     the rebalanced classifier's logits of the rows, [rows, K]
     * @param labels     one-hot labels, [rows, K]
     * @param rowWeights [rows, 1]: 0 for rows that are not learned from (unlabeled), else e.g. 1 / N_y for balance
     */
    public static SoftmaxCrossEntropy.Result loss(INDArray logits, INDArray labels, INDArray rowWeights, Mix mix) {
        int rows = (int) logits.size(0);
        INDArray mixed = logits.dup();
        for (int row = 0; row < rows; row++) {
            int partner = mix.partner()[row];
            if (partner < 0) continue;
            double lambda = mix.lambda()[row];
            mixed.getRow(row).assign(logits.getRow(row).mul(lambda).addi(logits.getRow(partner).mul(1 - lambda)));
        }
        double weightSum = rowWeights.sumNumber().doubleValue();
        SoftmaxCrossEntropy.Result ofMixed = SoftmaxCrossEntropy.of(mixed, labels, rowWeights,
                weightSum > 0 ? weightSum : 1.0);
        INDArray gradient = Nd4j.zerosLike(logits);
        for (int row = 0; row < rows; row++) {
            int partner = mix.partner()[row];
            INDArray error = ofMixed.gradient().getRow(row);
            if (partner < 0) {
                gradient.getRow(row).addi(error);
            } else {
                gradient.getRow(row).addi(error.mul(mix.lambda()[row]));
                gradient.getRow(partner).addi(error.mul(1 - mix.lambda()[row]));
            }
        }
        return new SoftmaxCrossEntropy.Result(ofMixed.value(), gradient);
    }
}
