package org.sslpipeline.bench;

import org.sslpipeline.driver.cli.CommandPlugin;
import picocli.CommandLine.Command;

/** {@code bench}: programs that measure, each appending its rows to a CSV of the results folder. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks (programs, not tests): accuracy, pseudo-label throughput, scaling, cluster, ingest, open-set, long-tailed.",
                "Results go to <run.dir>/" + ResultsFolder.IN_RUN_DIR + ", or to the folder --results names: "
                        + "--results docs/results adds the rows to the project's tables."},
        subcommands = {AccuracyBenchCommand.class, PseudoLabelBenchCommand.class, ScaleBenchCommand.class,
                RoundsBenchCommand.class, ClusterBenchCommand.class, IngestBenchCommand.class, OpenSetBenchCommand.class,
                LongTailBenchCommand.class})
public final class BenchCommand implements CommandPlugin {
}
