package org.sslpipeline.training.eval;

import java.util.List;

/**
 * Accuracy of a long-tailed run by class group, and the geometric mean of the per-class recalls (zero when a class
 * is never recognised). The groups follow the classes' rank in the long-tailed order (class 0 the head), as the
 * CoSSL reference code's major/neutral/minor split does (CIFAR-10: classes 0-2, 3-6, 7-9): the first and the last
 * 30% of the classes (rounded) are many- and few-shot, the rest medium. The absolute thresholds of the
 * long-tailed recognition literature (more than 100, 20 to 100, fewer than 20 labels) would leave a group empty at
 * the label counts here (N_1 = 1500, gamma = 50 keeps 30 labels of the last class).
 *
 * @param many   mean recall of the many-shot classes
 * @param medium mean recall of the medium-shot classes (NaN when there are fewer than three classes)
 * @param few    mean recall of the few-shot classes
 */
public record LongTailMetrics(double many, double medium, double few, double gmeanRecall, int manyClasses,
                              int fewClasses) {

    /** @param perClassRecall recall of each class, in the long-tailed order (head first) */
    public static LongTailMetrics of(List<Double> perClassRecall) {
        int classes = perClassRecall.size();
        if (classes == 0) throw new IllegalArgumentException("no classes");
        int edge = Math.max(1, (int) Math.round(0.3 * classes));
        int many = Math.min(edge, classes);
        int few = Math.min(edge, classes - many);
        double logSum = 0;
        for (double recall : perClassRecall) logSum += Math.log(recall);
        return new LongTailMetrics(mean(perClassRecall.subList(0, many)),
                mean(perClassRecall.subList(many, classes - few)),
                mean(perClassRecall.subList(classes - few, classes)),
                Math.exp(logSum / classes), many, few);
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
