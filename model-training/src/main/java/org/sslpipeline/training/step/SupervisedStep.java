package org.sslpipeline.training.step;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.Serializable;
import java.util.Map;

/** Cross-entropy on the labeled rows' weak views; unlabeled rows are ignored. The baseline of every table. */
public final class SupervisedStep implements TrainingStep {
    private static final long serialVersionUID = 1L;
    public static final String NAME = "supervised";
    public static final Algorithm<Settings> ALGORITHM = new Algorithm<>(NAME, block -> new Settings(),
            (settings, facts) -> new SupervisedStep());

    /** Supervised training has no settings of its own (its block is empty). */
    public record Settings() implements Serializable {}

    @Override
    public String name() {
        return NAME;
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
