package org.sslpipeline.training.train;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Running sums of the named loss terms and diagnostics of optimizer steps ("supervised", "unsupervised",
 * "mask_rate", ...), for their per-epoch means: what USB and TorchSSL log to show whether the unlabeled part of a
 * loss is doing anything. Keys are kept sorted so logs and metrics files list them in one order.
 */
public final class LossTerms implements Serializable {
    private static final long serialVersionUID = 1L;

    private final TreeMap<String, Double> sums = new TreeMap<>();
    private final TreeMap<String, Long> counts = new TreeMap<>();

    /** Adds one step's terms. */
    public void add(Map<String, Double> stepTerms) {
        stepTerms.forEach((name, value) -> {
            sums.merge(name, value, Double::sum);
            counts.merge(name, 1L, Long::sum);
        });
    }

    /** Adds another set of sums (e.g. another Spark task's). */
    public void addAll(LossTerms other) {
        other.sums.forEach((name, sum) -> sums.merge(name, sum, Double::sum));
        other.counts.forEach((name, count) -> counts.merge(name, count, Long::sum));
    }

    public boolean isEmpty() {
        return counts.isEmpty();
    }

    public LossTerms copy() {
        LossTerms copy = new LossTerms();
        copy.addAll(this);
        return copy;
    }

    /** Each term's mean over the steps that reported it, by name. */
    public Map<String, Double> means() {
        TreeMap<String, Double> means = new TreeMap<>();
        sums.forEach((name, sum) -> means.put(name, sum / counts.get(name)));
        return Collections.unmodifiableMap(means);
    }
}
