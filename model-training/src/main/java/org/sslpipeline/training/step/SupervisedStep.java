package org.sslpipeline.training.step;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/** Cross-entropy on the labeled rows' weak views; unlabeled rows are ignored. The baseline of every table. */
public final class SupervisedStep implements TrainingStep {
    private static final long serialVersionUID = 1L;

    @Override
    public String name() {
        return "supervised";
    }

    @Override
    public INDArray trainingInput(TrainingBatch batch) {
        return batch.weakView();
    }

    @Override
    public StepLoss loss(TrainingBatch batch, INDArray logits, INDArray features, StepContext context) {
        INDArray labeled = batch.labeledMask();
        double numLabeled = labeled.sumNumber().doubleValue();
        var ce = SoftmaxCrossEntropy.of(logits, batch.labels(), labeled, Math.max(1.0, numLabeled));
        return new StepLoss(ce.value(), ce.gradient(), null, Map.of("supervised", ce.value()));
    }
}
