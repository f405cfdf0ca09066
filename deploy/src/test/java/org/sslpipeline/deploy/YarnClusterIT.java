package org.sslpipeline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.NodeState;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The spark-submit jar on YARN: a ResourceManager and a NodeManager in this JVM (MiniYARNCluster, on 127.0.0.1)
 * over the shared HDFS, submitted through deploy/spark-submit.sh with {@code --master yarn}, in cluster mode (the
 * driver in YARN's application master, as scheduled jobs run) and in client mode.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class YarnClusterIT {
    private MiniYARNCluster yarn;
    private YarnClient client;
    private java.nio.file.Path hadoopConf;
    private java.nio.file.Path sparkJars;
    private String corpus;
    private String runs;

    @BeforeAll
    void start() throws Exception {
        MiniHdfs hdfs = MiniHdfs.shared();
        corpus = HdfsCorpus.fashionMnist("local[2]");
        runs = hdfs.uri() + "/ssl/yarn-runs";

        YarnConfiguration conf = new YarnConfiguration(hdfs.configuration());
        conf.set("fs.defaultFS", hdfs.uri());
        for (String key : List.of(YarnConfiguration.RM_HOSTNAME, YarnConfiguration.RM_BIND_HOST,
                YarnConfiguration.NM_BIND_HOST, "yarn.timeline-service.bind-host")) {
            conf.set(key, ClusterTestKit.LOOPBACK);
        }
        // Java 17 and this machine: the capacity scheduler needs its queue spelled out, containers their memory
        // checked by YARN's accounting only (not virtual memory), and disks that are fuller than YARN likes pass.
        conf.set("yarn.scheduler.capacity.root.queues", "default");
        conf.set("yarn.scheduler.capacity.root.default.capacity", "100");
        conf.set("yarn.scheduler.capacity.root.default.maximum-capacity", "100");
        conf.set("yarn.scheduler.capacity.maximum-am-resource-percent", "1.0");
        conf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 128);
        conf.setInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, 4096);
        conf.setInt(YarnConfiguration.NM_PMEM_MB, 8192);
        conf.setInt(YarnConfiguration.NM_VCORES, 4);
        conf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
        conf.set("yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage", "100.0");
        conf.set("yarn.scheduler.capacity.node-locality-delay", "-1");
        yarn = new MiniYARNCluster("ssl-pipeline-it", 1, 1, 1);
        yarn.init(conf);
        yarn.start();
        Configuration running = yarn.getConfig(); // the real ports, known once started
        client = YarnClient.createYarnClient();
        client.init(running);
        client.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (client.getNodeReports(NodeState.RUNNING).isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the NodeManager did not register within 90 s");
            Thread.sleep(250);
        }
        hadoopConf = writeClientConfiguration(hdfs.uri(), running);
        // containers take Spark from these jars where they lie, instead of an upload per application
        sparkJars = ClusterTestKit.work("yarn-spark-jars");
        for (String jar : ClusterTestKit.sparkClasspath()) {
            java.nio.file.Path link = sparkJars.resolve(java.nio.file.Path.of(jar).getFileName());
            if (!Files.exists(link)) Files.createSymbolicLink(link, java.nio.file.Path.of(jar));
        }
    }

    @AfterAll
    void stop() {
        if (client != null) client.stop();
        if (yarn != null) yarn.stop();
    }

    /**
     * A one-round Noisy Student run with its driver inside YARN: the local config file travels with --files, the
     * outputs land on HDFS, the tasks ran on executors, and YARN reports the application SUCCEEDED.
     */
    @Test
    void clusterModeRunSucceedsWithOutputsOnHdfs() throws Exception {
        Submission run = submission("cluster", List.of("run", "--config", ClusterTestKit.tinyRunConfig().toString(),
                "--set", "data.corpus=" + corpus, "--set", "run.dir=" + runs, "--run-id", "cluster-mode"));
        int exit = runToEnd(run, "ssl-it-cluster", 10);
        ApplicationReport report = finalReport("ssl-it-cluster");
        assertEquals(0, exit, "see " + run.log() + "; YARN: " + report.getDiagnostics() + "; nodes: " + nodes());
        assertEquals(YarnApplicationState.FINISHED, report.getYarnApplicationState());
        assertEquals(FinalApplicationStatus.SUCCEEDED, report.getFinalApplicationStatus(), report.getDiagnostics());

        FileSystem fs = MiniHdfs.shared().fileSystem();
        Path root = new Path(runs, "cluster-mode");
        JsonNode state = ClusterTestKit.readJson(fs, new Path(root, "state.json"));
        assertEquals(1000, state.at("/finished/round-1~1pseudo/pseudo_labels").asLong());
        assertFalse(state.at("/finished/round-1~1student/executors").toString().contains("driver"), state.toString());
        for (String output : List.of("round-1/teacher/train/model.zip", "round-1/pseudo/_SUCCESS",
                "round-1/selected/_selection.json", "round-1/student/train/model.zip", "report.html", "config.conf")) {
            assertTrue(fs.exists(new Path(root, output)), "on HDFS: " + output);
        }
    }

    /** A training run with the driver in the submitting process and executors in YARN containers. */
    @Test
    void clientModeTrainSucceeds() throws Exception {
        Submission train = submission("client", List.of("train", "--config", ClusterTestKit.tinyRunConfig().toString(),
                "--set", "data.corpus=" + corpus, "--set", "run.dir=" + runs, "--run-id", "client-mode",
                "--set", "spark.conf.\"spark.driver.host\"=" + ClusterTestKit.LOOPBACK));
        int exit = runToEnd(train, "ssl-it-client", 8);
        ApplicationReport report = finalReport("ssl-it-client");
        assertEquals(0, exit, "see " + train.log() + "; YARN: " + report.getDiagnostics() + "; nodes: " + nodes());
        assertEquals(FinalApplicationStatus.SUCCEEDED, report.getFinalApplicationStatus(), report.getDiagnostics());
        FileSystem fs = MiniHdfs.shared().fileSystem();
        JsonNode timing = ClusterTestKit.readJson(fs, new Path(runs, "client-mode/train/timing.json"));
        assertFalse(timing.get("executors").toString().contains("driver"), timing.toString());
        assertTrue(fs.exists(new Path(runs, "client-mode/train/model.zip")));
    }

    private Submission submission(String mode, List<String> pipelineArgs) throws IOException {
        String javaHome = System.getProperty("java.home");
        List<String> submit = new ArrayList<>(List.of("--master", "yarn", "--deploy-mode", mode,
                "--num-executors", "2", "--executor-cores", "1"));
        for (String conf : List.of(
                "spark.yarn.tags=ssl-it-" + mode,
                "spark.yarn.jars=local:" + sparkJars + "/*",
                "spark.yarn.maxAppAttempts=1",
                "spark.yarn.submit.waitAppCompletion=true",
                "spark.yarn.stagingDir=" + MiniHdfs.shared().uri() + "/user/spark-staging",
                // containers start java from JAVA_HOME, and bind to the loopback address only
                "spark.yarn.appMasterEnv.JAVA_HOME=" + javaHome,
                "spark.executorEnv.JAVA_HOME=" + javaHome,
                "spark.yarn.appMasterEnv.SPARK_LOCAL_IP=" + ClusterTestKit.LOOPBACK,
                "spark.executorEnv.SPARK_LOCAL_IP=" + ClusterTestKit.LOOPBACK)) {
            submit.addAll(List.of("--conf", conf));
        }
        return Submission.of(ClusterTestKit.work("logs").resolve("yarn-" + mode + ".log"), submit, pipelineArgs)
                .env("HADOOP_CONF_DIR", hadoopConf.toString())
                .env("SSL_DRIVER_MEMORY", "768m").env("SSL_DRIVER_OFFHEAP", "512m")
                .env("SSL_EXECUTOR_MEMORY", "640m").env("SSL_EXECUTOR_OFFHEAP", "512m");
    }

    /** Runs a submission; one that times out has its YARN application killed, so the next test gets the node. */
    private int runToEnd(Submission submission, String tag, int minutes) throws Exception {
        try {
            return submission.run(minutes);
        } catch (AssertionError timeout) {
            for (ApplicationReport app : client.getApplications()) {
                if (app.getApplicationTags().contains(tag)) client.killApplication(app.getApplicationId());
            }
            throw new AssertionError(timeout.getMessage() + "; nodes: " + nodes(), timeout);
        }
    }

    private String nodes() throws Exception {
        StringBuilder text = new StringBuilder();
        for (var node : client.getNodeReports()) {
            text.append(node.getNodeId()).append(' ').append(node.getNodeState()).append(" capability ")
                    .append(node.getCapability()).append(" used ").append(node.getUsed()).append(' ')
                    .append(node.getHealthReport()).append("; ");
        }
        return text.toString();
    }

    /** The application tagged {@code tag}, once YARN has ended it. */
    private ApplicationReport finalReport(String tag) throws Exception {
        EnumSet<YarnApplicationState> ended = EnumSet.of(YarnApplicationState.FINISHED, YarnApplicationState.FAILED,
                YarnApplicationState.KILLED);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            for (ApplicationReport app : client.getApplications()) {
                if (app.getApplicationTags().contains(tag) && ended.contains(app.getYarnApplicationState())) return app;
            }
            assertTrue(System.nanoTime() < deadline, "YARN never ended an application tagged " + tag);
            Thread.sleep(500);
        }
    }

    /**
     * What a client of these clusters needs, as HADOOP_CONF_DIR: HDFS's address and YARN's. Not the whole test
     * configuration: it names test-only classes (a static rack mapping) that a real client does not have.
     */
    private static java.nio.file.Path writeClientConfiguration(String hdfs, Configuration running) throws IOException {
        java.nio.file.Path dir = ClusterTestKit.work("hadoop-conf");
        Configuration core = new Configuration(false);
        core.set("fs.defaultFS", hdfs);
        write(core, dir.resolve("core-site.xml"));
        Configuration hdfsSite = new Configuration(false);
        hdfsSite.set("dfs.replication", "1");
        write(hdfsSite, dir.resolve("hdfs-site.xml"));
        Configuration yarnSite = new Configuration(false);
        for (Map.Entry<String, String> entry : running) {
            if (entry.getKey().startsWith("yarn.")) yarnSite.set(entry.getKey(), running.get(entry.getKey()));
        }
        write(yarnSite, dir.resolve("yarn-site.xml"));
        return dir;
    }

    private static void write(Configuration conf, java.nio.file.Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            conf.writeXml(out);
        }
    }
}
