package org.sslpipeline.training.train;

import org.sslpipeline.training.data.LabeledImage;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * FixMatch's minibatch composition: every minibatch holds {@code labeledPerBatch} labeled rows and
 * {@code mu x labeledPerBatch} unlabeled ones. An epoch is one pass over the unlabeled rows; the few labeled rows
 * are cycled, reshuffled at every cycle, as the reference code re-iterates its labeled loader.
 */
public record MixedMinibatches(int labeledPerBatch, int mu) implements Serializable {

    public MixedMinibatches {
        if (labeledPerBatch <= 0) throw new IllegalArgumentException("labeled rows per minibatch must be > 0, got " + labeledPerBatch);
        if (mu <= 0) throw new IllegalArgumentException("unlabeled ratio mu must be > 0, got " + mu);
    }

    public int unlabeledPerBatch() {
        return labeledPerBatch * mu;
    }

    public int rowsPerBatch() {
        return labeledPerBatch + unlabeledPerBatch();
    }

    /** Minibatches until the unlabeled rows run out (the last may be short); labeled rows first in each. */
    public Iterator<List<LabeledImage>> minibatches(Iterator<LabeledImage> unlabeled, List<LabeledImage> labeled, long seed) {
        if (labeled.isEmpty()) throw new IllegalArgumentException("semi-supervised minibatches need labeled rows");
        Random random = new Random(seed);
        return new Iterator<>() {
            private List<LabeledImage> cycle = List.of();
            private int next;

            @Override
            public boolean hasNext() {
                return unlabeled.hasNext();
            }

            @Override
            public List<LabeledImage> next() {
                if (!unlabeled.hasNext()) throw new NoSuchElementException();
                List<LabeledImage> batch = new ArrayList<>(rowsPerBatch());
                for (int i = 0; i < labeledPerBatch; i++) {
                    if (next == cycle.size()) {
                        List<LabeledImage> reshuffled = new ArrayList<>(labeled);
                        Collections.shuffle(reshuffled, random);
                        cycle = reshuffled;
                        next = 0;
                    }
                    batch.add(cycle.get(next++));
                }
                for (int i = 0; i < unlabeledPerBatch() && unlabeled.hasNext(); i++) {
                    batch.add(unlabeled.next());
                }
                return batch;
            }
        };
    }
}
