package org.sslpipeline.driver.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code bench} when the benchmarks module is not on the classpath (a driver built alone, the spark-submit jar):
 * says how to get it instead of picocli's "unknown command".
 */
@Command(name = "bench", hidden = true)
public final class BenchNotBuiltCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Unmatched
    List<String> arguments;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("ssl-pipeline: the bench commands are in the benchmarks module, which is "
                + "not on this classpath: build it with  mvn -B install -DskipTests -pl benchmarks -am  and run them "
                + "with  bin/ssl-pipeline bench ...");
        return 2;
    }
}
