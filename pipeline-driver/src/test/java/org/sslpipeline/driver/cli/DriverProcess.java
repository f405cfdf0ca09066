package org.sslpipeline.driver.cli;

import org.sslpipeline.driver.SslPipeline;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The CLI in a separate JVM, to be killed with SIGKILL by the kill-and-resume tests. */
final class DriverProcess {
    private DriverProcess() {}

    /** Starts the CLI with this JVM's flags and classpath, its output going to {@code log}. */
    static Process launch(String[] args, Path log) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java));
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (flag.startsWith("--add-opens") || flag.startsWith("-Xmx") || flag.startsWith("-Dorg.bytedeco")
                    || flag.startsWith("-Djdk.reflect")) {
                command.add(flag);
            }
        }
        command.addAll(List.of("-cp", classpath, SslPipeline.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(new File(".").getAbsoluteFile()).start();
    }

    /**
     * Temporary copies (".name.tmp-...") and versions moved aside by a commit (".name.old-...") anywhere under a run
     * folder: what a killed driver left unfinished.
     */
    static List<Path> unfinishedCopies(Path run) throws IOException {
        try (Stream<Path> all = Files.walk(run)) {
            return all.filter(p -> p.getFileName().toString().matches("\\..*\\.(tmp|old)-.*")).toList();
        }
    }
}
