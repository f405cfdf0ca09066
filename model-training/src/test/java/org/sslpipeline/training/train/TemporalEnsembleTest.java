package org.sslpipeline.training.train;

import org.junit.jupiter.api.Test;
import org.sslpipeline.training.step.EnsembleTargets;
import org.sslpipeline.training.step.KeyedRows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

        EnsembleTargets.Lookup unknown = ensemble.lookup(new long[]{5, 99});
        assertEquals(1.0, unknown.mask().getDouble(0));
        assertEquals(0.0, unknown.mask().getDouble(1));
        assertEquals(0.0, unknown.targets().getRow(1).sumNumber().doubleValue());
    }

    @Test
    void theShippedSnapshotAndTheCheckpointBytesGiveTheSameTargets() {
        TemporalEnsemble ensemble = new TemporalEnsemble(ALPHA, 3);
        for (int round = 0; round < 3; round++) {
            ensemble.record(new KeyedRows(new long[]{40, 2, 17 + round},
                    new float[]{0.1f * round, 0.5f, 0.4f, 0.3f, 0.3f, 0.4f, 1, 0, 0}, 3));
            ensemble.commit();
        }
        long[] keys = {2, 17, 18, 19, 40, 1234};
        KeyedRows shipped = KeyedRows.fromBytes(ensemble.targets().toBytes());
        TemporalEnsemble restored = TemporalEnsemble.fromBytes(ALPHA, ensemble.toBytes());
        for (EnsembleTargets copy : new EnsembleTargets[]{shipped, restored}) {
            assertArrayEquals(ensemble.lookup(keys).targets().ravel().toFloatVector(), copy.lookup(keys).targets().ravel().toFloatVector());
            assertArrayEquals(ensemble.lookup(keys).mask().ravel().toFloatVector(), copy.lookup(keys).mask().ravel().toFloatVector());
        }
    }

    private static void assertTarget(TemporalEnsemble ensemble, long key, double... expected) {
        EnsembleTargets.Lookup lookup = ensemble.lookup(new long[]{key});
        assertEquals(1.0, lookup.mask().getDouble(0), "example " + key + " has a target");
        for (int c = 0; c < expected.length; c++) {
            assertEquals(expected[c], lookup.targets().getDouble(0, c), 1e-6, "example " + key + ", class " + c);
        }
    }
}
