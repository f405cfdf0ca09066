package org.sslpipeline.training.step;

import org.junit.jupiter.api.Test;
import org.sslpipeline.training.settings.InvalidSettingsException;
import org.sslpipeline.training.settings.SettingsBlock;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlgorithmsTest {

    @Test
    void everyAlgorithmIsFoundByItsNameAndBuildsItsStepFromItsBlock() {
        assertEquals(List.of("cossl", "featdistloss", "fixmatch", "mean-teacher", "openmatch", "pi-model",
                "pseudo-label", "supervised", "temporal-ensembling"), Algorithms.names());
        TrainingStep fixMatch = Algorithms.byName("fixmatch").configure(block(Map.of(
                "mu", 5, "threshold", 0.9, "unlabeled-weight", 1.0))).step(new TrainingFacts(0.01, new long[0]));
        assertEquals("fixmatch", fixMatch.name());
        assertEquals(5, fixMatch.unlabeledRatio());
        TrainingStep supervised = Algorithms.byName("supervised").configure(block(Map.of())).step(new TrainingFacts(0.01, new long[0]));
        assertEquals(0, supervised.unlabeledRatio());
    }

    @Test
    void anUnknownAlgorithmIsRefusedNamingTheKnownOnes() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Algorithms.byName("mixmatch"));
        assertTrue(error.getMessage().contains("unknown algorithm 'mixmatch'") && error.getMessage().contains("fixmatch"),
                error.getMessage());
    }

    @Test
    void settingsOutOfRangeAreRefusedNamingEveryKeyOfTheBlock() {
        InvalidSettingsException error = assertThrows(InvalidSettingsException.class,
                () -> new FixMatchStep.Settings(0, 1.5, 1.0));
        assertEquals(List.of("ssl.algorithms.fixmatch.mu", "ssl.algorithms.fixmatch.threshold"),
                error.violations().stream().map(InvalidSettingsException.Violation::key).toList());
        assertTrue(error.getMessage().contains("ssl.algorithms.fixmatch.threshold must be in [0, 1], got 1.5"),
                error.getMessage());
    }

    @Test
    void consistencyWeightsFollowTheLabeledFractionOnlyWhenAskedTo() {
        double labeledFraction = 40.0 / 60_000;
        assertEquals(100.0 * labeledFraction, new PiModelStep.Settings(7, 100.0, true, 0.27).weight(labeledFraction), 1e-12);
        assertEquals(10.0, new PiModelStep.Settings(7, 10.0, false, 0.27).weight(labeledFraction), 0.0);
        assertEquals(30.0 * labeledFraction,
                new TemporalEnsemblingStep.Settings(7, 30.0, true, 0.27, 0.6).weight(labeledFraction), 1e-12);
        assertEquals(30.0, new TemporalEnsemblingStep.Settings(7, 30.0, false, 0.27, 0.6).weight(labeledFraction), 0.0);
    }

    /** A block holding {@code values}, as the configuration loader would read it. */
    private static SettingsBlock block(Map<String, Object> values) {
        return new SettingsBlock() {
            @Override
            public int integer(String key) {
                return ((Number) values.get(key)).intValue();
            }

            @Override
            public double number(String key) {
                return ((Number) values.get(key)).doubleValue();
            }

            @Override
            public boolean bool(String key) {
                return (Boolean) values.get(key);
            }
        };
    }
}
