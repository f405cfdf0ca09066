package org.sslpipeline.training.train;

import org.sslpipeline.training.data.ExampleKeys;
import org.sslpipeline.training.data.LabeledImage;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * How an epoch's stream of rows (already shuffled) becomes minibatches, the same way in one JVM and in each
 * Spark partition. Supervised training streams the labeled rows; semi-supervised training streams the unlabeled
 * pool and mixes the labeled rows in (FixMatch's ratio mu).
 */
public interface MinibatchPlan extends Serializable {

    /** Rows of the stream that one minibatch consumes. */
    int streamRowsPerBatch();

    /** Rows in a full minibatch. */
    int rowsPerBatch();

    /** The minibatches of one partition's share of the stream in one epoch. */
    Iterator<List<LabeledImage>> minibatches(Iterator<LabeledImage> stream, int epoch, int partition, long seed);

    /** Plain minibatches of {@code batchSize} streamed rows. */
    static MinibatchPlan supervised(int batchSize) {
        return new Supervised(batchSize);
    }

    /** Each minibatch: {@code labeledPerBatch} of {@code labeled} (cycled) and mu times as many streamed rows. */
    static MinibatchPlan mixed(MixedMinibatches mixing, List<LabeledImage> labeled) {
        return new Mixed(mixing, List.copyOf(labeled));
    }

    record Supervised(int batchSize) implements MinibatchPlan {
        public Supervised {
            if (batchSize <= 0) throw new IllegalArgumentException("batch size must be > 0, got " + batchSize);
        }

        @Override
        public int streamRowsPerBatch() {
            return batchSize;
        }

        @Override
        public int rowsPerBatch() {
            return batchSize;
        }

        @Override
        public Iterator<List<LabeledImage>> minibatches(Iterator<LabeledImage> stream, int epoch, int partition, long seed) {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return stream.hasNext();
                }

                @Override
                public List<LabeledImage> next() {
                    List<LabeledImage> chunk = new ArrayList<>(batchSize);
                    while (stream.hasNext() && chunk.size() < batchSize) chunk.add(stream.next());
                    return chunk;
                }
            };
        }
    }

    /** The labeled rows travel with the plan: they are few by definition (N per class). */
    record Mixed(MixedMinibatches mixing, List<LabeledImage> labeled) implements MinibatchPlan {
        @Override
        public int streamRowsPerBatch() {
            return mixing.unlabeledPerBatch();
        }

        @Override
        public int rowsPerBatch() {
            return mixing.rowsPerBatch();
        }

        @Override
        public Iterator<List<LabeledImage>> minibatches(Iterator<LabeledImage> stream, int epoch, int partition, long seed) {
            long cycleSeed = ExampleKeys.mix(ExampleKeys.mix(seed * 0x9E3779B97F4A7C15L + epoch) + partition);
            return mixing.minibatches(stream, labeled, cycleSeed);
        }
    }
}
