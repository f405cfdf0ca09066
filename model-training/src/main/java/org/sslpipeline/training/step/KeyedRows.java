package org.sslpipeline.training.step;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Rows of floats keyed by example key, in the compact byte form that travels between driver and executors:
 * a worker's softmax outputs for the examples of its minibatches, or the driver's ensemble targets. Never a live
 * ND4J array, so it is safe to broadcast and to accumulate.
 *
 * @param keys   example keys ({@link org.sslpipeline.training.data.ExampleKeys}); sorted and unique for lookups
 * @param values {@code keys.length x width} floats, row-major
 * @param width  floats per row (the number of classes)
 */
public record KeyedRows(long[] keys, float[] values, int width) implements RoundTargets {

    public KeyedRows {
        if (width <= 0) throw new IllegalArgumentException("row width must be > 0, got " + width);
        if (values.length != (long) keys.length * width) {
            throw new IllegalArgumentException(keys.length + " keys need " + (long) keys.length * width + " values, got " + values.length);
        }
    }

    /** The rows of {@code matrix} ([rows x width]) keyed by the batch's example keys. */
    public static KeyedRows of(TrainingBatch batch, INDArray matrix) {
        return new KeyedRows(batch.exampleKeys(), matrix.castTo(DataType.FLOAT).dup('c').data().asFloat(), (int) matrix.size(1));
    }

    @Override
    public RowTargets forRows(TrainingBatch rows) {
        return lookup(rows.exampleKeys());
    }

    /** Binary search in the sorted keys: rows of unknown keys are zero with mask 0. */
    public RowTargets lookup(long[] wanted) {
        float[] targets = new float[wanted.length * width];
        float[] mask = new float[wanted.length];
        for (int row = 0; row < wanted.length; row++) {
            int at = Arrays.binarySearch(keys, wanted[row]);
            if (at >= 0) {
                System.arraycopy(values, at * width, targets, row * width, width);
                mask[row] = 1;
            }
        }
        return RowTargets.of(targets, mask, width);
    }

    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + keys.length * 8 + values.length * 4);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(width);
            out.writeInt(keys.length);
            for (long key : keys) out.writeLong(key);
            for (float value : values) out.writeFloat(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen in memory
        }
        return bytes.toByteArray();
    }

    public static KeyedRows fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int width = in.readInt();
            int rows = in.readInt();
            long[] keys = new long[rows];
            for (int i = 0; i < rows; i++) keys[i] = in.readLong();
            float[] values = new float[rows * width];
            for (int i = 0; i < values.length; i++) values[i] = in.readFloat();
            return new KeyedRows(keys, values, width);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt keyed rows (" + bytes.length + " bytes)", e);
        }
    }
}
