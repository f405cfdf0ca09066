package org.sslpipeline.bench.measure;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The machine's matrix-multiply peak as ND4J reaches it, on all of ND4J's threads: the fastest of several n x n
 * float products C = A·B (2n³ FLOPs each), after warm-up products.
 */
public final class MatmulPeak {
    private static final int WARM_UP = 3;

    private MatmulPeak() {}

    /** GFLOP/s of the fastest of {@code repetitions} products of n x n float matrices. */
    public static double gflops(int n, int repetitions) {
        if (n <= 0 || repetitions <= 0) throw new IllegalArgumentException("need n > 0 and repetitions > 0");
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, n, n);
        for (int i = 0; i < WARM_UP; i++) Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        long fastest = Long.MAX_VALUE;
        for (int i = 0; i < repetitions; i++) {
            long started = System.nanoTime();
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            fastest = Math.min(fastest, System.nanoTime() - started);
        }
        return 2.0 * n * n * n / fastest;
    }
}
