package org.sslpipeline.training.nn;

import org.bytedeco.javacpp.Loader;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Every architecture computes the same outputs and gradients through libnd4j's layer helpers as through DL4J's Java path. */
class NativeLayerHelpersTest {

    /** The CPU build ships libnd4j twice (pom.xml, nd4j.native.variant); JavaCPP must pick the oneDNN binary. */
    @Test
    void cpuBuildLoadsTheOneDnnBinaryOfLibnd4j() {
        assumeTrue(System.getProperty("org.bytedeco.javacpp.platform.extension") == null, "extension chosen by the user");
        Nd4j.create(1); // loads the backend
        assumeTrue(Nd4j.getBackend().getClass().getSimpleName().equals("CpuBackend"), "not the CPU backend");
        String library = Loader.getLoadedLibraries().get("jnind4jcpu");
        assertNotNull(library, "libnd4j's JNI library was not loaded by JavaCPP");
        assertTrue(library.contains("linux-x86_64-onednn"), "loaded " + library);
    }

    @ParameterizedTest
    @EnumSource(NetworkArchitecture.class)
    void helpersAreUsedAndAgreeWithTheJavaPath(NetworkArchitecture architecture) throws Exception {
        int channels = architecture == NetworkArchitecture.WRN_28_2 ? 3 : 1;
        int side = architecture == NetworkArchitecture.WRN_28_2 ? 32 : 28;
        NetworkSpec spec = new NetworkSpec(side, side, channels, 10, 1, 0.0, 7L);
        ComputationGraph withHelpers = build(architecture, spec, false);
        ComputationGraph javaPath = build(architecture, spec, true);
        for (Class<? extends Layer> type : List.of(ConvolutionLayer.class, BatchNormalization.class)) {
            assertNotNull(helperOf(withHelpers, type), "no native helper on the " + type.getSimpleName() + " layers");
        }
        assertNull(helperOf(javaPath, ConvolutionLayer.class), "the property did not switch the helpers off");

        Nd4j.getRandom().setSeed(3);
        INDArray images = Nd4j.rand(DataType.FLOAT, 4, channels, side, side);
        assertClose(javaPath.output(false, images)[NetworkOutputs.LOGITS_INDEX],
                withHelpers.output(false, images)[NetworkOutputs.LOGITS_INDEX], "inference logits");
        assertClose(gradient(javaPath, images), gradient(withHelpers, images), "training-mode gradient");
    }

    private static ComputationGraph build(NetworkArchitecture architecture, NetworkSpec spec, boolean disableHelpers) {
        NativeLayerHelpers.enable(); // what this JVM's other tests run with, restored below
        String before = System.getProperty(NativeLayerHelpers.DISABLE_PROPERTY);
        System.setProperty(NativeLayerHelpers.DISABLE_PROPERTY, Boolean.toString(disableHelpers));
        try {
            return architecture.build(spec, new Nesterovs(0.03, 0.9), 5e-4);
        } finally {
            if (before == null) System.clearProperty(NativeLayerHelpers.DISABLE_PROPERTY);
            else System.setProperty(NativeLayerHelpers.DISABLE_PROPERTY, before);
        }
    }

    /** The gradient of all parameters for the error "logits" on the logits output, in training mode. */
    private static INDArray gradient(ComputationGraph graph, INDArray images) {
        Map<String, INDArray> activations = graph.feedForward(new INDArray[]{images}, true, false);
        INDArray logits = activations.get(NetworkOutputs.LOGITS);
        INDArray features = activations.get(NetworkOutputs.FEATURES);
        INDArray gradient = graph.backpropGradient(logits.dup(), Nd4j.zerosLike(features)).gradient().dup();
        graph.clearLayersStates();
        return gradient;
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        double relative = expected.sub(actual).norm2Number().doubleValue() / expected.norm2Number().doubleValue();
        assertTrue(relative < 1e-4, what + ": relative difference " + relative);
    }

    private static Object helperOf(ComputationGraph graph, Class<? extends Layer> type) throws ReflectiveOperationException {
        for (Layer layer : graph.getLayers()) {
            if (type.isInstance(layer)) {
                var field = type.getDeclaredField("helper");
                field.setAccessible(true);
                return field.get(layer);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in the graph");
    }
}
