package org.sslpipeline.training.step;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.sslpipeline.training.DoublePrecision;
import org.sslpipeline.training.nn.NetworkOutputs;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OpenMatch's whole loss over its three stacked views against finite differences, before and after FixMatch joins. */
@ExtendWith(DoublePrecision.class)
class OpenMatchStepTest {
    private static final int ROWS = 8;
    private static final int CLASSES = 3;
    private static final OpenMatchStep STEP = new OpenMatchStep(new OpenMatchStep.Settings(2, 0.1, 0.5, 0.3, 0.0));

    @Test
    void gradientsOfTheLogitsAndTheOvaOutputsMatchFiniteDifferences() {
        for (StepContext context : new StepContext[]{new StepContext(10, 0, 100), new StepContext(50, 0, 100)}) {
            TrainingBatch batch = batch();
            Nd4j.getRandom().setSeed(41);
            INDArray logits = Nd4j.randn(DataType.DOUBLE, 3 * ROWS, CLASSES).muli(3.0);
            INDArray ova = Nd4j.randn(DataType.DOUBLE, 3 * ROWS, 2 * CLASSES).muli(2.0);
            StepLoss loss = loss(batch, logits, ova, context);
            FiniteDifferences.assertGradient(() -> loss(batch, logits, ova, context).value(), logits,
                    loss.logitsError(), "dL/dlogits");
            FiniteDifferences.assertGradient(() -> loss(batch, logits, ova, context).value(), ova,
                    loss.headErrors().get(NetworkOutputs.OVA), "dL/dova");
            double fixMatch = loss.terms().get("mask_rate");
            assertEquals(context.progress() >= 0.3, fixMatch > 0, "FixMatch joins after its start: " + loss.terms());
        }
    }

    @Test
    void strongViewsLearnOnlyFromInliers() {
        TrainingBatch batch = batch();
        INDArray logits = Nd4j.zeros(DataType.DOUBLE, 3 * ROWS, CLASSES);
        for (int row = 0; row < ROWS; row++) logits.putScalar(row, row % CLASSES, 4.0); // confident predictions
        INDArray ova = Nd4j.zeros(DataType.DOUBLE, 3 * ROWS, 2 * CLASSES);
        for (int row = 0; row < ROWS; row++) {
            int predicted = row % CLASSES;
            // rows 4 and up: the OVA head of the predicted class says "not this class" (an outlier)
            ova.putScalar(row, row >= 4 ? predicted : CLASSES + predicted, 3.0);
        }
        StepLoss loss = loss(batch, logits, ova, new StepContext(90, 0, 100));
        for (int row = 0; row < ROWS; row++) {
            double strongError = loss.logitsError().getRow(2L * ROWS + row).norm2Number().doubleValue();
            boolean unlabeledInlier = row >= 2 && row < 4;
            assertEquals(unlabeledInlier, strongError > 0, "row " + row + " (rows 0-1 labeled, 4+ outliers)");
        }
        assertEquals(2.0 / 6, loss.terms().get("inlier_rate"), 1e-12);
    }

    private static StepLoss loss(TrainingBatch batch, INDArray logits, INDArray ova, StepContext context) {
        Map<String, INDArray> heads = new HashMap<>();
        heads.put(NetworkOutputs.OVA, ova);
        return STEP.loss(batch, logits, null, heads, context);
    }


    /** Rows 0 and 1 labeled (classes 0 and 1), the rest unlabeled; three views. */
    private static TrainingBatch batch() {
        INDArray images = Nd4j.rand(DataType.FLOAT, ROWS, 1, 4, 4);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, ROWS, CLASSES);
        INDArray meta = Nd4j.zeros(DataType.DOUBLE, ROWS, 2);
        for (int r = 0; r < ROWS; r++) meta.putScalar(r, TrainingBatch.META_EXAMPLE_KEY, 100 + r);
        for (int r = 0; r < 2; r++) {
            labels.putScalar(r, r, 1.0);
            meta.putScalar(r, TrainingBatch.META_LABELED, 1.0);
        }
        assertTrue(ROWS > 4);
        return new TrainingBatch(new MultiDataSet(new INDArray[]{images, images.dup(), images.dup()},
                new INDArray[]{labels, meta}));
    }
}
