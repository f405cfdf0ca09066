package org.sslpipeline.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A Spark standalone master and workers on 127.0.0.1, each a JVM of its own, started and stopped through
 * {@code deploy/local-cluster.sh} (the script users run) on free ports, its state in the test's own folder.
 */
final class LocalStandaloneCluster implements AutoCloseable {
    private final Path dir;
    private final int masterPort;
    private final int masterUiPort;
    private final int workerUiPort;

    private LocalStandaloneCluster(Path dir) throws IOException {
        this.dir = dir;
        this.masterPort = ClusterTestKit.freePort();
        this.masterUiPort = ClusterTestKit.freePort();
        this.workerUiPort = ClusterTestKit.freePort();
    }

    /** Starts a master and {@code workers} workers of one core each. */
    static LocalStandaloneCluster start(Path dir, int workers, String memoryPerWorker) throws Exception {
        LocalStandaloneCluster cluster = new LocalStandaloneCluster(dir);
        String output = cluster.script("start", "--workers", Integer.toString(workers), "--cores", "1",
                "--memory", memoryPerWorker);
        assertEquals(true, output.contains("master " + cluster.masterUrl()), output);
        return cluster;
    }

    String masterUrl() {
        return "spark://" + ClusterTestKit.LOOPBACK + ":" + masterPort;
    }

    String status() throws Exception {
        return script("status");
    }

    @Override
    public void close() throws Exception {
        script("stop");
    }

    private String script(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", ClusterTestKit.home().resolve("deploy/local-cluster.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SSL_CLUSTER_DIR", dir.toString());
        builder.environment().put("SSL_MASTER_PORT", Integer.toString(masterPort));
        builder.environment().put("SSL_MASTER_UI_PORT", Integer.toString(masterUiPort));
        // the workers' UIs take this port and the ones after it
        builder.environment().put("SSL_WORKER_UI_PORT", Integer.toString(workerUiPort));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("local-cluster.sh " + String.join(" ", args) + " hung: " + output);
        }
        if (process.exitValue() != 0 && !args[0].equals("status")) {
            throw new AssertionError("local-cluster.sh " + String.join(" ", args) + " failed: " + output
                    + "\nlogs in " + dir.resolve("logs"));
        }
        Files.writeString(dir.resolve("last-" + args[0] + ".txt"), output);
        return output;
    }
}
