package org.sslpipeline.training.step;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Central finite differences of a loss against its analytic gradient, entry by entry, in double precision. */
final class FiniteDifferences {
    private static final double H = 1e-6;

    private FiniteDifferences() {}

    /**
     * @param loss     the loss, computed from the current values of {@code varied} (which this perturbs in place)
     * @param analytic the gradient of the loss with respect to {@code varied}
     */
    static void assertGradient(Supplier<Double> loss, INDArray varied, INDArray analytic, String what) {
        for (int i = 0; i < varied.size(0); i++) {
            for (int k = 0; k < varied.size(1); k++) {
                double original = varied.getDouble(i, k);
                varied.putScalar(i, k, original + H);
                double plus = loss.get();
                varied.putScalar(i, k, original - H);
                double minus = loss.get();
                varied.putScalar(i, k, original);
                assertEquals((plus - minus) / (2 * H), analytic.getDouble(i, k), 1e-6, what + "[" + i + "," + k + "]");
            }
        }
    }
}
