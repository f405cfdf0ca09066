package org.sslpipeline.driver.cli;

import picocli.CommandLine.Command;

/** {@code bench}: programs that measure, writing their figures under docs/. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks (programs, not tests): accuracy, pseudo-label throughput, scaling, cluster, ingest.",
        subcommands = {AccuracyBenchCommand.class, PseudoLabelBenchCommand.class, ScaleBenchCommand.class,
                RoundsBenchCommand.class, ClusterBenchCommand.class, IngestBenchCommand.class})
public final class BenchCommand {
}
