package org.sslpipeline.driver.run;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** state.json: finished stages survive a reopen typed, each with the build that finished it. */
class StageLogTest {
    private static final TrainingStageResult TEACHER =
            new TrainingStageResult(0.73, 120, 40.5, false, List.of("driver"));
    private static final PseudoLabelStageResult PSEUDO = new PseudoLabelStageResult(100, "abc", 2.0, 50.0,
            List.of("1", "2"), 0, null, null, null, null, null);

    @TempDir
    java.nio.file.Path dir;

    @AfterEach
    void clearVersion() {
        System.clearProperty(CodeVersion.PROPERTY);
    }

    @Test
    void aReopenedLogKnowsItsStagesAndWhichBuildFinishedThem() {
        Configuration hadoop = new Configuration();
        Path file = new Path(dir.resolve("state.json").toUri());

        System.setProperty(CodeVersion.PROPERTY, "v1-abc1234");
        StageLog first = StageLog.open(hadoop, file);
        first.markDone(StageId.teacher(), 12.5, TEACHER);
        System.setProperty(CodeVersion.PROPERTY, "v1-def5678-dirty");
        first.markDone(StageId.pseudo(1), 3.0, PSEUDO);

        StageLog reopened = StageLog.open(hadoop, file);
        assertEquals(2, reopened.finishedCount());
        assertTrue(reopened.isDone(StageId.pseudo(1)));
        assertFalse(reopened.isDone(StageId.student(1)));
        assertEquals(TEACHER, reopened.result(StageId.teacher(), TrainingStageResult.class));
        assertEquals(PSEUDO, reopened.result(StageId.pseudo(1), PseudoLabelStageResult.class));
        assertEquals(12.5, reopened.wallSeconds(StageId.teacher()));

        assertEquals(Map.of("round-1/teacher", "v1-abc1234"), reopened.finishedByOtherVersions("v1-def5678-dirty"));
        assertEquals(Map.of(), StageLog.open(hadoop, new Path(dir.resolve("none.json").toUri()))
                .finishedByOtherVersions("v1-def5678-dirty"));
    }

    /** The file's field names and order are what the run folders, the bench commands and the cluster tests read. */
    @Test
    void writesEachStageWithSortedSnakeCaseFields() throws Exception {
        System.setProperty(CodeVersion.PROPERTY, "v1-abc1234");
        StageLog log = StageLog.open(new Configuration(), new Path(dir.resolve("state.json").toUri()));
        log.markDone(StageId.teacher(), 12.5, TEACHER);
        log.markDone(StageId.pseudo(1), 3.0, PSEUDO);
        log.markDone(StageId.select(1), 1.0, new SelectionStageResult(10, 0, 80, 60, 100, List.of()));

        assertEquals("""
                {
                  "finished" : {
                    "round-1/teacher" : {
                      "code_version" : "v1-abc1234",
                      "executors" : [ "driver" ],
                      "iterations" : 120,
                      "resumed" : false,
                      "test_accuracy" : 0.73,
                      "train_seconds" : 40.5,
                      "wall_seconds" : 12.5
                    },
                    "round-1/pseudo" : {
                      "code_version" : "v1-abc1234",
                      "executors" : [ "1", "2" ],
                      "hidden_labels" : 0,
                      "images_per_second" : 50.0,
                      "model_checksum" : "abc",
                      "pseudo_labels" : 100,
                      "seconds" : 2.0,
                      "wall_seconds" : 3.0
                    },
                    "round-1/select" : {
                      "above_threshold" : 80,
                      "code_version" : "v1-abc1234",
                      "per_class" : 10,
                      "selected" : 100,
                      "selected_unique" : 60,
                      "wall_seconds" : 1.0
                    }
                  }
                }""", Files.readString(dir.resolve("state.json")));
    }

    @Test
    void readsTheHiddenLabelCheckAndTheAlignmentWhenRecorded() {
        StageLog log = StageLog.open(new Configuration(), new Path(dir.resolve("state.json").toUri()));
        PseudoLabelStageResult checked = new PseudoLabelStageResult(4, "abc", 1.0, 4.0, List.of(), 3, 2 / 3.0,
                List.of(1L, 2L), List.of(1L, 1L), List.of(0L, 3L), List.of(0L, 2L));
        SelectionStageResult aligned = new SelectionStageResult(2, 1, 3, 3, 4, List.of(0.25, 0.75));
        log.markDone(StageId.pseudo(2), 1.0, checked);
        log.markDone(StageId.select(2), 1.0, aligned);

        StageLog reopened = StageLog.open(new Configuration(), new Path(dir.resolve("state.json").toUri()));
        assertEquals(checked, reopened.result(StageId.pseudo(2), PseudoLabelStageResult.class));
        assertEquals(aligned, reopened.result(StageId.select(2), SelectionStageResult.class));
    }

    @Test
    void stagesFromBeforeTheRecordCountAsAnotherBuildAndReadWithDefaults() throws Exception {
        Files.writeString(dir.resolve("state.json"), "{\"finished\": {"
                + "\"round-1/teacher\": {\"test_accuracy\": 0.7, \"iterations\": 12, \"wall_seconds\": 1.0},"
                + "\"round-1/pseudo\": {\"pseudo_labels\": 9, \"seconds\": 2, \"wall_seconds\": 3}}}");
        StageLog log = StageLog.open(new Configuration(), new Path(dir.resolve("state.json").toUri()));
        assertEquals(Map.of("round-1/teacher", "not recorded", "round-1/pseudo", "not recorded"),
                log.finishedByOtherVersions(CodeVersion.current()));
        assertEquals(CodeVersion.UNKNOWN, CodeVersion.current(), "no version passed: unknown");
        assertEquals(0.7, log.result(StageId.teacher(), TrainingStageResult.class).testAccuracy());
        PseudoLabelStageResult pseudo = log.result(StageId.pseudo(1), PseudoLabelStageResult.class);
        assertEquals(9, pseudo.pseudoLabels());
        assertEquals(0, pseudo.hiddenLabels());
        assertNull(pseudo.hiddenLabelAccuracy());
    }

    @Test
    void aStageIsReadAsTheRecordOfItsKind() {
        StageLog log = StageLog.open(new Configuration(), new Path(dir.resolve("state.json").toUri()));
        assertThrows(IllegalArgumentException.class, () -> log.markDone(StageId.select(1), 1.0, TEACHER));
        log.markDone(StageId.teacher(), 1.0, TEACHER);
        assertThrows(IllegalArgumentException.class, () -> log.result(StageId.teacher(), SelectionStageResult.class));
        assertThrows(IllegalStateException.class, () -> log.result(StageId.student(1), TrainingStageResult.class));
    }

    @Test
    void stageIdsNameTheStagesAndTheirRoundFolders() {
        Path root = new Path("/runs/x");
        assertEquals("round-1/teacher", StageId.teacher().toString());
        assertEquals(List.of("round-2/pseudo", "round-2/select", "round-2/student"),
                StageId.ofRound(2).stream().map(StageId::toString).toList());
        assertEquals(new Path("/runs/x/round-1/teacher"), StageId.teacher().folder(root));
        assertEquals(new Path("/runs/x/round-3/selected"), StageId.select(3).folder(root));
        assertEquals(new Path("/runs/x/round-3/student/train/model.zip"), StageId.student(3).trainingFolder(root).model());
        assertThrows(IllegalArgumentException.class, () -> new StageId(2, Stage.TEACHER));
        assertThrows(IllegalStateException.class, () -> StageId.pseudo(1).trainingFolder(root));
    }
}
