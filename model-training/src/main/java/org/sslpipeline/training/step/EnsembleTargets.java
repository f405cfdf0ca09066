package org.sslpipeline.training.step;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Per-example targets of Temporal Ensembling, looked up by example key. */
public interface EnsembleTargets {

    /**
     * @param targets [rows x classes] the bias-corrected ensemble prediction of each row's example (zero when none)
     * @param mask    [rows x 1] 1 where the example has a target yet, else 0
     */
    record Lookup(INDArray targets, INDArray mask) {
        /** A lookup from row-major {@code targets} ({@code mask.length x width}) and the rows' mask. */
        public static Lookup of(float[] targets, float[] mask, int width) {
            return new Lookup(TrainingRows.floats(targets, mask.length, width), TrainingRows.floats(mask, mask.length, 1));
        }
    }

    Lookup lookup(long[] keys);

    /** The example keys of a batch, in row order. */
    static long[] keysOf(TrainingBatch batch) {
        long[] keys = new long[batch.size()];
        for (int row = 0; row < keys.length; row++) keys[row] = batch.exampleKey(row);
        return keys;
    }
}
