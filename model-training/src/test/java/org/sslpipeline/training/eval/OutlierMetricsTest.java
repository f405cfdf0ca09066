package org.sslpipeline.training.eval;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OutlierMetricsTest {

    @Test
    void aurocIsTheShareOfUnknownKnownPairsRankedRightWithTiesCountingHalf() {
        assertEquals(1.0, OutlierMetrics.auroc(new double[]{0.1, 0.2}, new double[]{0.8, 0.9}), 0.0);
        assertEquals(0.0, OutlierMetrics.auroc(new double[]{0.8, 0.9}, new double[]{0.1, 0.2}), 0.0);
        // pairs (known, unknown): (0.2,0.3) right, (0.2,0.6) right, (0.6,0.3) wrong, (0.6,0.6) tie
        assertEquals(2.5 / 4, OutlierMetrics.auroc(new double[]{0.2, 0.6}, new double[]{0.3, 0.6}), 1e-12);
    }

    @Test
    void binaryErrorCutsAtOneHalf() {
        OutlierMetrics metrics = OutlierMetrics.of(OutlierMetrics.OVA_SCORE, new double[]{0.1, 0.7, 0.5}, new double[]{0.9, 0.5});
        // wrong: the known row at 0.7 and the unknown row at 0.5 (not above the cut)
        assertEquals(2.0 / 5, metrics.binaryError(), 1e-12);
        assertEquals(3, metrics.known());
        assertEquals(2, metrics.unknown());
    }
}
