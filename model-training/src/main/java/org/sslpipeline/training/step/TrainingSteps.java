package org.sslpipeline.training.step;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** The algorithms the pipeline knows, by configuration name. Adding one means adding one line here. */
public final class TrainingSteps {
    private TrainingSteps() {}

    private static final Map<String, Supplier<TrainingStep>> BY_NAME = new TreeMap<>(Map.of(
            "supervised", SupervisedStep::new));

    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    public static TrainingStep byName(String name) {
        Supplier<TrainingStep> step = BY_NAME.get(name);
        if (step == null) {
            throw new IllegalArgumentException("unknown algorithm '" + name + "'; known: " + names());
        }
        return step.get();
    }
}
