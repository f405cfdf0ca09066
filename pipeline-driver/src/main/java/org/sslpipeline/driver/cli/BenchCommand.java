package org.sslpipeline.driver.cli;

import picocli.CommandLine.Command;

/** {@code bench}: programs that measure, writing their figures under docs/. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (programs, not tests).",
        subcommands = {AccuracyBenchCommand.class})
public final class BenchCommand {
}
