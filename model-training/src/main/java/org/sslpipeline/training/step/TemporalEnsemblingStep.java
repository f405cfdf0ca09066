package org.sslpipeline.training.step;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sslpipeline.training.settings.SettingsBlock;
import org.sslpipeline.training.settings.SettingsCheck;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * Temporal Ensembling (Laine and Aila 2017): cross-entropy on the labeled rows (their own pass,
 * {@link SeparateLabeledPassStep}) plus w(t) times the squared difference between an unlabeled row's softmax output (one
 * stochastic pass: weak view, dropout) and its example's ensemble target, averaged over classes and rows (rows whose
 * example has no target yet contribute nothing). The targets are constants: the driver keeps them per
 * example ({@link TemporalEnsemble}: bias-corrected EMA of earlier predictions, momentum alpha) and folds in the
 * predictions this step returns.
 * w(t) ramps up as the Pi-model's.
 */
public final class TemporalEnsemblingStep implements SeparateLabeledPassStep {
    private static final long serialVersionUID = 1L;

    public static final String NAME = "temporal-ensembling";
    public static final Algorithm<Settings> ALGORITHM = new Algorithm<>(NAME, Settings::read,
            (settings, facts) -> new TemporalEnsemblingStep(settings, facts.labeledFraction()));

    /**
     * @param mu                     unlabeled rows per labeled row in a minibatch
     * @param maxWeight              w_max (paper: 30)
     * @param scaleByLabeledFraction whether w_max is multiplied by the labeled fraction (paper: yes)
     * @param rampLength             fraction of the run the ramp-up takes (paper: 80 of 300 epochs)
     * @param momentum               the ensemble momentum alpha of Z = alpha Z + (1 - alpha) z (paper: 0.6)
     */
    public record Settings(int mu, double maxWeight, boolean scaleByLabeledFraction, double rampLength,
                           double momentum) implements Serializable {
        public Settings {
            SettingsCheck.section(Algorithm.section(NAME))
                    .positive("mu", mu)
                    .nonNegative("max-weight", maxWeight)
                    .partOfRun("ramp-length", rampLength)
                    .fraction("momentum", momentum)
                    .done();
        }

        static Settings read(SettingsBlock block) {
            return new Settings(block.integer("mu"), block.number("max-weight"),
                    block.bool("scale-by-labeled-fraction"), block.number("ramp-length"), block.number("momentum"));
        }

        /** w_max as it applies to a run with this labeled fraction. */
        public double weight(double labeledFraction) {
            return scaleByLabeledFraction ? maxWeight * labeledFraction : maxWeight;
        }
    }

    private final int mu;
    private final ConsistencyRamp ramp;
    private final double alpha;

    /** @param labeledFraction labeled rows / all training rows, for {@link Settings#weight} */
    public TemporalEnsemblingStep(Settings settings, double labeledFraction) {
        this.mu = settings.mu();
        this.ramp = new ConsistencyRamp(settings.weight(labeledFraction), settings.rampLength());
        this.alpha = settings.momentum();
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
    public AlgorithmState newState(int classes) {
        return new TemporalEnsemble(alpha, classes);
    }

    @Override
    public RoundTargets roundTargets(byte[] snapshot, ComputationGraphConfiguration network) {
        return KeyedRows.fromBytes(snapshot);
    }

    @Override
    public INDArray trainingInput(TrainingBatch batch) {
        return batch.weakView();
    }

    @Override
    public StepLoss loss(TrainingBatch batch, INDArray logits, INDArray features, StepContext context) {
        RowTargets targets = context.targets();
        if (targets == null) throw new IllegalStateException("Temporal Ensembling needs the rows' ensemble targets");
        double weight = ramp.weightAt(context.progress());
        var consistency = SoftmaxSquaredDifference.towards(logits, targets.probabilities(), targets.mask(), weight);
        Map<String, Double> terms = new HashMap<>(consistency.terms(weight));
        terms.put("with_target", targets.mask().sumNumber().doubleValue() / batch.size());
        return new StepLoss(consistency.value(), consistency.gradientA(), null, terms,
                KeyedRows.of(batch, SoftmaxCrossEntropy.softmax(logits)));
    }
}
