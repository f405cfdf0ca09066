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

/** {@code bench longtail} with the long-tailed benchmark's config on real Fashion-MNIST at a budget of a few steps. */
class LongTailBenchCommandTest {

    @BeforeAll
    static void corpus() {
        TestCorpus.fashionMnist();
    }

    @Test
    void writesARowPerAlgorithmGammaAndSeed(@TempDir Path dir) throws IOException {
        Path results = dir.resolve("results");
        List<String> args = new ArrayList<>(List.of("bench", "longtail", "--config", "../conf/longtail-fashion-mnist.conf"));
        args.addAll(TestCorpus.baseArgs(dir.resolve("runs")));
        args.addAll(List.of("--set", "train.epochs=1", "--set", "train.steps-per-epoch=4", "--set", "train.batch-size=8",
                "--set", "data.long-tailed.labeled-head=40", "--set", "data.long-tailed.unlabeled-head=80",
                "--gammas", "10", "--seeds", "2", "--results", results.toString()));
        assertEquals(0, SslPipeline.run(args.toArray(String[]::new)));

        List<String> lines = Files.readAllLines(results.resolve("longtail.csv"));
        assertEquals(LongTailBenchCommand.HEADER, lines.get(0));
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(1).startsWith("fixmatch,10,2,") && lines.get(2).startsWith("cossl,10,2,"), lines.toString());
        for (String line : lines.subList(1, lines.size())) {
            String[] row = line.split(",");
            for (int column = 3; column <= 7; column++) {
                double value = Double.parseDouble(row[column]);
                assertTrue(value >= 0 && value <= 1, line);
            }
            assertTrue(Double.parseDouble(row[8]) > 0, line);
        }
    }
}
