package org.sslpipeline.training.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HadoopFilesTest {

    @Test
    void aCommitClearsWhatAKilledWriterOfTheSameTargetLeftAndNothingElse(@TempDir java.nio.file.Path dir) throws IOException {
        Files.createDirectories(dir.resolve(".metrics.json.tmp-killed/nested"));
        Files.writeString(dir.resolve(".metrics.json.tmp-killed/nested/part"), "half written");
        Files.writeString(dir.resolve(".state.json.tmp-other"), "another target's writer");
        Files.writeString(dir.resolve("metrics.json.tmp-visible"), "not hidden, not ours");

        Path target = new Path(dir.resolve("metrics.json").toUri());
        HadoopFiles.writeText(new Configuration(), target, "{\"accuracy\": 0.5}");

        assertEquals("{\"accuracy\": 0.5}", Files.readString(dir.resolve("metrics.json")));
        try (Stream<java.nio.file.Path> left = Files.list(dir)) {
            assertEquals(List.of(".state.json.tmp-other", "metrics.json", "metrics.json.tmp-visible"),
                    left.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".crc")).sorted().toList());
        }
    }

    @Test
    void aWriterKilledBetweenTheTwoRenamesOfACommitLosesNoCommittedVersion(@TempDir java.nio.file.Path dir) throws IOException {
        Configuration conf = new Configuration();
        Path target = new Path(dir.resolve("stages.json").toUri());
        HadoopFiles.writeText(conf, target, "version 1");

        assertThrows(Killed.class, () -> commitDyingAt(target, "version 2", "rename", 2));
        assertFalse(Files.exists(dir.resolve("stages.json")), "the kill left the target moved aside");

        assertTrue(HadoopFiles.exists(conf, target));
        assertEquals("version 1", HadoopFiles.readText(conf, target));
        HadoopFiles.writeText(conf, target, "version 3");
        assertEquals(List.of("stages.json"), visibleAndHidden(dir));
        assertEquals("version 3", HadoopFiles.readText(conf, target));
    }

    @Test
    void aWriterKilledBeforeDeletingThePreviousVersionLeavesTheNewOne(@TempDir java.nio.file.Path dir) throws IOException {
        Configuration conf = new Configuration();
        Path target = new Path(dir.resolve("stages.json").toUri());
        HadoopFiles.writeText(conf, target, "version 1");

        assertThrows(Killed.class, () -> commitDyingAt(target, "version 2", "delete", 1));
        assertEquals(2, visibleAndHidden(dir).size(), "the new version and the one moved aside");

        assertTrue(HadoopFiles.exists(conf, target));
        assertEquals("version 2", HadoopFiles.readText(conf, target));
        assertEquals(List.of("stages.json"), visibleAndHidden(dir));
    }

    /** Stands for SIGKILL: an Error no commit code catches, thrown at the n-th call of one file-system operation. */
    private static final class Killed extends Error {}

    private static void commitDyingAt(Path target, String text, String operation, int nth) throws IOException {
        FileSystem local = FileSystem.getLocal(new Configuration());
        int[] calls = {0};
        FileSystem dying = new FilterFileSystem(local) {
            @Override
            public boolean rename(Path src, Path dst) throws IOException {
                dieAt("rename");
                return super.rename(src, dst);
            }

            @Override
            public boolean delete(Path path, boolean recursive) throws IOException {
                dieAt("delete");
                return super.delete(path, recursive);
            }

            private void dieAt(String called) {
                if (called.equals(operation) && ++calls[0] == nth) throw new Killed();
            }
        };
        Path tmp = HadoopFiles.temporarySibling(local, target);
        try (FSDataOutputStream out = local.create(tmp, true)) {
            out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        HadoopFiles.commit(dying, tmp, target);
    }

    private static List<String> visibleAndHidden(java.nio.file.Path dir) throws IOException {
        try (Stream<java.nio.file.Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".crc")).sorted().toList();
        }
    }
}
