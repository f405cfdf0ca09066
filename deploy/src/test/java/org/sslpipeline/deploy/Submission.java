package org.sslpipeline.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One {@code deploy/spark-submit.sh} command, run as a user runs it: a process of its own (in client mode the
 * driver), its output in a log file. Executors and the driver get small memory settings that fit this machine.
 */
final class Submission {
    private final List<String> submitArgs = new ArrayList<>();
    private final List<String> pipelineArgs = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Path log;

    private Submission(Path log, List<String> submitArgs, List<String> pipelineArgs) {
        this.log = log;
        this.submitArgs.addAll(submitArgs);
        this.pipelineArgs.addAll(pipelineArgs);
        env.put("SPARK_LOCAL_IP", ClusterTestKit.LOOPBACK);
        env.put("SSL_EXECUTOR_MEMORY", "768m");
        env.put("SSL_EXECUTOR_OFFHEAP", "768m");
        env.put("SSL_DRIVER_MEMORY", "1g");
        env.put("SSL_DRIVER_OFFHEAP", "1g");
        env.put("SSL_JAVACPP_CACHEDIR", ClusterTestKit.javacppCache());
    }

    /**
     * @param log          where the command's output goes (kept for when a test fails)
     * @param submitArgs   spark-submit's arguments (--master ...)
     * @param pipelineArgs the ssl-pipeline command and its options
     */
    static Submission of(Path log, List<String> submitArgs, List<String> pipelineArgs) {
        return new Submission(log, submitArgs, pipelineArgs);
    }

    Submission env(String name, String value) {
        env.put(name, value);
        return this;
    }

    Process start() throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", ClusterTestKit.home().resolve("deploy/spark-submit.sh").toString()));
        command.addAll(submitArgs);
        command.add("--");
        command.addAll(pipelineArgs);
        Files.createDirectories(log.getParent());
        Files.writeString(log, String.join(" ", command) + "\n");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .directory(log.getParent().toFile());
        builder.environment().remove("SPARK_HOME");
        builder.environment().putAll(env);
        return builder.start();
    }

    /** Runs the command to its end and returns its exit code; one that outlives {@code minutes} fails the test. */
    int run(int minutes) throws Exception {
        Process process = start();
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            throw new AssertionError("the submission did not end within " + minutes + " minutes; see " + log);
        }
        return process.exitValue();
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    Path log() {
        return log;
    }
}
