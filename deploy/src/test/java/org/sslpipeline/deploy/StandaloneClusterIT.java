package org.sslpipeline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The spark-submit jar on a standalone cluster of a master and two workers, each a JVM of its own on 127.0.0.1
 * (one core each, so two executor JVMs), submitted in client mode through deploy/spark-submit.sh, with the corpus
 * on HDFS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StandaloneClusterIT {
    /** The stages that run Spark tasks, and so must have run on the executors. */
    private static final List<String> SPARK_STAGES = List.of("round-1/teacher", "round-1/pseudo", "round-1/student");

    private LocalStandaloneCluster cluster;
    private String corpus;
    private java.nio.file.Path config;
    private String runs;
    private JsonNode straight;

    /** The cluster, the corpus ingested through it into HDFS, and one run on it that nothing interrupts. */
    @BeforeAll
    void start() throws Exception {
        cluster = LocalStandaloneCluster.start(ClusterTestKit.work("standalone"), 2, "1g");
        corpus = HdfsCorpus.fashionMnist(cluster.masterUrl());
        config = ClusterTestKit.tinyRunConfig();
        runs = MiniHdfs.shared().uri() + "/ssl/runs";
        Submission run = submission("run-standalone", cluster.masterUrl(), runs, "straight");
        assertEquals(0, run.run(8), "see " + run.log());
        straight = stateOf(MiniHdfs.shared().fileSystem(), runs, "straight");
    }

    @AfterAll
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
            assertTrue(cluster.status().contains("no local cluster running"), "local-cluster.sh stop left processes");
        }
    }

    /**
     * A one-round Noisy Student run on the two executors, against the same jar and settings on local[2]: the same
     * rows labeled and selected, and the same test accuracies to within 0.01. Both compose the same minibatches
     * from the same seeds (rows are keyed by id, not by where a shuffle put them), and two workers' parameters
     * average exactly whichever finishes first; what remains is float rounding in how each JVM's libnd4j splits
     * work over its threads (measured: equal to the fourth decimal).
     */
    @Test
    void runOnTwoExecutorsMatchesLocalMode() throws Exception {
        Submission local = submission("run-local2", "local[2]", runs, "local2");
        assertEquals(0, local.run(8), "see " + local.log());
        JsonNode clusterState = straight;
        JsonNode localState = stateOf(MiniHdfs.shared().fileSystem(), runs, "local2");
        for (String stage : SPARK_STAGES) {
            List<String> executors = new ArrayList<>();
            clusterState.at(path(stage, "executors")).forEach(id -> executors.add(id.asText()));
            assertTrue(executors.size() >= 2 && !executors.contains("driver"),
                    stage + " ran its tasks on two executor JVMs, not in the driver: " + executors);
            assertEquals("[\"driver\"]", localState.at(path(stage, "executors")).toString(), "local mode: " + stage);
        }
        for (String count : List.of(path("round-1/pseudo", "pseudo_labels"), path("round-1/select", "above_threshold"),
                path("round-1/select", "selected"), path("round-1/select", "selected_unique"))) {
            assertEquals(localState.at(count).asLong(), clusterState.at(count).asLong(), count);
        }
        assertEquals(1000, clusterState.at(path("round-1/pseudo", "pseudo_labels")).asLong());
        for (String accuracy : List.of(path("round-1/teacher", "test_accuracy"), path("round-1/student", "test_accuracy"),
                path("round-1/pseudo", "hidden_label_accuracy"))) {
            double onExecutors = clusterState.at(accuracy).asDouble();
            assertTrue(onExecutors > 0.2, accuracy + " better than chance: " + onExecutors);
            assertEquals(localState.at(accuracy).asDouble(), onExecutors, 0.01, accuracy);
        }
        assertFalse(Files.readString(ClusterTestKit.work("logs").resolve("run-standalone.log")).contains("ssl.spark.master"),
                "the config's default master is not mentioned");
    }

    /**
     * Corpus and run folder on HDFS; the driver killed with SIGKILL while the teacher labels the pool and again
     * while the student trains; the same command then finishes with the counts and metrics of a run that was never
     * interrupted.
     */
    @Test
    void runOnHdfsKilledTwiceEndsLikeAStraightRun() throws Exception {
        FileSystem fs = MiniHdfs.shared().fileSystem();
        Path killed = new Path(runs, "killed");
        killWhen(submission("hdfs-killed-1", cluster.masterUrl(), runs, "killed"),
                () -> stagingFolder(fs, new Path(killed, "round-1"), "pseudo"));
        assertFalse(stateOf(fs, runs, "killed").at("/finished").has("round-1/pseudo"), "killed before labeling ended");
        killWhen(submission("hdfs-killed-2", cluster.masterUrl(), runs, "killed"),
                () -> fs.exists(new Path(killed, "round-1/student/train/checkpoints/epoch-0001")));
        JsonNode interrupted = stateOf(fs, runs, "killed");
        assertTrue(interrupted.at("/finished").has("round-1/pseudo"), "the second driver labeled the pool");
        assertFalse(interrupted.at("/finished").has("round-1/student"), "killed before the student finished");
        Submission last = submission("hdfs-killed-3", cluster.masterUrl(), runs, "killed");
        assertEquals(0, last.run(8), "see " + last.log());

        JsonNode expected = straight;
        JsonNode resumed = stateOf(fs, runs, "killed");
        for (String value : List.of(path("round-1/pseudo", "pseudo_labels"), path("round-1/pseudo", "model_checksum"),
                path("round-1/pseudo", "hidden_label_accuracy"), path("round-1/select", "selected"),
                path("round-1/select", "selected_unique"), path("round-1/teacher", "test_accuracy"),
                path("round-1/student", "test_accuracy"))) {
            assertEquals(expected.at(value), resumed.at(value), value);
        }
        assertTrue(resumed.at(path("round-1/student", "resumed")).asBoolean(), "the student resumed from its checkpoint");
        for (String metrics : List.of("round-1/teacher/train/metrics.json", "round-1/student/train/metrics.json")) {
            assertSameNumbers(ClusterTestKit.readJson(fs, new Path(new Path(runs, "straight"), metrics)),
                    ClusterTestKit.readJson(fs, new Path(killed, metrics)), metrics);
        }
        assertEquals(List.of(), unfinishedCopies(fs, killed), "what the killed drivers left half-written is cleared");
    }

    /** Bad cluster input ends at once with a named error and a non-zero exit, never a hang. */
    @Test
    void badClusterInputFailsByName() throws Exception {
        java.nio.file.Path logs = ClusterTestKit.work("logs");
        List<String> train = List.of("train", "--config", config.toString(), "--set", "data.corpus=" + corpus,
                "--set", "run.dir=" + ClusterTestKit.work("bad-input-runs"));

        Submission noMaster = Submission.of(logs.resolve("bad-master.log"),
                List.of("--master", "spark://127.0.0.1:" + ClusterTestKit.freePort()), train);
        assertEquals(2, noMaster.run(2));
        assertTrue(noMaster.output().contains("cannot reach the Spark master spark://127.0.0.1:"), noMaster.output());

        Submission noJar = Submission.of(logs.resolve("bad-jar.log"), List.of("--master", cluster.masterUrl()), train)
                .env("SSL_SUBMIT_JAR", "/nonexistent/ssl-pipeline-spark-submit.jar");
        assertEquals(2, noJar.run(1));
        assertTrue(noJar.output().contains("no spark-submit jar at /nonexistent/ssl-pipeline-spark-submit.jar"), noJar.output());

        String missingConfig = MiniHdfs.shared().uri() + "/ssl/conf/missing.conf";
        Submission noConfig = Submission.of(logs.resolve("bad-config.log"), List.of("--master", cluster.masterUrl()),
                List.of("train", "--config", missingConfig));
        assertEquals(2, noConfig.run(2));
        assertTrue(noConfig.output().contains("config file " + missingConfig + " does not exist"), noConfig.output());

        // ND4J may hold 1 MB off the heap: the executors cannot build a batch of test images
        Submission noOffHeap = Submission.of(logs.resolve("bad-offheap.log"), List.of("--master", cluster.masterUrl()),
                List.of("eval", "--model", runs + "/straight/round-1/teacher/train/model.zip", "--set", "data.corpus=" + corpus,
                        "--set", "spark.conf.\"spark.task.maxFailures\"=1")).env("SSL_EXECUTOR_OFFHEAP", "1m");
        assertEquals(1, noOffHeap.run(4));
        assertTrue(noOffHeap.output().contains("ssl-pipeline: eval failed: ND4J ran out of its off-heap memory"),
                noOffHeap.output());
    }

    /**
     * The same JSON but for the run's own folder in paths, and numbers equal to 1e-9 relative: the loss means of an
     * epoch sum the workers' losses in the order their tasks ended, which moves the last digit.
     */
    private static void assertSameNumbers(JsonNode expected, JsonNode actual, String where) {
        if (expected.isNumber()) {
            double tolerance = 1e-9 * Math.max(1, Math.abs(expected.asDouble()));
            assertEquals(expected.asDouble(), actual.asDouble(), tolerance, where);
        } else if (expected.isTextual()) {
            assertEquals(expected.asText(), actual.asText().replace("/killed/", "/straight/"), where);
        } else if (expected.isContainerNode()) {
            assertEquals(expected.size(), actual.size(), where + " size");
            if (expected.isArray()) {
                for (int i = 0; i < expected.size(); i++) assertSameNumbers(expected.get(i), actual.get(i), where + "[" + i + "]");
            } else {
                expected.fieldNames().forEachRemaining(field ->
                        assertSameNumbers(expected.get(field), actual.get(field), where + "." + field));
            }
        } else {
            assertEquals(expected, actual, where);
        }
    }

    private Submission submission(String name, String master, Object runs, String runId) throws IOException {
        return Submission.of(ClusterTestKit.work("logs").resolve(name + ".log"), List.of("--master", master),
                List.of("run", "--config", config.toString(), "--set", "data.corpus=" + corpus,
                        "--set", "run.dir=" + runs, "--run-id", runId));
    }

    private static void killWhen(Submission submission, IoCondition moment) throws Exception {
        Process driver = submission.start();
        long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
        while (!moment.holds() && driver.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(driver.isAlive(), "the driver ended before the moment to kill it; see " + submission.log());
        driver.destroyForcibly(); // SIGKILL: spark-submit.sh execs the driver's JVM
        assertTrue(driver.waitFor(30, TimeUnit.SECONDS));
    }

    private interface IoCondition {
        boolean holds() throws IOException;
    }

    private static boolean stagingFolder(FileSystem fs, Path parent, String name) throws IOException {
        if (!fs.exists(parent)) return false;
        for (FileStatus child : fs.listStatus(parent)) {
            if (child.getPath().getName().startsWith("." + name + ".tmp-")) return true;
        }
        return false;
    }

    /** Temporary copies and versions moved aside by a commit, anywhere under a run folder. */
    private static List<Path> unfinishedCopies(FileSystem fs, Path run) throws IOException {
        List<Path> found = new ArrayList<>();
        Predicate<String> unfinished = name -> name.matches("\\..*\\.(tmp|old)-.*");
        var files = fs.listFiles(run, true);
        while (files.hasNext()) {
            Path file = files.next().getPath();
            for (Path p = file; p != null && !p.equals(run); p = p.getParent()) {
                if (unfinished.test(p.getName())) {
                    found.add(p);
                    break;
                }
            }
        }
        return found;
    }

    private static JsonNode stateOf(FileSystem fs, String runs, String runId) throws IOException {
        return ClusterTestKit.readJson(fs, new Path(new Path(runs, runId), "state.json"));
    }

    /** A JSON pointer into state.json: the stage's name has a slash, which a pointer writes as ~1. */
    private static String path(String stage, String field) {
        return "/finished/" + stage.replace("/", "~1") + "/" + field;
    }
}
