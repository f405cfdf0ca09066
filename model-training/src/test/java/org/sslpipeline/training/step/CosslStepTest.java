package org.sslpipeline.training.step;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.sslpipeline.training.DoublePrecision;
import org.sslpipeline.training.nn.NetworkOutputs;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CoSSL's whole loss over its stacked views against finite differences, before and after co-learning starts. */
@ExtendWith(DoublePrecision.class)
class CosslStepTest {
    private static final int ROWS = 8;
    private static final int CLASSES = 3;
    private static final CosslStep STEP = new CosslStep(new CosslStep.Settings(2, 0.6, 1.0, 0.6, 0.5),
            new long[]{100, 30, 5});

    @Test
    void gradientsOfBothClassifiersMatchFiniteDifferences() {
        for (StepContext context : new StepContext[]{new StepContext(10, 0, 100), new StepContext(70, 0, 100)}) {
            TrainingBatch batch = batch();
            Nd4j.getRandom().setSeed(61);
            INDArray logits = Nd4j.randn(DataType.DOUBLE, 2 * ROWS, CLASSES).muli(3.0);
            INDArray encoder = Nd4j.randn(DataType.DOUBLE, 2 * ROWS, CLASSES).muli(3.0);
            StepLoss loss = loss(batch, logits, encoder, context);
            FiniteDifferences.assertGradient(() -> loss(batch, logits, encoder, context).value(), logits,
                    loss.logitsError(), "dL/dlogits");
            FiniteDifferences.assertGradient(() -> loss(batch, logits, encoder, context).value(), encoder,
                    loss.headErrors().get(NetworkOutputs.ENCODER_LOGITS), "dL/dencoder_logits");
            assertEquals(0.0, Rows.of(loss.logitsError(), 0, ROWS).norm2Number().doubleValue(), 0.0,
                    "the rebalanced classifier learns on the strong views");
            assertTrue(loss.terms().get("mixed_rate") > 0, "tail-class rows get mixed: " + loss.terms());
        }
    }

    @Test
    void coLearningTakesThePseudoLabelsFromTheRebalancedClassifier() {
        TrainingBatch batch = batch();
        INDArray logits = Nd4j.zeros(DataType.DOUBLE, 2 * ROWS, CLASSES);
        INDArray encoder = Nd4j.zeros(DataType.DOUBLE, 2 * ROWS, CLASSES);
        for (int row = 0; row < ROWS; row++) {
            logits.putScalar(row, 2, 5.0);  // the rebalanced classifier says class 2
            encoder.putScalar(row, 0, 5.0); // the encoder's classifier says class 0
        }
        for (StepContext context : new StepContext[]{new StepContext(10, 0, 100), new StepContext(70, 0, 100)}) {
            INDArray error = loss(batch, logits, encoder, context).headErrors().get(NetworkOutputs.ENCODER_LOGITS);
            // the error of an unlabeled strong row is negative at its pseudo-label's class
            int pulledTowards = error.getRow(ROWS + 5).neg().argMax().getInt(0);
            assertEquals(context.progress() >= 0.5 ? 2 : 0, pulledTowards, "at progress " + context.progress());
        }
    }

    private static StepLoss loss(TrainingBatch batch, INDArray logits, INDArray encoder, StepContext context) {
        return STEP.loss(batch, logits, null, Map.of(NetworkOutputs.ENCODER_LOGITS, encoder), context);
    }


    /** Rows 0-3 labeled (classes 0, 1, 2, 2), the rest unlabeled; weak and strong views. */
    private static TrainingBatch batch() {
        INDArray images = Nd4j.rand(DataType.FLOAT, ROWS, 1, 4, 4);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, ROWS, CLASSES);
        INDArray meta = Nd4j.zeros(DataType.DOUBLE, ROWS, 2);
        int[] classes = {0, 1, 2, 2};
        for (int r = 0; r < ROWS; r++) meta.putScalar(r, TrainingBatch.META_EXAMPLE_KEY, 300 + r);
        for (int r = 0; r < classes.length; r++) {
            labels.putScalar(r, classes[r], 1.0);
            meta.putScalar(r, TrainingBatch.META_LABELED, 1.0);
        }
        return new TrainingBatch(new MultiDataSet(new INDArray[]{images, images.dup()}, new INDArray[]{labels, meta}));
    }
}
