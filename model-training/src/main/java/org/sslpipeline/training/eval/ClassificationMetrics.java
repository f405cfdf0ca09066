package org.sslpipeline.training.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Accuracy, per-class accuracy (recall) and the confusion matrix {@code confusion[actual][predicted]}.
 */
public record ClassificationMetrics(long examples, double accuracy, List<Double> perClassAccuracy,
                                    long[][] confusion) {

    public static ClassificationMetrics fromConfusion(long[][] confusion) {
        long total = 0, correct = 0;
        List<Double> perClass = new ArrayList<>();
        for (int actual = 0; actual < confusion.length; actual++) {
            long row = 0;
            for (long c : confusion[actual]) row += c;
            total += row;
            correct += confusion[actual][actual];
            perClass.add(row == 0 ? Double.NaN : (double) confusion[actual][actual] / row);
        }
        return new ClassificationMetrics(total, total == 0 ? Double.NaN : (double) correct / total, perClass, confusion);
    }

    /** Element-wise sum of two confusion matrices (the reduce of a distributed evaluation). */
    public static long[][] add(long[][] a, long[][] b) {
        long[][] sum = new long[a.length][];
        for (int i = 0; i < a.length; i++) {
            sum[i] = new long[a[i].length];
            for (int j = 0; j < a[i].length; j++) sum[i][j] = a[i][j] + b[i][j];
        }
        return sum;
    }
}
