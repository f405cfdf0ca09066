package org.sslpipeline.training.step;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Temporal Ensembling's per-example state (Laine and Aila 2017), owned by the driver: for every example seen so
 * far, Z = alpha Z + (1 - alpha) z after each update with the network's training-time prediction z, and the target
 * Z / (1 - alpha^t) after t updates (the startup-bias correction). Predictions arrive during an averaging round and
 * are applied together by {@link #commit}; an example predicted more than once in a round (a cycled labeled row)
 * counts with its mean prediction. Workers in other JVMs read a round's targets as {@link KeyedRows}.
 */
public final class TemporalEnsemble implements AlgorithmState {
    private final double alpha;
    private final int classes;
    private final Map<Long, Entry> entries = new HashMap<>();
    private final Map<Long, Entry> pending = new HashMap<>();

    /** Z (or, while pending, the sum of predictions) and the number of updates (or of pending predictions). */
    private static final class Entry {
        final double[] values;
        int count;

        Entry(int classes) {
            values = new double[classes];
        }
    }

    public TemporalEnsemble(double alpha, int classes) {
        if (alpha < 0 || alpha >= 1) throw new IllegalArgumentException("ensemble momentum must be in [0, 1), got " + alpha);
        if (classes <= 0) throw new IllegalArgumentException("classes must be > 0, got " + classes);
        this.alpha = alpha;
        this.classes = classes;
    }

    /** Predictions made during the current round, applied at the next {@link #commit}. */
    public void record(KeyedRows predictions) {
        if (predictions.width() != classes) {
            throw new IllegalArgumentException("predictions have " + predictions.width() + " classes, the ensemble " + classes);
        }
        for (int row = 0; row < predictions.keys().length; row++) {
            Entry sum = pending.computeIfAbsent(predictions.keys()[row], k -> new Entry(classes));
            for (int c = 0; c < classes; c++) sum.values[c] += predictions.values()[row * classes + c];
            sum.count++;
        }
    }

    /** Folds the round's predictions into the ensemble. */
    public void commit() {
        pending.forEach((key, sum) -> {
            Entry z = entries.computeIfAbsent(key, k -> new Entry(classes));
            for (int c = 0; c < classes; c++) z.values[c] = alpha * z.values[c] + (1 - alpha) * sum.values[c] / sum.count;
            z.count++;
        });
        pending.clear();
    }

    public int examples() {
        return entries.size();
    }

    @Override
    public RoundTargets inThisJvm(ComputationGraph graph, INDArray emaParams) {
        return rows -> lookup(rows.exampleKeys());
    }

    @Override
    public byte[] snapshot(INDArray emaParams) {
        return targets().toBytes();
    }

    @Override
    public void fold(List<KeyedRows> predictions) {
        predictions.forEach(this::record);
        commit();
    }

    @Override
    public byte[] checkpoint() {
        return toBytes();
    }

    @Override
    public void restore(byte[] checkpoint) {
        if (checkpoint.length == 0) {
            throw new IllegalStateException("the checkpoint has no ensemble targets: it was not made by Temporal Ensembling");
        }
        TemporalEnsemble saved = fromBytes(alpha, checkpoint);
        if (saved.classes != classes) {
            throw new IllegalStateException("the checkpoint's ensemble targets have " + saved.classes + " classes, the network " + classes);
        }
        entries.clear();
        entries.putAll(saved.entries);
        pending.clear();
    }

    /** The bias-corrected targets of the examples with these keys; zero, with mask 0, for examples without one. */
    public RowTargets lookup(long[] keys) {
        float[] mask = new float[keys.length];
        float[] targets = targetValues(keys, mask);
        return RowTargets.of(targets, mask, classes);
    }

    /** Every example's bias-corrected target, sorted by key: what Spark workers look up during a round. */
    public KeyedRows targets() {
        long[] keys = sortedKeys();
        return new KeyedRows(keys, targetValues(keys, new float[keys.length]), classes);
    }

    /** Row-major targets of {@code keys} (zero for unknown ones), marking known ones in {@code mask}. */
    private float[] targetValues(long[] keys, float[] mask) {
        float[] targets = new float[keys.length * classes];
        for (int row = 0; row < keys.length; row++) {
            Entry z = entries.get(keys[row]);
            if (z == null) continue;
            double correction = 1 - Math.pow(alpha, z.count);
            for (int c = 0; c < classes; c++) targets[row * classes + c] = (float) (z.values[c] / correction);
            mask[row] = 1;
        }
        return targets;
    }

    /** Z (in full double precision, so a resumed run continues exactly) and the update count of every example. */
    public byte[] toBytes() {
        if (!pending.isEmpty()) throw new IllegalStateException("commit the round's predictions before saving");
        long[] keys = sortedKeys();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8 + keys.length * (12 + 8 * classes));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(classes);
            out.writeInt(keys.length);
            for (long key : keys) {
                Entry z = entries.get(key);
                out.writeLong(key);
                out.writeInt(z.count);
                for (double value : z.values) out.writeDouble(value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen in memory
        }
        return bytes.toByteArray();
    }

    public static TemporalEnsemble fromBytes(double alpha, byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            TemporalEnsemble ensemble = new TemporalEnsemble(alpha, in.readInt());
            int examples = in.readInt();
            for (int i = 0; i < examples; i++) {
                long key = in.readLong();
                Entry z = new Entry(ensemble.classes);
                z.count = in.readInt();
                for (int c = 0; c < ensemble.classes; c++) z.values[c] = in.readDouble();
                ensemble.entries.put(key, z);
            }
            return ensemble;
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt ensemble state (" + bytes.length + " bytes)", e);
        }
    }

    private long[] sortedKeys() {
        long[] keys = entries.keySet().stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(keys);
        return keys;
    }
}
