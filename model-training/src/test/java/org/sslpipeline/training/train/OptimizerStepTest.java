package org.sslpipeline.training.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;
import org.sslpipeline.training.SyntheticImages;
import org.sslpipeline.training.augment.Augmentations;
import org.sslpipeline.training.data.LabeledImage;
import org.sslpipeline.training.nn.NetworkArchitecture;
import org.sslpipeline.training.nn.NetworkSpec;
import org.sslpipeline.training.step.PiModelStep;
import org.sslpipeline.training.step.StepLoss;
import org.sslpipeline.training.step.SupervisedStep;
import org.sslpipeline.training.step.TrainingBatch;
import org.sslpipeline.training.step.TrainingRows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptimizerStepTest {
    private static final int ROWS = 16;
    private static final Set<Integer> LABELED = Set.of(0, 2, 5, 9);

    @Test
    void labeledRowsAreSelectedInOrderWithAllTheirArrays() {
        TrainingBatch batch = mixedBatch();
        TrainingBatch labeled = batch.rowsWhereLabeled(true);
        TrainingBatch unlabeled = batch.rowsWhereLabeled(false);
        assertEquals(LABELED.size(), labeled.size());
        assertEquals(ROWS - LABELED.size(), unlabeled.size());
        int[] picked = {0, 2, 5, 9};
        for (int i = 0; i < picked.length; i++) {
            assertEquals(batch.exampleKey(picked[i]), labeled.exampleKey(i));
            assertEquals(batch.weakView().slice(picked[i]), labeled.weakView().slice(i));
            assertEquals(batch.secondView().slice(picked[i]), labeled.secondView().slice(i));
            assertEquals(batch.labels().getRow(picked[i]), labeled.labels().getRow(i));
        }
        assertEquals(0.0, unlabeled.labeledMask().sumNumber().doubleValue(), 0.0);
        assertSame(labeled, labeled.rowsWhereLabeled(true), "a batch whose every row qualifies is itself");
        assertEquals(null, labeled.rowsWhereLabeled(false));
    }

    /**
     * With plain SGD the update is linear in the gradient, so the two-pass step must equal the labeled pass's
     * update plus the unlabeled pass's, each run alone from the same weights, except for batch normalization's
     * running statistics, which only the labeled rows move.
     */
    @Test
    void labeledRowsInTheirOwnPassAddBothGradientsAndAloneMoveTheRunningStatistics() {
        TrainingBatch batch = mixedBatch();
        ComputationGraph together = network();
        ComputationGraph labeledAlone = together.clone();
        ComputationGraph unlabeledAlone = together.clone();
        Map<String, INDArray> start = copy(together.paramTable());

        PiModelStep piModel = new PiModelStep(new PiModelStep.Settings(7, 30.0, false, 0.3), 1.0);
        StepLoss loss = OptimizerStep.run(together, piModel, batch, 10);
        StepLoss supervised = OptimizerStep.run(labeledAlone, new SupervisedStep(), batch.rowsWhereLabeled(true), 10);
        StepLoss consistency = OptimizerStep.run(unlabeledAlone, piModel, batch.rowsWhereLabeled(false), 10);

        assertEquals(supervised.value(), loss.terms().get("supervised"), 1e-6);
        assertEquals(supervised.value() + consistency.value(), loss.value(), 1e-5);
        int runningStatistics = 0;
        for (var param : start.entrySet()) {
            String name = param.getKey();
            INDArray moved = together.getParam(name).sub(param.getValue());
            INDArray byLabeled = labeledAlone.getParam(name).sub(param.getValue());
            INDArray byUnlabeled = unlabeledAlone.getParam(name).sub(param.getValue());
            if (name.endsWith("_mean") || name.endsWith("_var") || name.endsWith("_log10stdev")) {
                runningStatistics++;
                assertTrue(byLabeled.distance2(byUnlabeled) > 1e-6, name + ": the two row sets' statistics differ");
                assertEquals(0.0, moved.distance2(byLabeled), 1e-7, name + " follows the labeled rows only");
            } else {
                INDArray sum = byLabeled.add(byUnlabeled);
                assertEquals(0.0, moved.distance2(sum), 1e-5 * Math.max(1e-3, sum.norm2Number().doubleValue()),
                        name + " moves by the sum of both passes' updates");
            }
        }
        assertTrue(runningStatistics > 0, "the network has batch normalization");
        assertNotEquals(0.0, together.params().distance2(labeledAlone.params()));
    }

    private static ComputationGraph network() {
        return NetworkArchitecture.byName("small-cnn").build(new NetworkSpec(28, 28, 1, 10, 1, 0.0, 3), new Sgd(0.1), 0.0);
    }

    /** Rows 0, 2, 5 and 9 labeled, the rest unlabeled, each with a weak view and a second weak one. */
    private static TrainingBatch mixedBatch() {
        List<LabeledImage> images = SyntheticImages.bars(ROWS, 10, 28, 1, 5);
        List<LabeledImage> rows = new ArrayList<>();
        for (int row = 0; row < ROWS; row++) {
            LabeledImage image = images.get(row);
            rows.add(LABELED.contains(row) ? image : new LabeledImage(image.id(), LabeledImage.UNLABELED, image.pixels()));
        }
        var trainingRows = new TrainingRows(10, Augmentations.byName("weak"), Augmentations.byName("weak"), 1);
        return new TrainingBatch(trainingRows.batch(rows, 0));
    }

    private static Map<String, INDArray> copy(Map<String, INDArray> params) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        params.forEach((name, value) -> out.put(name, value.dup()));
        return out;
    }
}
