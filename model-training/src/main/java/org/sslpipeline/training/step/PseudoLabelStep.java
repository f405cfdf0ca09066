package org.sslpipeline.training.step;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.sslpipeline.training.settings.SettingsBlock;
import org.sslpipeline.training.settings.SettingsCheck;

import java.io.Serializable;
import java.util.Map;

/**
 * Pseudo-Label (Lee 2013): cross-entropy on labeled rows (their own pass, {@link SeparateLabeledPassStep}) plus alpha(t)
 * times the cross-entropy of unlabeled rows against their own current argmax. alpha is 0 until the ramp starts,
 * rises linearly to alpha_f at its end and stays there. With a threshold above 0, only confident pseudo-labels count
 * (the modern variant).
 */
public final class PseudoLabelStep implements SeparateLabeledPassStep {
    private static final long serialVersionUID = 1L;

    public static final String NAME = "pseudo-label";
    public static final Algorithm<Settings> ALGORITHM = new Algorithm<>(NAME, Settings::read,
            (settings, facts) -> new PseudoLabelStep(settings));

    /**
     * @param mu          unlabeled rows per labeled row in a minibatch
     * @param finalWeight alpha_f, the final weight of the pseudo-label loss (Lee: 3)
     * @param rampStart   fraction of the run before which alpha is 0 (Lee: T1 = 100 epochs; of a 1000-epoch run)
     * @param rampEnd     fraction of the run where alpha reaches alpha_f (Lee: T2 = 600 epochs of 1000)
     * @param threshold   confidence a pseudo-label needs: 0 for Lee's original (every argmax counts), e.g. 0.95 for
     *                    the thresholded variant
     */
    public record Settings(int mu, double finalWeight, double rampStart, double rampEnd, double threshold)
            implements Serializable {
        public Settings {
            SettingsCheck.section(Algorithm.section(NAME))
                    .positive("mu", mu)
                    .nonNegative("final-weight", finalWeight)
                    .require(rampStart >= 0 && rampStart <= rampEnd, "ramp-start", "must be in [0, ramp-end]", rampStart)
                    .require(rampEnd <= 1, "ramp-end", "must be at most 1", rampEnd)
                    .probability("threshold", threshold)
                    .done();
        }

        static Settings read(SettingsBlock block) {
            return new Settings(block.integer("mu"), block.number("final-weight"), block.number("ramp-start"),
                    block.number("ramp-end"), block.number("threshold"));
        }
    }

    private final int mu;
    private final double finalWeight;
    private final double rampStart;
    private final double rampEnd;
    private final double threshold;

    public PseudoLabelStep(Settings settings) {
        this.mu = settings.mu();
        this.finalWeight = settings.finalWeight();
        this.rampStart = settings.rampStart();
        this.rampEnd = settings.rampEnd();
        this.threshold = settings.threshold();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int unlabeledRatio() {
        return mu;
    }

    @Override
    public INDArray trainingInput(TrainingBatch batch) {
        return batch.weakView();
    }

    /** Lee's alpha(t) over the fraction t of the run done. */
    double weightAt(double progress) {
        if (progress < rampStart) return 0.0;
        if (progress >= rampEnd) return finalWeight;
        return finalWeight * (progress - rampStart) / (rampEnd - rampStart);
    }

    @Override
    public StepLoss loss(TrainingBatch batch, INDArray logits, INDArray features, StepContext context) {
        INDArray unlabeled = batch.unlabeledMask();
        double numUnlabeled = Math.max(1.0, unlabeled.sumNumber().doubleValue());
        double alpha = weightAt(context.progress());

        HardTargets pseudo = HardTargets.of(logits);
        INDArray mask = threshold > 0 ? pseudo.confident(threshold).muli(unlabeled) : unlabeled;
        var unsupervised = SoftmaxCrossEntropy.of(logits, pseudo.oneHot(), mask, numUnlabeled);

        return new StepLoss(alpha * unsupervised.value(), unsupervised.gradient().muli(alpha), null, Map.of(
                "unsupervised", unsupervised.value(),
                "alpha", alpha,
                "mask_rate", mask.sumNumber().doubleValue() / numUnlabeled));
    }
}
