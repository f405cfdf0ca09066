package org.sslpipeline.training.step;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Row ranges of stacked arrays, e.g. the weak and the strong views' logits of one forward pass. */
final class Rows {
    private Rows() {}

    /** Rows [from, to) of a [n, K] array (a view). */
    static INDArray of(INDArray array, long from, long to) {
        return array.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }
}
