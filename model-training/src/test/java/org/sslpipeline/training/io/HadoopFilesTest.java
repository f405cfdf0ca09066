package org.sslpipeline.training.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HadoopFilesTest {

    @Test
    void aCommitClearsWhatAKilledWriterOfTheSameTargetLeftAndNothingElse(@TempDir java.nio.file.Path dir) throws IOException {
        Files.createDirectories(dir.resolve(".metrics.json.tmp-killed/nested"));
        Files.writeString(dir.resolve(".metrics.json.tmp-killed/nested/part"), "half written");
        Files.writeString(dir.resolve(".metrics.json.old-kept"), "a previous version the commit moved aside");
        Files.writeString(dir.resolve(".state.json.tmp-other"), "another target's writer");
        Files.writeString(dir.resolve("metrics.json.tmp-visible"), "not hidden, not ours");

        Path target = new Path(dir.resolve("metrics.json").toUri());
        HadoopFiles.writeText(new Configuration(), target, "{\"accuracy\": 0.5}");

        assertEquals("{\"accuracy\": 0.5}", Files.readString(dir.resolve("metrics.json")));
        try (Stream<java.nio.file.Path> left = Files.list(dir)) {
            assertEquals(List.of(".metrics.json.old-kept", ".state.json.tmp-other", "metrics.json", "metrics.json.tmp-visible"),
                    left.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".crc")).sorted().toList());
        }
    }
}
