package org.sslpipeline.training.step;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AlgorithmSettingsTest {

    @Test
    void consistencyWeightsFollowTheLabeledFractionOnlyWhenAskedTo() {
        AlgorithmSettings paper = AlgorithmSettings.reference(40.0 / 60_000);
        assertEquals(100.0 * 40 / 60_000, paper.piWeight(), 1e-12);
        assertEquals(30.0 * 40 / 60_000, paper.temporalWeight(), 1e-12);

        AlgorithmSettings unscaled = new AlgorithmSettings(7, 0.95, 1.0, 3.0, 0.1, 0.6, 0.0, 10.0, false, 0.4, 50.0, 0.4,
                30.0, false, 0.4, 0.6, 1.0, 40.0 / 60_000);
        assertEquals(10.0, unscaled.piWeight(), 0.0);
        assertEquals(30.0, unscaled.temporalWeight(), 0.0);
    }
}
