package org.sslpipeline.training.step;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sslpipeline.training.DoublePrecision;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OpenMatch's OVA losses against central finite differences, and against values computed by hand. */
@ExtendWith(DoublePrecision.class)
class OneVsAllGradientTest {
    private static final int ROWS = 6;
    private static final int CLASSES = 4;

    @Test
    void labeledLossWithTheHardestNegative() {
        INDArray logits = logits(31);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, ROWS, CLASSES);
        for (int row = 0; row < ROWS; row++) labels.putScalar(row, (row * 3) % CLASSES, 1.0);
        INDArray mask = mask(1, 1, 0, 1, 1, 0);
        OneVsAll.Loss loss = OneVsAll.labeled(logits, labels, mask);
        FiniteDifferences.assertGradient(() -> OneVsAll.labeled(logits, labels, mask).value(), logits, loss.gradient(), "OVA");
        assertEquals(0.0, loss.gradient().getRow(2).norm2Number().doubleValue(), 0.0, "masked rows get no gradient");

        // by hand for one row: margins d_k = inlier - outlier logit; -log sigmoid(d_y) + max_{j != y} -log sigmoid(-d_j)
        INDArray row = Nd4j.create(new double[][]{{0.5, -1.0, 2.0, 1.0, 0.0, -1.0}}); // d = 0.5, 1.0, -3.0
        INDArray label = Nd4j.create(new double[][]{{0, 1, 0}});
        double expected = -Math.log(sigmoid(1.0) + 1e-8) - Math.log(sigmoid(-0.5) + 1e-8);
        assertEquals(expected, OneVsAll.labeled(row, label, null).value(), 1e-12,
                "the hardest negative is class 0 (margin 0.5), not class 2 (margin -3)");
    }

    @Test
    void entropyOfTheOvaOutputs() {
        INDArray logits = logits(32);
        INDArray mask = mask(0, 1, 1, 1, 0, 1);
        OneVsAll.Loss loss = OneVsAll.entropy(logits, mask);
        FiniteDifferences.assertGradient(() -> OneVsAll.entropy(logits, mask).value(), logits, loss.gradient(), "entropy");
        INDArray undecided = Nd4j.zeros(DataType.DOUBLE, 1, 2 * CLASSES);
        assertEquals(Math.log(2), OneVsAll.entropy(undecided, null).value(), 1e-7, "p = 1/2 everywhere: log 2 per head");
    }

    @Test
    void softOpenSetConsistencyTeachesBothViews() {
        INDArray a = logits(33);
        INDArray b = logits(34);
        INDArray mask = mask(1, 1, 1, 0, 1, 1);
        OneVsAll.Consistency loss = OneVsAll.consistency(a, b, mask);
        FiniteDifferences.assertGradient(() -> OneVsAll.consistency(a, b, mask).value(), a, loss.gradientA(), "SOCR view 1");
        FiniteDifferences.assertGradient(() -> OneVsAll.consistency(a, b, mask).value(), b, loss.gradientB(), "SOCR view 2");
        assertTrue(loss.gradientB().norm2Number().doubleValue() > 0, "no stop-gradient on the second view");
        assertEquals(0.0, OneVsAll.consistency(a, a.dup(), null).value(), 0.0);
    }

    @Test
    void outlierProbabilityIsTheSoftmaxOfEachPair() {
        INDArray row = Nd4j.create(new double[][]{{2.0, 0.0, 0.0, 2.0}}); // class 0: out 2, in 0; class 1: out 0, in 2
        INDArray out = OneVsAll.outlierProbabilities(row);
        assertEquals(sigmoid(2.0), out.getDouble(0, 0), 1e-12);
        assertEquals(sigmoid(-2.0), out.getDouble(0, 1), 1e-12);
    }


    /** OVA logits [ROWS, 2K] of varied confidence. */
    private static INDArray logits(long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.DOUBLE, ROWS, 2 * CLASSES).muli(2.0);
    }

    private static INDArray mask(double... values) {
        return Nd4j.create(values, new long[]{values.length, 1}, DataType.DOUBLE);
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
