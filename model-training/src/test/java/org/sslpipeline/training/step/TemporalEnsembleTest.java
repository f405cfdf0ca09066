package org.sslpipeline.training.step;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TemporalEnsembleTest {
    private static final double ALPHA = 0.6;

    @Test
    void targetsAreTheBiasCorrectedMovingAverageOfEachExamplesPredictions() {
        TemporalEnsemble ensemble = new TemporalEnsemble(ALPHA, 2);
        ensemble.record(new KeyedRows(new long[]{7, 3}, new float[]{0.9f, 0.1f, 0.2f, 0.8f}, 2));
        ensemble.commit();
        // one update: Z = 0.4 z, corrected by 1 - 0.6 = 0.4, so the target is the prediction itself
        assertTarget(ensemble, 7, 0.9, 0.1);
        assertTarget(ensemble, 3, 0.2, 0.8);

        ensemble.record(new KeyedRows(new long[]{7}, new float[]{0.5f, 0.5f}, 2));
        ensemble.commit();
        // Z = 0.6 * 0.4 * 0.9 + 0.4 * 0.5 = 0.416, corrected by 1 - 0.36 = 0.64
        assertTarget(ensemble, 7, (0.6 * 0.4 * 0.9 + 0.4 * 0.5) / 0.64, (0.6 * 0.4 * 0.1 + 0.4 * 0.5) / 0.64);
        assertTarget(ensemble, 3, 0.2, 0.8);
        assertEquals(2, ensemble.examples());
    }

    @Test
    void anExamplePredictedTwiceInARoundCountsOnceWithItsMeanAndUnknownExamplesAreMasked() {
        TemporalEnsemble ensemble = new TemporalEnsemble(ALPHA, 2);
        ensemble.record(new KeyedRows(new long[]{5}, new float[]{1.0f, 0.0f}, 2));
        ensemble.record(new KeyedRows(new long[]{5}, new float[]{0.5f, 0.5f}, 2));
        assertEquals(0.0, ensemble.lookup(new long[]{5}).mask().getDouble(0), "nothing counts before the commit");
        ensemble.commit();
        assertTarget(ensemble, 5, 0.75, 0.25);

        RowTargets unknown = ensemble.lookup(new long[]{5, 99});
        assertEquals(1.0, unknown.mask().getDouble(0));
        assertEquals(0.0, unknown.mask().getDouble(1));
        assertEquals(0.0, unknown.probabilities().getRow(1).sumNumber().doubleValue());
    }

    @Test
    void theWorkersSnapshotAndTheCheckpointGiveTheSameTargets() {
        TemporalEnsemble ensemble = new TemporalEnsemble(ALPHA, 3);
        for (int round = 0; round < 3; round++) {
            ensemble.fold(List.of(new KeyedRows(new long[]{40, 2, 17 + round},
                    new float[]{0.1f * round, 0.5f, 0.4f, 0.3f, 0.3f, 0.4f, 1, 0, 0}, 3)));
        }
        long[] keys = {2, 17, 18, 19, 40, 1234};
        RowTargets expected = ensemble.lookup(keys);
        KeyedRows shipped = (KeyedRows) new TemporalEnsemblingStep(new TemporalEnsemblingStep.Settings(3, 5.0, false, 0.2, ALPHA), 1.0)
                .roundTargets(ensemble.snapshot(null), null);
        TemporalEnsemble restored = new TemporalEnsemble(ALPHA, 3);
        restored.restore(ensemble.checkpoint());
        for (RowTargets copy : List.of(shipped.lookup(keys), restored.lookup(keys))) {
            assertArrayEquals(expected.probabilities().ravel().toFloatVector(), copy.probabilities().ravel().toFloatVector());
            assertArrayEquals(expected.mask().ravel().toFloatVector(), copy.mask().ravel().toFloatVector());
        }
    }

    @Test
    void aCheckpointWithoutTargetsOrWithOtherClassesIsRefused() {
        TemporalEnsemble ensemble = new TemporalEnsemble(ALPHA, 3);
        assertThrows(IllegalStateException.class, () -> ensemble.restore(new byte[0]));
        assertThrows(IllegalStateException.class, () -> ensemble.restore(new TemporalEnsemble(ALPHA, 2).checkpoint()));
    }

    private static void assertTarget(TemporalEnsemble ensemble, long key, double... expected) {
        RowTargets lookup = ensemble.lookup(new long[]{key});
        assertEquals(1.0, lookup.mask().getDouble(0), "example " + key + " has a target");
        for (int c = 0; c < expected.length; c++) {
            assertEquals(expected[c], lookup.probabilities().getDouble(0, c), 1e-6, "example " + key + ", class " + c);
        }
    }
}
