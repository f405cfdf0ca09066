package org.sslpipeline.driver.config;

/**
 * Hyperparameters of the semi-supervised algorithms ({@code ssl.semi-supervised}); reference values in
 * reference.conf, with their papers.
 */
public record SemiSupervisedSettings(int mu, double threshold, double unlabeledWeight,
                                     double pseudoLabelFinalWeight, double pseudoLabelRampStart,
                                     double pseudoLabelRampEnd, double pseudoLabelThreshold,
                                     double piMaxWeight, boolean piScaledByLabeledFraction, double piRampLength,
                                     double meanTeacherMaxWeight, double meanTeacherRampLength,
                                     double temporalMaxWeight, boolean temporalScaledByLabeledFraction,
                                     double temporalRampLength, double temporalMomentum, double featureDistanceWeight) {
    public SemiSupervisedSettings {
        SettingsCheck.section("ssl.semi-supervised")
                .positive("mu", mu)
                .require(threshold >= 0 && threshold <= 1, "threshold", "must be in [0, 1]", threshold)
                .nonNegative("unlabeled-weight", unlabeledWeight)
                .nonNegative("pseudo-label.final-weight", pseudoLabelFinalWeight)
                .require(pseudoLabelRampStart >= 0 && pseudoLabelRampStart <= pseudoLabelRampEnd,
                        "pseudo-label.ramp-start", "must be in [0, ramp-end]", pseudoLabelRampStart)
                .require(pseudoLabelRampEnd <= 1, "pseudo-label.ramp-end", "must be at most 1", pseudoLabelRampEnd)
                .require(pseudoLabelThreshold >= 0 && pseudoLabelThreshold <= 1, "pseudo-label.threshold",
                        "must be in [0, 1]", pseudoLabelThreshold)
                .nonNegative("pi-model.max-weight", piMaxWeight)
                .require(piRampLength > 0 && piRampLength <= 1, "pi-model.ramp-length", "must be in (0, 1]", piRampLength)
                .nonNegative("mean-teacher.max-weight", meanTeacherMaxWeight)
                .require(meanTeacherRampLength > 0 && meanTeacherRampLength <= 1, "mean-teacher.ramp-length",
                        "must be in (0, 1]", meanTeacherRampLength)
                .nonNegative("temporal-ensembling.max-weight", temporalMaxWeight)
                .require(temporalRampLength > 0 && temporalRampLength <= 1, "temporal-ensembling.ramp-length",
                        "must be in (0, 1]", temporalRampLength)
                .require(temporalMomentum >= 0 && temporalMomentum < 1, "temporal-ensembling.momentum",
                        "must be in [0, 1)", temporalMomentum)
                .nonNegative("feature-distance-weight", featureDistanceWeight)
                .done();
    }
}
