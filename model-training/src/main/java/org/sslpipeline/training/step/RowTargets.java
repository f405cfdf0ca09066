package org.sslpipeline.training.step;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Targets an algorithm's state gives the rows of a minibatch: a class distribution per row, constants of the loss
 * (no gradient reaches whatever made them).
 *
 * @param probabilities [rows x classes]; zero for rows without a target
 * @param mask          [rows x 1], 1 where the row has a target; null when every row has one
 */
public record RowTargets(INDArray probabilities, INDArray mask) {

    /** Targets from row-major {@code probabilities} ({@code mask.length x width}) and the rows' mask. */
    public static RowTargets of(float[] probabilities, float[] mask, int width) {
        return new RowTargets(TrainingRows.floats(probabilities, mask.length, width), TrainingRows.floats(mask, mask.length, 1));
    }
}
