package org.sslpipeline.driver.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sslpipeline.driver.SslPipeline;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandLineTest {

    @Test
    void everySubcommandHasHelp() {
        for (String command : new String[]{"ingest", "train", "eval", "run", "quickstart"}) {
            String out = capture(() -> assertEquals(0, SslPipeline.run(command, "--help")));
            assertTrue(out.contains("--config") && out.contains("--set"), command + " help:\n" + out);
        }
    }

    @Test
    void everyBenchHasHelp() {
        for (String bench : new String[]{"accuracy", "pseudo-label", "scale"}) {
            String out = capture(() -> assertEquals(0, SslPipeline.run("bench", bench, "--help")));
            assertTrue(out.contains("--config") && out.contains("--results"), bench + " help:\n" + out);
        }
    }

    @Test
    void anUnknownKeyStopsBeforeAnyWorkAndNamesTheKey() {
        String err = captureErr(() -> assertEquals(2, SslPipeline.run("train", "--set", "train.epohcs=3")));
        assertTrue(err.contains("train.epohcs") && err.contains("train.epochs"), err);
    }

    @Test
    void anUnknownAlgorithmIsNamed() {
        String err = captureErr(() -> assertEquals(2, SslPipeline.run("train", "--set", "train.algorithm=magic")));
        assertTrue(err.contains("magic") && err.contains("supervised"), err);
    }

    @Test
    void aMissingCorpusIsNamed(@TempDir Path dir) {
        String missing = dir.resolve("no-such-corpus").toString();
        String err = captureErr(() -> assertEquals(2, SslPipeline.run(TestCorpus.args(TestCorpus.baseArgs(dir), "train",
                "--set", "data.corpus=" + missing))));
        assertTrue(err.contains("no-such-corpus"), err);
    }

    private static String capture(Runnable r) {
        return captureStream(r, System.out, System::setOut);
    }

    private static String captureErr(Runnable r) {
        return captureStream(r, System.err, System::setErr);
    }

    private static String captureStream(Runnable r, PrintStream original, java.util.function.Consumer<PrintStream> set) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        set.accept(new PrintStream(buffer, true));
        try {
            r.run();
        } finally {
            set.accept(original);
        }
        return buffer.toString();
    }
}
