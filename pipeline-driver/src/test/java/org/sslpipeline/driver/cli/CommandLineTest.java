package org.sslpipeline.driver.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sslpipeline.driver.SslPipeline;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandLineTest {

    @Test
    void everySubcommandHasHelp() {
        for (String command : new String[]{"ingest", "train", "eval", "predict", "run", "quickstart"}) {
            String out = Console.out(() -> assertEquals(0, SslPipeline.run(command, "--help")));
            assertTrue(out.contains("--config") && out.contains("--set"), command + " help:\n" + out);
        }
    }

    @Test
    void benchWithoutTheBenchmarksModuleSaysHowToBuildIt() {
        String err = Console.err(() -> assertEquals(2, SslPipeline.run("bench", "ingest", "--help")));
        assertTrue(err.contains("mvn -B install -DskipTests -pl benchmarks -am"), err);
        String help = Console.out(() -> assertEquals(0, SslPipeline.run("--help")));
        assertFalse(help.contains("bench"), "listed only when the benchmarks are there:\n" + help);
    }

    @Test
    void anUnknownKeyStopsBeforeAnyWorkAndNamesTheKey() {
        String err = Console.err(() -> assertEquals(2, SslPipeline.run("train", "--set", "train.epohcs=3")));
        assertTrue(err.contains("train.epohcs") && err.contains("train.epochs"), err);
    }

    @Test
    void anUnknownAlgorithmIsNamed() {
        String err = Console.err(() -> assertEquals(2, SslPipeline.run("train", "--set", "train.algorithm=magic")));
        assertTrue(err.contains("magic") && err.contains("supervised"), err);
    }

    @Test
    void aMissingCorpusIsNamed(@TempDir Path dir) {
        String missing = dir.resolve("no-such-corpus").toString();
        String err = Console.err(() -> assertEquals(2, SslPipeline.run(TestCorpus.args(TestCorpus.baseArgs(dir), "train",
                "--set", "data.corpus=" + missing))));
        assertTrue(err.contains("no-such-corpus"), err);
    }
}
