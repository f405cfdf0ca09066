package org.sslpipeline.training.step;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sslpipeline.training.settings.SettingsBlock;
import org.sslpipeline.training.settings.SettingsCheck;

import java.io.Serializable;

/**
 * Pi-model (Laine and Aila 2017): cross-entropy on the labeled rows (their own pass, {@link SeparateLabeledPassStep}) plus
 * w(t) times the squared difference of the softmax outputs of two stochastic passes (two weak views, different
 * dropout) over every unlabeled row, averaged over classes and rows.
 * w(t) = w_max * exp(-5 (1 - T)^2) with T the ramp's progress; the paper scales w_max by the labeled fraction
 * ({@link Settings#weight}). Both passes receive gradient.
 */
public final class PiModelStep implements SeparateLabeledPassStep {
    private static final long serialVersionUID = 1L;

    public static final String NAME = "pi-model";
    public static final Algorithm<Settings> ALGORITHM = new Algorithm<>(NAME, Settings::read,
            (settings, facts) -> new PiModelStep(settings, facts.labeledFraction()));

    /**
     * @param mu                     unlabeled rows per labeled row in a minibatch
     * @param maxWeight              w_max (paper: 100)
     * @param scaleByLabeledFraction whether w_max is multiplied by the labeled fraction (paper: yes; USB: no, with
     *                               w_max 10)
     * @param rampLength             fraction of the run the ramp-up takes (paper: 80 of 300 epochs)
     */
    public record Settings(int mu, double maxWeight, boolean scaleByLabeledFraction, double rampLength)
            implements Serializable {
        public Settings {
            SettingsCheck.section(Algorithm.section(NAME))
                    .positive("mu", mu)
                    .nonNegative("max-weight", maxWeight)
                    .partOfRun("ramp-length", rampLength)
                    .done();
        }

        static Settings read(SettingsBlock block) {
            return new Settings(block.integer("mu"), block.number("max-weight"),
                    block.bool("scale-by-labeled-fraction"), block.number("ramp-length"));
        }

        /** w_max as it applies to a run with this labeled fraction. */
        public double weight(double labeledFraction) {
            return scaleByLabeledFraction ? maxWeight * labeledFraction : maxWeight;
        }
    }

    private final int mu;
    private final ConsistencyRamp ramp;

    /** @param labeledFraction labeled rows / all training rows, for {@link Settings#weight} */
    public PiModelStep(Settings settings, double labeledFraction) {
        this.mu = settings.mu();
        this.ramp = new ConsistencyRamp(settings.weight(labeledFraction), settings.rampLength());
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
    public SecondView secondView() {
        return SecondView.WEAK;
    }

    @Override
    public INDArray trainingInput(TrainingBatch batch) {
        return Nd4j.concat(0, batch.weakView(), batch.secondView());
    }

    @Override
    public StepLoss loss(TrainingBatch batch, INDArray logits, INDArray features, StepContext context) {
        int n = batch.size();
        INDArray first = Rows.of(logits, 0, n);
        INDArray second = Rows.of(logits, n, 2L * n);
        double weight = ramp.weightAt(context.progress());
        var consistency = SoftmaxSquaredDifference.of(first, second, weight);
        INDArray error = Nd4j.zerosLike(logits);
        Rows.of(error, 0, n).assign(consistency.gradientA());
        Rows.of(error, n, 2L * n).assign(consistency.gradientB());
        return new StepLoss(consistency.value(), error, null, consistency.terms(weight));
    }
}
