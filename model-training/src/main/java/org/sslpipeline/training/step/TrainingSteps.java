package org.sslpipeline.training.step;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** The algorithms the pipeline knows, by configuration name. Adding one means adding one line here. */
public final class TrainingSteps {
    private TrainingSteps() {}

    private static final Map<String, Function<AlgorithmSettings, TrainingStep>> BY_NAME = new TreeMap<>(Map.of(
            "supervised", s -> new SupervisedStep(),
            "pseudo-label", s -> new PseudoLabelStep(s.pseudoLabelFinalWeight(), s.pseudoLabelRampStart(),
                    s.pseudoLabelRampEnd(), s.pseudoLabelThreshold()),
            "pi-model", s -> new PiModelStep(s.piWeight(), s.piRampLength()),
            "mean-teacher", s -> new MeanTeacherStep(s.meanTeacherMaxWeight(), s.meanTeacherRampLength()),
            "temporal-ensembling", s -> new TemporalEnsemblingStep(s.temporalWeight(),
                    s.temporalRampLength(), s.temporalMomentum()),
            "fixmatch", s -> new FixMatchStep(s.threshold(), s.unlabeledWeight()),
            "featdistloss", s -> new FeatDistLossStep(s.threshold(), s.unlabeledWeight(), s.featureDistanceWeight())));

    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    public static TrainingStep byName(String name, AlgorithmSettings settings) {
        Function<AlgorithmSettings, TrainingStep> step = BY_NAME.get(name);
        if (step == null) {
            throw new IllegalArgumentException("unknown algorithm '" + name + "'; known: " + names());
        }
        return step.apply(settings);
    }
}
