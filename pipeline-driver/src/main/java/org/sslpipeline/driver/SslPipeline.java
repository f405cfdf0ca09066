package org.sslpipeline.driver;

import org.sslpipeline.driver.cli.AugmentPreviewCommand;
import org.sslpipeline.driver.cli.BenchCommand;
import org.sslpipeline.driver.cli.EvalCommand;
import org.sslpipeline.driver.cli.IngestCommand;
import org.sslpipeline.driver.cli.QuickstartCommand;
import org.sslpipeline.driver.cli.RunCommand;
import org.sslpipeline.driver.cli.TrainCommand;
import org.sslpipeline.driver.config.InvalidConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/ssl-pipeline}: the product's command line. */
@Command(name = "ssl-pipeline", mixinStandardHelpOptions = true, version = "ssl-pipeline 0.1.0",
        description = "Semi-supervised learning on Spark: ingest corpora, train, evaluate.",
        subcommands = {IngestCommand.class, TrainCommand.class, EvalCommand.class, QuickstartCommand.class,
                AugmentPreviewCommand.class, BenchCommand.class, RunCommand.class,
                CommandLine.HelpCommand.class})
public final class SslPipeline {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (0 ok, 1 failed, 2 bad usage or configuration). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new SslPipeline());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof InvalidConfigException || e instanceof IllegalArgumentException) {
                commandLine.getErr().println("ssl-pipeline: " + e.getMessage());
                return 2;
            }
            commandLine.getErr().println("ssl-pipeline: " + commandLine.getCommandName() + " failed: " + e);
            e.printStackTrace(commandLine.getErr());
            return 1;
        });
        return cli.execute(args);
    }
}
