package org.sslpipeline.driver.run;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** state.json: finished stages survive a reopen, each with the build that finished it. */
class StageLogTest {
    @TempDir
    java.nio.file.Path dir;

    @AfterEach
    void clearVersion() {
        System.clearProperty(CodeVersion.PROPERTY);
    }

    @Test
    void aReopenedLogKnowsItsStagesAndWhichBuildFinishedThem() throws Exception {
        Configuration hadoop = new Configuration();
        Path file = new Path(dir.resolve("state.json").toUri());

        System.setProperty(CodeVersion.PROPERTY, "v1-abc1234");
        StageLog first = StageLog.open(hadoop, file);
        first.markDone("round-1/teacher", 12.5, Map.of("test_accuracy", 0.73));
        System.setProperty(CodeVersion.PROPERTY, "v1-def5678-dirty");
        first.markDone("round-1/pseudo", 3.0, Map.of("pseudo_labels", 100));

        StageLog reopened = StageLog.open(hadoop, file);
        assertEquals(2, reopened.finishedCount());
        assertTrue(reopened.isDone("round-1/pseudo"));
        assertFalse(reopened.isDone("round-1/student"));
        assertEquals(0.73, ((Number) reopened.report("round-1/teacher").get("test_accuracy")).doubleValue());
        assertEquals(12.5, reopened.wallSeconds("round-1/teacher"));
        assertTrue(Files.readString(dir.resolve("state.json")).contains("\"code_version\" : \"v1-abc1234\""));

        assertEquals(Map.of("round-1/teacher", "v1-abc1234"), reopened.finishedByOtherVersions("v1-def5678-dirty"));
        assertEquals(Map.of(), StageLog.open(hadoop, new Path(dir.resolve("none.json").toUri()))
                .finishedByOtherVersions("v1-def5678-dirty"));
    }

    @Test
    void stagesFromBeforeTheRecordCountAsAnotherBuild() throws Exception {
        Files.writeString(dir.resolve("state.json"),
                "{\"finished\": {\"round-1/teacher\": {\"test_accuracy\": 0.7, \"wall_seconds\": 1.0}}}");
        StageLog log = StageLog.open(new Configuration(), new Path(dir.resolve("state.json").toUri()));
        assertEquals(Map.of("round-1/teacher", "not recorded"), log.finishedByOtherVersions(CodeVersion.current()));
        assertEquals(CodeVersion.UNKNOWN, CodeVersion.current(), "no version passed: unknown");
    }
}
