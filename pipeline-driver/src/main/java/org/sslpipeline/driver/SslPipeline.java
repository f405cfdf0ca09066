package org.sslpipeline.driver;

import org.sslpipeline.driver.cli.AugmentPreviewCommand;
import org.sslpipeline.driver.cli.BenchNotBuiltCommand;
import org.sslpipeline.driver.cli.CommandPlugin;
import org.sslpipeline.driver.cli.EvalCommand;
import org.sslpipeline.driver.cli.PredictCommand;
import org.sslpipeline.driver.cli.IngestCommand;
import org.sslpipeline.driver.cli.QuickstartCommand;
import org.sslpipeline.driver.cli.RunCommand;
import org.sslpipeline.driver.cli.TrainCommand;
import org.sslpipeline.driver.config.InvalidConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.ServiceLoader;

/** {@code bin/ssl-pipeline}: the product's command line. */
@Command(name = "ssl-pipeline", mixinStandardHelpOptions = true, version = "ssl-pipeline 0.1.0",
        description = "Semi-supervised learning on Spark: ingest corpora, train, evaluate.",
        subcommands = {IngestCommand.class, TrainCommand.class, EvalCommand.class, PredictCommand.class, QuickstartCommand.class,
                AugmentPreviewCommand.class, RunCommand.class})
public final class SslPipeline {

    public static void main(String[] args) {
        int code = run(args);
        // YARN's application master runs this method in a thread of its own and reports the application as
        // SUCCEEDED only when it returns: System.exit, even exit(0), would end it as FAILED ("Shutdown hook
        // called before final status was reported").
        if (code == 0 && insideYarnApplicationMaster()) return;
        System.exit(code);
    }

    /**
     * ND4J's arrays live off the Java heap, bounded by JavaCPP's limits; a task that passes them fails, on an
     * executor, with a message buried in Spark's stage failure. Named here, with the settings that raise them.
     */
    static String offHeapExhaustion(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            int at = message.indexOf("Cannot allocate new ");
            if (at >= 0) {
                String detail = message.substring(at).lines().findFirst().orElse("");
                return "ND4J ran out of its off-heap memory (" + detail + "): raise "
                        + "org.bytedeco.javacpp.maxbytes and maxphysicalbytes in spark.executor.extraJavaOptions, "
                        + "or SSL_EXECUTOR_OFFHEAP for deploy/spark-submit.sh (SSL_OFFHEAP for bin/ssl-pipeline)";
            }
        }
        return null;
    }

    private static boolean insideYarnApplicationMaster() {
        return "yarn".equals(System.getProperty("spark.master"))
                && "cluster".equals(System.getProperty("spark.submit.deployMode"));
    }

    /** The commands of other modules on the classpath: the benchmarks' {@code bench}, or what says how to build it. */
    private static void addPluginCommands(CommandLine cli) {
        for (CommandPlugin plugin : ServiceLoader.load(CommandPlugin.class, SslPipeline.class.getClassLoader())) {
            cli.addSubcommand(plugin);
        }
        if (!cli.getSubcommands().containsKey("bench")) cli.addSubcommand(new BenchNotBuiltCommand());
    }

    /** Runs a command line and returns its exit code (0 ok, 1 failed, 2 bad usage or configuration). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new SslPipeline());
        addPluginCommands(cli);
        cli.addSubcommand(new CommandLine.HelpCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof InvalidConfigException || e instanceof IllegalArgumentException) {
                commandLine.getErr().println("ssl-pipeline: " + e.getMessage());
                return 2;
            }
            String offHeap = offHeapExhaustion(e);
            commandLine.getErr().println("ssl-pipeline: " + commandLine.getCommandName() + " failed: "
                    + (offHeap != null ? offHeap : e));
            e.printStackTrace(commandLine.getErr());
            return 1;
        });
        return cli.execute(args);
    }
}
