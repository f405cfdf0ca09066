package org.sslpipeline.training.step;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.sslpipeline.training.DoublePrecision;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CoSSL's classifier loss on mixed features, against finite differences; and who gets mixed. */
@ExtendWith(DoublePrecision.class)
class TailFeatureEnhancementTest {
    private static final int ROWS = 8;
    private static final int CLASSES = 3;

    @Test
    void lossOnMixedFeaturesMatchesFiniteDifferencesForBothRowsOfEachMix() {
        Nd4j.getRandom().setSeed(51);
        INDArray logits = Nd4j.randn(DataType.DOUBLE, ROWS, CLASSES).muli(2.0);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, ROWS, CLASSES);
        INDArray weights = Nd4j.zeros(DataType.DOUBLE, ROWS, 1);
        for (int row = 0; row < 4; row++) {
            labels.putScalar(row, row % CLASSES, 1.0);
            weights.putScalar(row, 0, 1.0 / (1 + row % CLASSES)); // rarer classes weigh more
        }
        TailFeatureEnhancement.Mix mix = new TailFeatureEnhancement.Mix(new int[]{-1, 5, 6, 0, -1, -1, -1, -1},
                new double[]{1, 0.7, 0.9, 0.65, 1, 1, 1, 1});
        SoftmaxCrossEntropy.Result loss = TailFeatureEnhancement.loss(logits, labels, weights, mix);
        FiniteDifferences.assertGradient(() -> TailFeatureEnhancement.loss(logits, labels, weights, mix).value(), logits,
                loss.gradient(), "dL/dlogits");
        assertTrue(loss.gradient().getRow(5).norm2Number().doubleValue() > 0, "the partner of a mix learns too");
        assertEquals(0.0, loss.gradient().getRow(7).norm2Number().doubleValue(), 0.0, "a row in no mix, unweighted");
    }

    @Test
    void theHeadClassIsNeverMixedAndTheRarestMostOften() {
        long[] labeledPerClass = {100, 50, 10};
        int[] mixed = new int[CLASSES];
        int[] seen = new int[CLASSES];
        SplittableRandom random = new SplittableRandom(5);
        for (int draw = 0; draw < 400; draw++) {
            TrainingBatch batch = batch();
            TailFeatureEnhancement.Mix mix = TailFeatureEnhancement.draw(batch, labeledPerClass, 0.6, random);
            for (int row = 0; row < ROWS; row++) {
                int partner = mix.partner()[row];
                if (row >= 6) {
                    assertEquals(-1, partner, "unlabeled rows are not mixed");
                    continue;
                }
                int y = row % CLASSES;
                seen[y]++;
                if (partner >= 0) {
                    mixed[y]++;
                    assertTrue(partner != row && mix.lambda()[row] >= 0.6 && mix.lambda()[row] < 1);
                }
            }
        }
        assertEquals(0, mixed[0], "the head class (N_1) never");
        assertEquals(0.5, (double) mixed[1] / seen[1], 0.06, "(100 - 50) / 100");
        assertEquals(0.9, (double) mixed[2] / seen[2], 0.04, "(100 - 10) / 100");
    }

    /** Rows 0-5 labeled with classes 0, 1, 2, 0, 1, 2; rows 6 and 7 unlabeled. */
    private static TrainingBatch batch() {
        INDArray images = Nd4j.zeros(DataType.FLOAT, ROWS, 1, 2, 2);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, ROWS, CLASSES);
        INDArray meta = Nd4j.zeros(DataType.DOUBLE, ROWS, 2);
        for (int row = 0; row < 6; row++) {
            labels.putScalar(row, row % CLASSES, 1.0);
            meta.putScalar(row, TrainingBatch.META_LABELED, 1.0);
        }
        return new TrainingBatch(new MultiDataSet(new INDArray[]{images}, new INDArray[]{labels, meta}));
    }
}
