package org.sslpipeline.driver.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sslpipeline.driver.config.NoisyStudentSettings;
import org.sslpipeline.driver.config.PipelineConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A student's configuration is the run's with the student's train and model settings: the same resolved
 * configuration as {@code --set} overrides of those keys would give.
 */
class StudentConfigTest {

    @Test
    void rendersAsTheStudentsKeyValueOverrides() {
        for (List<String> run : List.of(List.<String>of(),
                List.of("train.algorithm=fixmatch", "train.learning-rate=3e-2", "train.weight-decay=5e-4",
                        "noisy-student.student-dropout=0.5", "noisy-student.student-width=2",
                        "noisy-student.student-stochastic-depth=0.2", "noisy-student.student-augment=strong",
                        "noisy-student.student-epochs=3", "train.seed=7"))) {
            PipelineConfig config = PipelineConfig.load((Path) null, run);
            for (int round = 1; round <= 2; round++) {
                assertEquals(asOverrides(config, round).renderResolved(),
                        NoisyStudentRun.studentConfig(config, round).renderResolved(), run + ", round " + round);
            }
        }
    }

    /** A setting the student keeps is written as the run's file wrote it, where overrides would respell it. */
    @Test
    void keepsTheSpellingOfSettingsItDoesNotChange(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("run.conf");
        Files.writeString(file, "ssl { model.dropout = 0, noisy-student.student-dropout = 0 }");
        PipelineConfig student = NoisyStudentRun.studentConfig(PipelineConfig.load(file, List.of()), 1);
        assertTrue(student.renderResolved().contains("\"dropout\" : 0,"), student.renderResolved());
        assertEquals(0.0, student.model().dropout());
    }

    /** How the student's configuration was derived before it was typed: overrides of the keys it changes. */
    private static PipelineConfig asOverrides(PipelineConfig config, int round) {
        NoisyStudentSettings ns = config.noisyStudent();
        int epochs = ns.studentEpochs() > 0 ? ns.studentEpochs() : config.train().epochs();
        return config.with(List.of(
                "train.algorithm=supervised",
                "train.epochs=" + epochs,
                "train.seed=" + NoisyStudentRun.studentSeed(config.train().seed(), round),
                "train.augment=" + ns.studentAugment(),
                "model.dropout=" + ns.studentDropout(),
                "model.stochastic-depth=" + ns.studentStochasticDepth(),
                "model.width=" + ns.studentWidth()));
    }
}
