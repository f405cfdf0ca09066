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
        var ce = SoftmaxCrossEntropy.onLabeledRows(logits, batch);
        return new StepLoss(ce.value(), ce.gradient(), null, Map.of("supervised", ce.value()));
    }
}
