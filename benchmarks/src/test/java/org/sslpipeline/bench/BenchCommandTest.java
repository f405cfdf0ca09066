package org.sslpipeline.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sslpipeline.driver.SslPipeline;
import org.sslpipeline.driver.cli.ConfigOptions;
import org.sslpipeline.driver.cli.Console;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ssl-pipeline bench} as bin/ssl-pipeline runs it, with this module on the driver's classpath. */
class BenchCommandTest {
    private static final List<String> BENCHES =
            List.of("accuracy", "pseudo-label", "scale", "rounds", "cluster", "ingest", "openset", "longtail");

    @Test
    void theDriverFindsBenchAndEveryBenchHasHelp() {
        String help = Console.out(() -> assertEquals(0, SslPipeline.run("--help")));
        assertTrue(help.contains("bench"), help);
        String benchHelp = Console.out(() -> assertEquals(0, SslPipeline.run("bench", "--help")));
        for (String bench : BENCHES) {
            assertTrue(benchHelp.contains(bench), benchHelp);
            String out = Console.out(() -> assertEquals(0, SslPipeline.run("bench", bench, "--help")));
            assertTrue(out.contains("--config") && out.contains("--results"), bench + " help:\n" + out);
        }
    }

    @Test
    void resultsGoToTheRunFolderUnlessAFolderIsNamed(@TempDir Path runs) {
        assertEquals(BENCHES.stream().sorted().toList(),
                new CommandLine(new BenchCommand()).getSubcommands().keySet().stream().sorted().toList());
        for (String bench : BENCHES) {
            assertEquals(runs.resolve("bench"), resultsFolder(bench, "--set", "run.dir=" + runs), bench);
            assertEquals(Path.of("docs/results"),
                    resultsFolder(bench, "--set", "run.dir=" + runs, "--results", "docs/results"), bench);
            assertThrows(IllegalArgumentException.class,
                    () -> resultsFolder(bench, "--set", "run.dir=hdfs://namenode:8020/runs"), bench);
        }
    }

    /** The results folder of {@code bench <name> <options>}. */
    private static Path resultsFolder(String name, String... options) {
        CommandLine bench = new CommandLine(new BenchCommand());
        List<String> args = new ArrayList<>(List.of(name));
        args.addAll(List.of(options));
        bench.parseArgs(args.toArray(String[]::new));
        CommandLine command = bench.getSubcommands().get(name);
        ResultsFolder results = (ResultsFolder) command.getMixins().get("results");
        ConfigOptions config = (ConfigOptions) command.getMixins().get("config");
        return results.resolve(config.load());
    }
}
