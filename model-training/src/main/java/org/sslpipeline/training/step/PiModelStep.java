package org.sslpipeline.training.step;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Pi-model (Laine and Aila 2017): cross-entropy on the labeled rows (their own pass, {@link UnlabeledPassStep}) plus
 * w(t) times the squared difference of the softmax outputs of two stochastic passes (two weak views, different
 * dropout) over every unlabeled row, averaged over classes and rows.
 * w(t) = w_max * exp(-5 (1 - T)^2) with T the ramp's progress; the paper scales w_max by the labeled fraction
 * ({@link AlgorithmSettings#piWeight()}). Both passes receive gradient.
 */
public final class PiModelStep implements UnlabeledPassStep {
    private static final long serialVersionUID = 1L;

    private final ConsistencyRamp ramp;

    /**
     * @param maxWeight w_max as it applies, scaled by the labeled fraction or not ({@link AlgorithmSettings#piWeight()})
     */
    public PiModelStep(double maxWeight, double rampLength) {
        this.ramp = new ConsistencyRamp(maxWeight, rampLength);
    }

    @Override
    public String name() {
        return "pi-model";
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
        INDArray first = PseudoLabels.rows(logits, 0, n);
        INDArray second = PseudoLabels.rows(logits, n, 2L * n);
        double weight = ramp.weightAt(context.progress());
        var consistency = SoftmaxSquaredDifference.of(first, second, weight);
        INDArray error = Nd4j.zerosLike(logits);
        PseudoLabels.rows(error, 0, n).assign(consistency.gradientA());
        PseudoLabels.rows(error, n, 2L * n).assign(consistency.gradientB());
        return new StepLoss(consistency.value(), error, null, consistency.terms(weight));
    }
}
