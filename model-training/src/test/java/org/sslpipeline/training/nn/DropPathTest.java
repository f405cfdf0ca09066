package org.sslpipeline.training.nn;

import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The drop path on tensors, without a network. */
class DropPathTest {
    private static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();

    @Test
    void eachExampleIsKeptWholeAndScaledOrDroppedWholeAtTheSurvivalRate() {
        double survival = 0.8;
        int n = 4000;
        INDArray out = maskOfOnes(new DropPath(survival), 42, n);
        INDArray perExample = out.reshape(n, 3 * 4 * 5);
        INDArray min = perExample.min(1);
        INDArray max = perExample.max(1);
        int kept = 0;
        for (int i = 0; i < n; i++) {
            assertEquals(min.getDouble(i), max.getDouble(i), 0.0, "example " + i + " is not all kept or all dropped");
            double v = max.getDouble(i);
            assertTrue(v == 0.0 || Math.abs(v - 1 / survival) < 1e-6, "example " + i + ": " + v);
            if (v > 0) kept++;
        }
        // binomial standard deviation sqrt(0.8 * 0.2 / 4000) = 0.0063: 0.03 is almost five of them
        assertEquals(survival, kept / (double) n, 0.03);
    }

    @Test
    void theSameSeedDrawsTheSameMask() {
        DropPath dropPath = new DropPath(0.5);
        INDArray first = maskOfOnes(dropPath, 7, 64);
        assertEquals(first, maskOfOnes(dropPath, 7, 64));
        assertNotEquals(first, maskOfOnes(dropPath, 8, 64));
    }

    @Test
    void backpropMultipliesTheIncomingErrorByTheForwardMaskThenForgetsIt() {
        DropPath dropPath = new DropPath(0.6);
        int n = 32;
        INDArray mask = maskOfOnes(dropPath, 3, n);
        Nd4j.getRandom().setSeed(4);
        INDArray error = Nd4j.randn(DataType.FLOAT, n, 3, 4, 5);
        INDArray errorCopy = error.dup();
        INDArray gradAtInput = Nd4j.createUninitialized(DataType.FLOAT, n, 3, 4, 5);

        INDArray returned = dropPath.backprop(error, gradAtInput, 0, 0);
        assertTrue(returned == gradAtInput);
        assertArrayEquals(error.mul(mask).data().asFloat(), gradAtInput.data().asFloat(), 0f);
        assertEquals(errorCopy, error, "the incoming error is left alone when the result goes elsewhere");
        assertThrows(IllegalStateException.class, () -> dropPath.backprop(error, error, 0, 0));
    }

    @Test
    void appliesInPlaceWhenTheResultIsTheInput() {
        DropPath dropPath = new DropPath(0.5);
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.randn(DataType.FLOAT, 16, 2, 3, 3);
        INDArray original = x.dup();
        INDArray expected = original.mul(maskOfOnes(dropPath, 6, 16, 2, 3, 3));
        Nd4j.getRandom().setSeed(6);
        INDArray out = dropPath.applyDropout(x, x, 0, 0, NO_WORKSPACES);
        assertTrue(out == x);
        assertArrayEquals(expected.data().asFloat(), x.data().asFloat(), 0f);
    }

    @Test
    void survivalIsValidatedAndTheSettingSurvivesCloningAndJavaSerialization() throws Exception {
        for (double bad : new double[]{0.0, -0.1, 1.5, Double.NaN}) {
            assertThrows(IllegalArgumentException.class, () -> new DropPath(bad), "survival " + bad);
        }
        DropPath dropPath = new DropPath(0.7);
        maskOfOnes(dropPath, 1, 4);   // a mask is held: neither copy may carry it
        DropPath clone = dropPath.clone();
        assertEquals(dropPath, clone);
        assertThrows(IllegalStateException.class, () -> clone.backprop(Nd4j.ones(4, 2), Nd4j.ones(4, 2), 0, 0));

        DropPath restored = javaRoundTrip(dropPath);
        assertEquals(0.7, restored.survival(), 0.0);
        assertThrows(IllegalStateException.class, () -> restored.backprop(Nd4j.ones(4, 2), Nd4j.ones(4, 2), 0, 0));
        assertFalse(dropPath.equals(new DropPath(0.8)));
    }

    /** The drop path applied to ones [n, 3, 4, 5] (or the given shape) after seeding ND4J: the broadcast mask. */
    private static INDArray maskOfOnes(DropPath dropPath, long seed, long... shape) {
        long[] full = shape.length == 1 ? new long[]{shape[0], 3, 4, 5} : shape;
        INDArray ones = Nd4j.ones(DataType.FLOAT, full);
        Nd4j.getRandom().setSeed(seed);
        return dropPath.applyDropout(ones, Nd4j.createUninitialized(DataType.FLOAT, full), 0, 0, NO_WORKSPACES);
    }

    private static DropPath javaRoundTrip(DropPath dropPath) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(dropPath);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (DropPath) in.readObject();
        }
    }
}
