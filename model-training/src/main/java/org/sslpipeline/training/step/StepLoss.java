package org.sslpipeline.training.step;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * The loss of one step and its gradient with respect to each network output. A null error means no
 * gradient flows into that output (stop-gradient).
 *
 * @param value         the scalar loss
 * @param logitsError   dLoss/dLogits, same shape as the logits of the training pass, or null
 * @param featuresError dLoss/dFeatures, same shape as the features of the training pass, or null
 * @param terms         named parts of the loss and diagnostics (e.g. "supervised", "mask_rate") for logging
 * @param predictions   the softmax of each row's training pass keyed by the row's example, for steps whose
 *                      {@link AlgorithmState} folds them in (Temporal Ensembling); else null
 * @param headErrors    dLoss/dOutput of each of the step's {@link TrainingStep#heads()} by vertex name; a head
 *                      missing here gets no gradient
 */
public record StepLoss(double value, INDArray logitsError, INDArray featuresError, Map<String, Double> terms,
                       KeyedRows predictions, Map<String, INDArray> headErrors) {
    public StepLoss {
        terms = Map.copyOf(terms);
        headErrors = Map.copyOf(headErrors);
    }

    public StepLoss(double value, INDArray logitsError, INDArray featuresError, Map<String, Double> terms,
                    KeyedRows predictions) {
        this(value, logitsError, featuresError, terms, predictions, Map.of());
    }

    public StepLoss(double value, INDArray logitsError, INDArray featuresError, Map<String, Double> terms) {
        this(value, logitsError, featuresError, terms, null, Map.of());
    }
}
