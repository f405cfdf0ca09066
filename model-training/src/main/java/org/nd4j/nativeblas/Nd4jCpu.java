package org.nd4j.nativeblas;

/**
 * Stands in for a class that DL4J 1.0.0-M2.1 looks up by its pre-M2 name. {@code BaseMKLDNNHelper.mklDnnEnabled()}
 * asks {@code org.nd4j.nativeblas.Nd4jCpu$Environment.getInstance().isUseMKLDNN()} by reflection; in M2.1 the
 * bindings live in {@code org.nd4j.linalg.cpu.nativecpu.bindings}, so the lookup fails and every convolution,
 * pooling and batch-norm layer on CPU falls back to DL4J's Java im2col path. The helpers it then uses call
 * libnd4j's own conv2d, maxpool2d and batchnorm ops, which run with or without oneDNN in the native binary.
 * Whether they are used at all is decided by {@link org.sslpipeline.training.nn.NativeLayerHelpers}.
 */
public final class Nd4jCpu {
    private Nd4jCpu() {}

    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        private Environment() {}

        public static Environment getInstance() {
            return INSTANCE;
        }

        /** True: DL4J may hand its CPU layers to libnd4j's native ops (see the class comment). */
        public boolean isUseMKLDNN() {
            return true;
        }
    }
}
