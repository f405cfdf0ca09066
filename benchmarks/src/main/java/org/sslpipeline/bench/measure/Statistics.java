package org.sslpipeline.bench.measure;

import java.util.ArrayList;
import java.util.List;

/** Summaries of measured values. */
public final class Statistics {
    private Statistics() {}

    /** The median; NaN for no values. */
    public static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        if (sorted.isEmpty()) return Double.NaN;
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
