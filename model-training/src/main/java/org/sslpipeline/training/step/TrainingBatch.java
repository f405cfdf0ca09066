package org.sslpipeline.training.step;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.indexing.SpecifiedIndex;

import java.util.stream.LongStream;

/**
 * A minibatch of training rows as DL4J's engine carries it: a {@link MultiDataSet} whose every row is
 * self-contained, because the engine re-batches rows and may drop some at split edges.
 *
 * <pre>
 * features[0]  weak view      [n, c, h, w]
 * features[1]  second view    [n, c, h, w]   only when the algorithm asked for one (strong, or weak again)
 * labels[0]    one-hot label  [n, K]         all zero for unlabeled rows
 * labels[1]    row metadata   [n, 2] double  column 0: 1 if labeled else 0; column 1: example key
 * </pre>
 */
public final class TrainingBatch {
    public static final int META_LABELED = 0;
    public static final int META_EXAMPLE_KEY = 1;

    private final MultiDataSet rows;

    public TrainingBatch(MultiDataSet rows) {
        if (rows.numFeatureArrays() < 1 || rows.numLabelsArrays() != 2) {
            throw new IllegalArgumentException("not a training batch: expected >= 1 feature and 2 label arrays, got "
                    + rows.numFeatureArrays() + " and " + rows.numLabelsArrays());
        }
        this.rows = rows;
    }

    public MultiDataSet rows() { return rows; }

    public int size() { return (int) rows.getFeatures(0).size(0); }

    public INDArray weakView() { return rows.getFeatures(0); }

    public boolean hasSecondView() { return rows.numFeatureArrays() > 1; }

    /** The second view (strong, or another weak one) the algorithm declared with {@link TrainingStep#secondView()}. */
    public INDArray secondView() {
        if (!hasSecondView()) {
            throw new IllegalStateException("this batch carries no second view; the algorithm must declare one");
        }
        return rows.getFeatures(1);
    }

    /** The third view, for steps whose {@link TrainingStep#secondView()} is {@link SecondView#WEAK_AND_STRONG}. */
    public INDArray thirdView() {
        if (rows.numFeatureArrays() < 3) {
            throw new IllegalStateException("this batch carries no third view; the algorithm must declare one");
        }
        return rows.getFeatures(2);
    }

    /** Column vector [n, 1]: 1 for unlabeled rows, 0 for labeled ones. */
    public INDArray unlabeledMask() {
        return labeledMask().rsub(1.0);
    }

    /** One-hot labels, zero rows where unlabeled. */
    public INDArray labels() { return rows.getLabels(0); }

    /** Column vector [n, 1] in the labels' data type: 1 for labeled rows, 0 for unlabeled ones. */
    public INDArray labeledMask() {
        return rows.getLabels(1).getColumn(META_LABELED, true).castTo(labels().dataType());
    }

    /**
     * The labeled rows (or the unlabeled ones), in their order, as a batch of their own: this batch itself when every
     * row qualifies, null when none does.
     */
    public TrainingBatch rowsWhereLabeled(boolean labeled) {
        INDArray meta = rows.getLabels(1);
        long[] picked = LongStream.range(0, size())
                .filter(row -> (meta.getDouble(row, META_LABELED) != 0) == labeled)
                .toArray();
        if (picked.length == 0) return null;
        if (picked.length == size()) return this;
        INDArray[] features = new INDArray[rows.numFeatureArrays()];
        for (int i = 0; i < features.length; i++) features[i] = pickRows(rows.getFeatures(i), picked);
        INDArray[] labels = {pickRows(labels(), picked), pickRows(meta, picked)};
        return new TrainingBatch(new org.nd4j.linalg.dataset.MultiDataSet(features, labels));
    }

    private static INDArray pickRows(INDArray array, long[] picked) {
        INDArrayIndex[] index = new INDArrayIndex[array.rank()];
        index[0] = new SpecifiedIndex(picked);
        for (int axis = 1; axis < index.length; axis++) index[axis] = NDArrayIndex.all();
        return array.get(index);
    }

    /** Stable 53-bit key of each row's example id, for state kept per example. */
    public long exampleKey(int row) {
        return (long) rows.getLabels(1).getDouble(row, META_EXAMPLE_KEY);
    }

    /** The example keys of all rows, in row order. */
    public long[] exampleKeys() {
        long[] keys = new long[size()];
        for (int row = 0; row < keys.length; row++) keys[row] = exampleKey(row);
        return keys;
    }
}
