package org.sslpipeline.driver.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sslpipeline.driver.SslPipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A training process killed (SIGKILL) once its first checkpoint is on disk, then run again with --resume, ends
 * with the same step count and the same metrics.json as a run that was never interrupted.
 */
class ResumeAfterKillTest {

    @BeforeAll
    static void corpus() {
        TestCorpus.fashionMnist();
    }

    @Test
    void killedAfterACheckpointAndResumedEqualsAStraightRun(@TempDir Path runs) throws Exception {
        List<String> training = new ArrayList<>(List.of("train",
                "--set", "train.trainer=local",
                "--set", "data.labels-per-class=100",
                "--set", "train.epochs=4",
                "--set", "train.batch-size=32",
                "--set", "model.dropout=0.2"));
        training.addAll(1, TestCorpus.baseArgs(runs));

        assertEquals(0, SslPipeline.run(with(training, "--run-id", "straight")));

        Process victim = DriverProcess.launch(with(training, "--run-id", "killed"), runs.resolve("killed.log"));
        Path firstCheckpoint = runs.resolve("killed/train/checkpoints/epoch-0001");
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (!Files.isDirectory(firstCheckpoint) && victim.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(Files.isDirectory(firstCheckpoint), "no checkpoint appeared; see " + runs.resolve("killed.log"));
        victim.destroyForcibly(); // SIGKILL
        assertTrue(victim.waitFor(30, TimeUnit.SECONDS));
        assertFalse(Files.exists(runs.resolve("killed/train/metrics.json")), "killed before it could finish");

        assertEquals(0, SslPipeline.run(with(training, "--run-id", "killed", "--resume")));

        String straight = Files.readString(runs.resolve("straight/train/metrics.json"));
        String resumed = Files.readString(runs.resolve("killed/train/metrics.json"));
        assertEquals(straight, resumed);
        assertTrue(Files.readString(runs.resolve("killed/train/timing.json")).contains("\"resumed\" : true"));
        assertEquals(List.of(), DriverProcess.unfinishedCopies(runs.resolve("killed")));

        // a finished run's folder is not reused by accident, and is not resumed with other settings
        assertEquals(2, SslPipeline.run(with(training, "--run-id", "straight")));
        List<String> changed = new ArrayList<>(training);
        changed.addAll(List.of("--set", "train.epochs=6"));
        assertEquals(2, SslPipeline.run(with(changed, "--run-id", "straight", "--resume")));
        List<String> otherThreshold = new ArrayList<>(training);
        otherThreshold.addAll(List.of("--set", "algorithms.fixmatch.threshold=0.8"));
        assertEquals(2, SslPipeline.run(with(otherThreshold, "--run-id", "straight", "--resume")));
        assertEquals(straight, Files.readString(runs.resolve("straight/train/metrics.json")));
    }

    private static String[] with(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
