package org.sslpipeline.training.step;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * Pseudo-Label (Lee 2013): cross-entropy on labeled rows (their own pass, {@link UnlabeledPassStep}) plus alpha(t)
 * times the cross-entropy of unlabeled rows against their own current argmax. alpha is 0 until the ramp starts,
 * rises linearly to alpha_f at its end and stays there. With a threshold above 0, only confident pseudo-labels count
 * (the modern variant).
 */
public final class PseudoLabelStep implements UnlabeledPassStep {
    private static final long serialVersionUID = 1L;

    private final double finalWeight;
    private final double rampStart;
    private final double rampEnd;
    private final double threshold;

    public PseudoLabelStep(double finalWeight, double rampStart, double rampEnd, double threshold) {
        this.finalWeight = finalWeight;
        this.rampStart = rampStart;
        this.rampEnd = rampEnd;
        this.threshold = threshold;
    }

    @Override
    public String name() {
        return "pseudo-label";
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

        PseudoLabels pseudo = PseudoLabels.of(logits);
        INDArray mask = threshold > 0 ? pseudo.confident(threshold).muli(unlabeled) : unlabeled;
        var unsupervised = SoftmaxCrossEntropy.of(logits, pseudo.oneHot(), mask, numUnlabeled);

        return new StepLoss(alpha * unsupervised.value(), unsupervised.gradient().muli(alpha), null, Map.of(
                "unsupervised", unsupervised.value(),
                "alpha", alpha,
                "mask_rate", mask.sumNumber().doubleValue() / numUnlabeled));
    }
}
