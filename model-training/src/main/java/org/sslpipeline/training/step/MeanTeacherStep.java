package org.sslpipeline.training.step;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Mean Teacher (Tarvainen and Valpola 2017): cross-entropy on the labeled rows (their own pass,
 * {@link UnlabeledPassStep}) plus w(t) times the squared difference between the student's softmax on one weak view of
 * an unlabeled row and the teacher's softmax on another, averaged over classes and rows. The teacher is
 * the EMA of the student's weights; no gradient reaches it. w(t) follows the same exp(-5 (1 - T)^2) ramp-up as the
 * Pi-model.
 */
public final class MeanTeacherStep implements UnlabeledPassStep {
    private static final long serialVersionUID = 1L;

    private final ConsistencyRamp ramp;

    public MeanTeacherStep(double maxWeight, double rampLength) {
        this.ramp = new ConsistencyRamp(maxWeight, rampLength);
    }

    @Override
    public String name() {
        return "mean-teacher";
    }

    @Override
    public SecondView secondView() {
        return SecondView.WEAK;
    }

    @Override
    public boolean usesTeacher() {
        return true;
    }

    @Override
    public INDArray teacherInput(TrainingBatch batch) {
        return batch.secondView();
    }

    @Override
    public INDArray trainingInput(TrainingBatch batch) {
        return batch.weakView();
    }

    @Override
    public StepLoss loss(TrainingBatch batch, INDArray logits, INDArray features, StepContext context) {
        if (context.teacherLogits() == null) throw new IllegalStateException("Mean Teacher needs the teacher's logits");
        double weight = ramp.weightAt(context.progress());
        // the teacher's probabilities are constants of the loss: no gradient reaches the teacher
        var consistency = SoftmaxSquaredDifference.towards(logits, SoftmaxCrossEntropy.softmax(context.teacherLogits()),
                null, weight);
        return new StepLoss(consistency.value(), consistency.gradientA(), null, consistency.terms(weight));
    }
}
