package org.sslpipeline.training.step;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.sslpipeline.training.DoublePrecision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each semi-supervised loss's error with respect to the logits against central finite differences of its value,
 * including the masked rows and the stop-gradient pseudo-labels (piecewise constant, so zero derivative).
 */
@ExtendWith(DoublePrecision.class)
class SemiSupervisedStepGradientTest {
    private static final int ROWS = 8;      // 3 labeled, 5 unlabeled
    private static final int CLASSES = 4;
    @Test
    void fixMatch() {
        FixMatchStep step = new FixMatchStep(new FixMatchStep.Settings(7, 0.95, 1.5));
        INDArray logits = logits(2 * ROWS, 11);
        StepLoss loss = checkAgainstFiniteDifferences(step, logits, new StepContext(10, 0, 100));
        // unlabeled rows' weak logits only make pseudo-labels: no gradient flows into them
        for (int row = 3; row < ROWS; row++) {
            assertEquals(0.0, loss.logitsError().getRow(row).norm2Number().doubleValue(), 0.0, "weak row " + row);
        }
        double maskRate = loss.terms().get("mask_rate");
        assertTrue(maskRate > 0 && maskRate < 1, "the test batch must exercise the confidence mask, got " + maskRate);
    }

    @Test
    void featDistLossOnLogitsAndFeatures() {
        FeatDistLossStep step = new FeatDistLossStep(new FeatDistLossStep.Settings(7, 0.95, 1.0, 2.0));
        StepLoss loss = checkAgainstFiniteDifferences(step, logits(2 * ROWS, 15), new StepContext(10, 0, 100));
        assertTrue(loss.terms().get("feature_distance") > 0, "the mask must select some rows");
    }

    @Test
    void meanTeacherGivesNoGradientToItsTeacher() {
        Nd4j.getRandom().setSeed(16);
        INDArray teacherTargets = SoftmaxCrossEntropy.softmax(Nd4j.randn(DataType.DOUBLE, ROWS, CLASSES));
        INDArray teacherBefore = teacherTargets.dup();
        StepLoss loss = checkAgainstFiniteDifferences(new MeanTeacherStep(new MeanTeacherStep.Settings(7, 10.0, 0.3)), logits(ROWS, 17),
                new StepContext(20, 0, 100, new RowTargets(teacherTargets, null)));
        assertTrue(loss.terms().get("consistency") > 0);
        assertEquals(teacherBefore, teacherTargets, "the teacher's targets are constants of the loss");
    }

    @Test
    void pseudoLabelOriginalAndThresholded() {
        StepContext midRamp = new StepContext(35, 0, 100);
        checkAgainstFiniteDifferences(new PseudoLabelStep(new PseudoLabelStep.Settings(7, 3.0, 0.1, 0.6, 0.0)), logits(ROWS, 12), midRamp);
        StepLoss thresholded = checkAgainstFiniteDifferences(new PseudoLabelStep(new PseudoLabelStep.Settings(7, 3.0, 0.1, 0.6, 0.95)), logits(ROWS, 13), midRamp);
        assertEquals(3.0 * 0.25 / 0.5, thresholded.terms().get("alpha"), 1e-12);
        PseudoLabelStep step = new PseudoLabelStep(new PseudoLabelStep.Settings(7, 3.0, 0.1, 0.6, 0.0));
        assertEquals(0.0, step.weightAt(0.05), 0.0);
        assertEquals(3.0, step.weightAt(0.9), 0.0);
    }

    @Test
    void piModelBothPassesGetGradient() {
        StepLoss loss = checkAgainstFiniteDifferences(new PiModelStep(new PiModelStep.Settings(7, 30.0, false, 0.3), 1.0), logits(2 * ROWS, 14), new StepContext(20, 0, 100));
        for (int row = ROWS; row < 2 * ROWS; row++) {
            assertTrue(loss.logitsError().getRow(row).norm2Number().doubleValue() > 0, "second pass row " + row);
        }
        assertEquals(Math.exp(-5.0), new ConsistencyRamp(1.0, 0.3).weightAt(0.0), 1e-12);
        assertEquals(1.0, new ConsistencyRamp(1.0, 0.3).weightAt(0.5), 1e-12);
    }

    @Test
    void temporalEnsemblingPullsOnlyRowsWithATargetTowardsIt() {
        Nd4j.getRandom().setSeed(18);
        INDArray targets = SoftmaxCrossEntropy.softmax(Nd4j.randn(DataType.DOUBLE, ROWS, CLASSES));
        INDArray mask = Nd4j.ones(DataType.DOUBLE, ROWS, 1);
        mask.putScalar(1, 0, 0.0); // a labeled row and an unlabeled one seen for the first time
        mask.putScalar(6, 0, 0.0);
        INDArray targetsBefore = targets.dup();
        StepLoss loss = checkAgainstFiniteDifferences(new TemporalEnsemblingStep(new TemporalEnsemblingStep.Settings(7, 10.0, false, 0.3, 0.6), 1.0), logits(ROWS, 19),
                new StepContext(20, 0, 100, new RowTargets(targets, mask)));
        assertEquals(0.0, loss.logitsError().getRow(6).norm2Number().doubleValue(), 0.0,
                "an unlabeled row without a target gets no gradient");
        assertTrue(loss.logitsError().getRow(5).norm2Number().doubleValue() > 0);
        assertEquals(targetsBefore, targets, "the targets are constants of the loss");
        assertArrayEquals(SoftmaxCrossEntropy.softmax(logits(ROWS, 19)).castTo(DataType.FLOAT).dup('c').data().asFloat(),
                loss.predictions().values(), "the predictions handed back");
        assertArrayEquals(batch().exampleKeys(), loss.predictions().keys(), "keyed by the rows' examples");
    }

    /** Logits of varied confidence: some rows far above a 0.95 threshold, some below. */
    private static INDArray logits(int rows, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray logits = Nd4j.randn(DataType.DOUBLE, rows, CLASSES);
        for (int r = 0; r < rows; r += 2) {
            logits.getRow(r).muli(6.0);
        }
        return logits;
    }

    private static TrainingBatch batch() {
        INDArray images = Nd4j.rand(DataType.FLOAT, ROWS, 1, 4, 4);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, ROWS, CLASSES);
        INDArray meta = Nd4j.zeros(DataType.DOUBLE, ROWS, 2);
        for (int r = 0; r < ROWS; r++) {
            meta.putScalar(r, TrainingBatch.META_EXAMPLE_KEY, 100 + r);
        }
        for (int r = 0; r < 3; r++) {
            labels.putScalar(r, r % CLASSES, 1.0);
            meta.putScalar(r, TrainingBatch.META_LABELED, 1.0);
        }
        return new TrainingBatch(new MultiDataSet(new INDArray[]{images, images.dup()}, new INDArray[]{labels, meta}));
    }

    private static StepLoss checkAgainstFiniteDifferences(TrainingStep step, INDArray logits, StepContext context) {
        TrainingBatch batch = batch();
        Nd4j.getRandom().setSeed(99);
        INDArray features = Nd4j.randn(DataType.DOUBLE, logits.size(0), 3);
        StepLoss loss = step.loss(batch, logits, features, context);
        assertEquals(logits.size(0), loss.logitsError().size(0), "one error row per logits row");
        assertMatchesFiniteDifferences(step, batch, logits, features, context, logits, loss.logitsError(), "dL/dz");
        if (loss.featuresError() != null) {
            assertMatchesFiniteDifferences(step, batch, logits, features, context, features, loss.featuresError(), "dL/df");
        }
        return loss;
    }

    /** Perturbs each entry of {@code varied} (the logits or the features) and compares with {@code analytic}. */
    private static void assertMatchesFiniteDifferences(TrainingStep step, TrainingBatch batch, INDArray logits,
                                                       INDArray features, StepContext context, INDArray varied,
                                                       INDArray analytic, String what) {
        FiniteDifferences.assertGradient(() -> step.loss(batch, logits, features, context).value(), varied, analytic,
                step.name() + " " + what);
    }
}
