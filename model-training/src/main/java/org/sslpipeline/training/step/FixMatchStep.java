package org.sslpipeline.training.step;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sslpipeline.training.settings.SettingsBlock;
import org.sslpipeline.training.settings.SettingsCheck;

import java.io.Serializable;
import java.util.Map;

/**
 * FixMatch (Sohn et al. 2020): cross-entropy on the labeled rows' weak views, plus lambda_u times the
 * cross-entropy of each unlabeled row's strong view against the argmax of its weak view, counted only where that
 * prediction's confidence reaches tau, averaged over all unlabeled rows. One forward pass over the weak and strong
 * views stacked (as the reference code, so batch-norm sees both); the weak pseudo-label gets no gradient.
 */
public final class FixMatchStep implements TrainingStep {
    private static final long serialVersionUID = 1L;

    public static final String NAME = "fixmatch";
    public static final Algorithm<Settings> ALGORITHM = new Algorithm<>(NAME, Settings::read,
            (settings, facts) -> new FixMatchStep(settings));

    /**
     * @param mu              unlabeled rows per labeled row in a minibatch (paper: 7)
     * @param threshold       confidence tau a pseudo-label needs (paper: 0.95)
     * @param unlabeledWeight lambda_u, the weight of the unlabeled loss (paper: 1)
     */
    public record Settings(int mu, double threshold, double unlabeledWeight) implements Serializable {
        public Settings {
            SettingsCheck.section(Algorithm.section(NAME))
                    .positive("mu", mu)
                    .probability("threshold", threshold)
                    .nonNegative("unlabeled-weight", unlabeledWeight)
                    .done();
        }

        static Settings read(SettingsBlock block) {
            return new Settings(block.integer("mu"), block.number("threshold"), block.number("unlabeled-weight"));
        }
    }

    private final int mu;
    private final double threshold;
    private final double unlabeledWeight;

    public FixMatchStep(Settings settings) {
        this.mu = settings.mu();
        this.threshold = settings.threshold();
        this.unlabeledWeight = settings.unlabeledWeight();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SecondView secondView() {
        return SecondView.STRONG;
    }

    @Override
    public int unlabeledRatio() {
        return mu;
    }

    @Override
    public INDArray trainingInput(TrainingBatch batch) {
        return Nd4j.concat(0, batch.weakView(), batch.secondView());
    }

    @Override
    public StepLoss loss(TrainingBatch batch, INDArray logits, INDArray features, StepContext context) {
        Parts parts = parts(batch, logits);
        return new StepLoss(parts.value(), parts.logitsError(), null, parts.terms());
    }

    /** FixMatch's loss with the confidence mask of its unlabeled rows, for steps that build on it. */
    record Parts(double value, INDArray logitsError, INDArray mask, double numUnlabeled, Map<String, Double> terms) {}

    Parts parts(TrainingBatch batch, INDArray logits) {
        int n = batch.size();
        INDArray weak = Rows.of(logits, 0, n);
        INDArray strong = Rows.of(logits, n, 2L * n);
        INDArray unlabeled = batch.unlabeledMask();
        double numUnlabeled = Math.max(1.0, unlabeled.sumNumber().doubleValue());

        var supervised = SoftmaxCrossEntropy.onLabeledRows(weak, batch);
        HardTargets pseudo = HardTargets.of(weak);
        INDArray mask = pseudo.confident(threshold).muli(unlabeled);
        var consistency = SoftmaxCrossEntropy.of(strong, pseudo.oneHot(), mask, numUnlabeled);

        INDArray error = Nd4j.zerosLike(logits);
        Rows.of(error, 0, n).assign(supervised.gradient());
        Rows.of(error, n, 2L * n).assign(consistency.gradient().muli(unlabeledWeight));
        double value = supervised.value() + unlabeledWeight * consistency.value();
        return new Parts(value, error, mask, numUnlabeled, Map.of(
                "supervised", supervised.value(),
                "unsupervised", consistency.value(),
                "mask_rate", mask.sumNumber().doubleValue() / numUnlabeled));
    }
}
