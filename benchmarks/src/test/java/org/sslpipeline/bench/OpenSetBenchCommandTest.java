package org.sslpipeline.bench;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sslpipeline.driver.SslPipeline;
import org.sslpipeline.driver.cli.TestCorpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bench openset} with the open-set benchmark's config on real Fashion-MNIST at a budget of a few steps: a row
 * per algorithm trained alone and per round setting, each with the figures the table needs.
 */
class OpenSetBenchCommandTest {

    @BeforeAll
    static void corpus() {
        TestCorpus.fashionMnist();
    }

    @Test
    void writesARowPerAlgorithmAndPerRoundSetting(@TempDir Path dir) throws IOException {
        Path results = dir.resolve("results");
        List<String> args = new ArrayList<>(List.of("bench", "openset", "--config", "../conf/openset-fashion-mnist.conf"));
        args.addAll(TestCorpus.baseArgs(dir.resolve("runs")));
        args.addAll(List.of("--set", "train.epochs=1", "--set", "train.steps-per-epoch=4", "--set", "train.batch-size=8",
                "--set", "data.labels-per-class=5", "--set", "data.max-unlabeled=300",
                "--set", "noisy-student.student-epochs=1", "--set", "noisy-student.pseudo-label-batch-size=64",
                "--seeds", "3", "--results", results.toString()));
        assertEquals(0, SslPipeline.run(args.toArray(String[]::new)));

        List<String> lines = Files.readAllLines(results.resolve("openset.csv"));
        assertEquals(OpenSetBenchCommand.HEADER, lines.get(0));
        assertEquals(List.of("fixmatch,train,3", "openmatch,train,3", "openmatch,round-reject,3", "openmatch,round-keep,3"),
                lines.subList(1, lines.size()).stream().map(line -> String.join(",", List.of(line.split(",")).subList(0, 3))).toList());
        for (String line : lines.subList(1, lines.size())) {
            String[] row = line.split(",", -1);
            for (int column : new int[]{3, 4, 5}) {
                double value = Double.parseDouble(row[column]);
                assertTrue(value >= 0 && value <= 1, line);
            }
            boolean round = row[1].startsWith("round");
            assertEquals(round, !row[6].isEmpty(), "pseudo-label precision only for rounds: " + line);
            assertTrue(Double.parseDouble(row[7]) > 0, line);
        }
    }
}
