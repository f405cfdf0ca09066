package org.sslpipeline.training.step;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.HashMap;
import java.util.Map;

/**
 * Temporal Ensembling (Laine and Aila 2017): cross-entropy on the labeled rows (their own pass,
 * {@link UnlabeledPassStep}) plus w(t) times the squared difference between an unlabeled row's softmax output (one
 * stochastic pass: weak view, dropout) and its example's ensemble target, averaged over classes and rows (rows whose
 * example has no target yet contribute nothing). The targets are constants: the driver keeps them per
 * example (bias-corrected EMA of earlier predictions, momentum alpha) and folds in the predictions this step returns.
 * w(t) ramps up as the Pi-model's.
 */
public final class TemporalEnsemblingStep implements UnlabeledPassStep {
    private static final long serialVersionUID = 1L;

    private final ConsistencyRamp ramp;
    private final double alpha;

    /**
     * @param maxWeight w_max as it applies ({@link AlgorithmSettings#temporalWeight()})
     * @param alpha     the ensemble momentum (paper: 0.6)
     */
    public TemporalEnsemblingStep(double maxWeight, double rampLength, double alpha) {
        if (alpha < 0 || alpha >= 1) throw new IllegalArgumentException("ensemble momentum must be in [0, 1), got " + alpha);
        this.ramp = new ConsistencyRamp(maxWeight, rampLength);
        this.alpha = alpha;
    }

    @Override
    public String name() {
        return "temporal-ensembling";
    }

    @Override
    public double ensembleMomentum() {
        return alpha;
    }

    @Override
    public INDArray trainingInput(TrainingBatch batch) {
        return batch.weakView();
    }

    @Override
    public StepLoss loss(TrainingBatch batch, INDArray logits, INDArray features, StepContext context) {
        if (context.ensemble() == null) throw new IllegalStateException("Temporal Ensembling needs the rows' ensemble targets");
        double weight = ramp.weightAt(context.progress());
        var consistency = SoftmaxSquaredDifference.towards(logits, context.ensemble().targets(),
                context.ensemble().mask(), weight);
        Map<String, Double> terms = new HashMap<>(consistency.terms(weight));
        terms.put("with_target", context.ensemble().mask().sumNumber().doubleValue() / batch.size());
        return new StepLoss(consistency.value(), consistency.gradientA(), null, terms,
                KeyedRows.of(batch, SoftmaxCrossEntropy.softmax(logits)));
    }
}
