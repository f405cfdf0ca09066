package org.sslpipeline.training.spark;

import org.apache.spark.util.AccumulatorV2;
import org.sslpipeline.training.train.LossTerms;

import java.util.Map;

/** Sums the workers' per-step loss terms into the driver, for the epoch's means. */
final class LossTermsAccumulator extends AccumulatorV2<Map<String, Double>, LossTerms> {
    private static final long serialVersionUID = 1L;

    private LossTerms terms = new LossTerms();

    @Override
    public boolean isZero() {
        return terms.isEmpty();
    }

    @Override
    public AccumulatorV2<Map<String, Double>, LossTerms> copy() {
        LossTermsAccumulator copy = new LossTermsAccumulator();
        copy.terms = terms.copy();
        return copy;
    }

    @Override
    public void reset() {
        terms = new LossTerms();
    }

    @Override
    public void add(Map<String, Double> stepTerms) {
        terms.add(stepTerms);
    }

    @Override
    public void merge(AccumulatorV2<Map<String, Double>, LossTerms> other) {
        terms.addAll(other.value());
    }

    @Override
    public LossTerms value() {
        return terms;
    }
}
