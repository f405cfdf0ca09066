package org.sslpipeline.training.step;

import java.io.Serializable;

/**
 * Hyperparameters of the semi-supervised steps (reference values from the papers named in DESIGN section 4).
 *
 * @param mu                   unlabeled rows per labeled row in a minibatch (FixMatch: 7)
 * @param threshold            confidence a pseudo-label needs (FixMatch: 0.95)
 * @param unlabeledWeight      weight of FixMatch's unlabeled loss (lambda_u: 1)
 * @param pseudoLabelFinalWeight Pseudo-Label's alpha_f (Lee 2013: 3)
 * @param pseudoLabelRampStart fraction of the run before which alpha is 0 (Lee: T1 = 100 of about 1000 epochs)
 * @param pseudoLabelRampEnd   fraction of the run where alpha reaches alpha_f (Lee: T2 = 600)
 * @param pseudoLabelThreshold 0 for Lee's original (every argmax counts); e.g. 0.95 for the thresholded variant
 * @param piMaxWeight          Pi-model's w_max (Laine and Aila: 100)
 * @param piScaledByLabeledFraction whether w_max is multiplied by the labeled fraction (Laine and Aila: yes; USB: no)
 * @param piRampLength         fraction of the run over which exp(-5(1-T)^2) ramps up (Laine and Aila: 80 of 300 epochs)
 * @param meanTeacherMaxWeight maximum weight of Mean Teacher's consistency term
 * @param meanTeacherRampLength fraction of the run over which that weight ramps up as exp(-5(1-T)^2)
 * @param temporalMaxWeight    Temporal Ensembling's w_max (Laine and Aila: 30)
 * @param temporalScaledByLabeledFraction whether that w_max is multiplied by the labeled fraction (Laine and Aila: yes)
 * @param temporalRampLength   fraction of the run over which its weight ramps up (Laine and Aila: 80 of 300 epochs)
 * @param temporalMomentum     the ensemble momentum alpha (Laine and Aila: 0.6)
 * @param featureDistanceWeight weight of FeatDistLoss's feature term (DESIGN: 1)
 * @param labeledFraction      labeled rows / all training rows
 */
public record AlgorithmSettings(int mu, double threshold, double unlabeledWeight,
                                double pseudoLabelFinalWeight, double pseudoLabelRampStart, double pseudoLabelRampEnd,
                                double pseudoLabelThreshold, double piMaxWeight, boolean piScaledByLabeledFraction,
                                double piRampLength, double meanTeacherMaxWeight, double meanTeacherRampLength,
                                double temporalMaxWeight, boolean temporalScaledByLabeledFraction,
                                double temporalRampLength, double temporalMomentum,
                                double featureDistanceWeight, double labeledFraction) implements Serializable {
    public AlgorithmSettings {
        if (mu <= 0) throw new IllegalArgumentException("mu must be > 0, got " + mu);
        if (threshold < 0 || threshold > 1) throw new IllegalArgumentException("threshold must be in [0,1], got " + threshold);
        if (unlabeledWeight < 0) throw new IllegalArgumentException("unlabeled weight must be >= 0, got " + unlabeledWeight);
        if (pseudoLabelFinalWeight < 0) throw new IllegalArgumentException("pseudo-label weight must be >= 0");
        if (pseudoLabelRampStart < 0 || pseudoLabelRampEnd > 1 || pseudoLabelRampStart > pseudoLabelRampEnd) {
            throw new IllegalArgumentException("pseudo-label ramp must satisfy 0 <= start <= end <= 1, got "
                    + pseudoLabelRampStart + ".." + pseudoLabelRampEnd);
        }
        if (pseudoLabelThreshold < 0 || pseudoLabelThreshold > 1) throw new IllegalArgumentException("pseudo-label threshold must be in [0,1]");
        if (piMaxWeight < 0) throw new IllegalArgumentException("Pi-model weight must be >= 0");
        if (piRampLength <= 0 || piRampLength > 1) throw new IllegalArgumentException("Pi-model ramp length must be in (0,1]");
        if (meanTeacherMaxWeight < 0) throw new IllegalArgumentException("Mean Teacher weight must be >= 0");
        if (meanTeacherRampLength <= 0 || meanTeacherRampLength > 1) throw new IllegalArgumentException("Mean Teacher ramp length must be in (0,1]");
        if (temporalMaxWeight < 0) throw new IllegalArgumentException("Temporal Ensembling weight must be >= 0");
        if (temporalRampLength <= 0 || temporalRampLength > 1) throw new IllegalArgumentException("Temporal Ensembling ramp length must be in (0,1]");
        if (temporalMomentum < 0 || temporalMomentum >= 1) throw new IllegalArgumentException("ensemble momentum must be in [0,1)");
        if (featureDistanceWeight < 0) throw new IllegalArgumentException("feature distance weight must be >= 0");
        if (labeledFraction <= 0 || labeledFraction > 1) throw new IllegalArgumentException("labeled fraction must be in (0,1], got " + labeledFraction);
    }

    /** The papers' reference values, the labeled fraction aside. */
    public static AlgorithmSettings reference(double labeledFraction) {
        return new AlgorithmSettings(7, 0.95, 1.0, 3.0, 0.1, 0.6, 0.0, 100.0, true, 80.0 / 300.0, 100.0, 80.0 / 300.0,
                30.0, true, 80.0 / 300.0, 0.6, 1.0, labeledFraction);
    }

    /** The Pi-model's w_max as it applies: scaled by the labeled fraction if so configured. */
    public double piWeight() {
        return piScaledByLabeledFraction ? piMaxWeight * labeledFraction : piMaxWeight;
    }

    /** Temporal Ensembling's w_max as it applies. */
    public double temporalWeight() {
        return temporalScaledByLabeledFraction ? temporalMaxWeight * labeledFraction : temporalMaxWeight;
    }
}
