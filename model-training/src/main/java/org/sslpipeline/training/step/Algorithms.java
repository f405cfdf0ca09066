package org.sslpipeline.training.step;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The algorithms the pipeline knows, by configuration name. Adding one means adding its entry here. */
public final class Algorithms {
    /** Where each algorithm's settings block lives: {@code ssl.algorithms.<name> { ... }}. */
    public static final String SECTION = "ssl.algorithms";

    private static final Map<String, Algorithm<?>> BY_NAME = byName(
            SupervisedStep.ALGORITHM,
            PseudoLabelStep.ALGORITHM,
            PiModelStep.ALGORITHM,
            MeanTeacherStep.ALGORITHM,
            TemporalEnsemblingStep.ALGORITHM,
            FixMatchStep.ALGORITHM,
            FeatDistLossStep.ALGORITHM,
            OpenMatchStep.ALGORITHM,
            CosslStep.ALGORITHM);

    private Algorithms() {}

    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    public static Collection<Algorithm<?>> all() {
        return BY_NAME.values();
    }

    /** @throws IllegalArgumentException naming the known algorithms if {@code name} is not one */
    public static Algorithm<?> byName(String name) {
        Algorithm<?> algorithm = BY_NAME.get(name);
        if (algorithm == null) {
            throw new IllegalArgumentException("unknown algorithm '" + name + "'; known: " + names());
        }
        return algorithm;
    }

    private static Map<String, Algorithm<?>> byName(Algorithm<?>... algorithms) {
        Map<String, Algorithm<?>> byName = new TreeMap<>();
        for (Algorithm<?> algorithm : algorithms) byName.put(algorithm.name(), algorithm);
        return byName;
    }
}
