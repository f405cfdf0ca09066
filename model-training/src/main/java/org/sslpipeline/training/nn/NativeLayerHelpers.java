package org.sslpipeline.training.nn;

/**
 * Lets DL4J run convolution, pooling and batch norm through libnd4j's native ops instead of its Java im2col path.
 * DL4J 1.0.0-M2.1 turns these layer helpers off unless the system property {@value #DISABLE_PROPERTY} is false, and
 * its CPU check needs the class shim {@link org.nd4j.nativeblas.Nd4jCpu}. The outputs and gradients agree with
 * the Java path to float rounding ({@code NativeLayerHelpersTest}); the speed-up is measured in docs/RESULTS.md.
 * A user who sets the property to true keeps the Java path.
 */
public final class NativeLayerHelpers {
    /** DL4J's switch (DL4JSystemProperties.DISABLE_HELPER_PROPERTY); read each time a layer is created. */
    public static final String DISABLE_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";

    private NativeLayerHelpers() {}

    /** Turns the helpers on for graphs created from now on in this JVM, unless the property was set explicitly. */
    public static void enable() {
        if (System.getProperty(DISABLE_PROPERTY) == null) {
            System.setProperty(DISABLE_PROPERTY, "false");
        }
    }
}
