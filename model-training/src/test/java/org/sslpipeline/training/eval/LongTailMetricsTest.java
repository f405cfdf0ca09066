package org.sslpipeline.training.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LongTailMetricsTest {

    @Test
    void tenClassesSplitThreeFourThreeAsCoSSLsMajorNeutralMinor() {
        LongTailMetrics metrics = LongTailMetrics.of(List.of(0.9, 0.9, 0.9, 0.6, 0.6, 0.6, 0.6, 0.3, 0.3, 0.3));
        assertEquals(0.9, metrics.many(), 1e-12);
        assertEquals(0.6, metrics.medium(), 1e-12);
        assertEquals(0.3, metrics.few(), 1e-12);
        assertEquals(3, metrics.manyClasses());
        assertEquals(3, metrics.fewClasses());
        assertEquals(Math.pow(0.9 * 0.9 * 0.9 * 0.6 * 0.6 * 0.6 * 0.6 * 0.3 * 0.3 * 0.3, 0.1), metrics.gmeanRecall(), 1e-12);
    }

    @Test
    void aClassNeverRecognisedMakesTheGeometricMeanZero() {
        assertEquals(0.0, LongTailMetrics.of(List.of(1.0, 0.5, 0.0, 0.8)).gmeanRecall(), 0.0);
        LongTailMetrics two = LongTailMetrics.of(List.of(1.0, 0.5));
        assertEquals(1.0, two.many(), 0.0);
        assertEquals(0.5, two.few(), 0.0);
        assertEquals(Double.NaN, two.medium());
    }
}
