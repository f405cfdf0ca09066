package org.sslpipeline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/** Where the cluster tests find the build's outputs and keep their own, and small helpers they share. */
final class ClusterTestKit {
    private ClusterTestKit() {}

    static final String LOOPBACK = "127.0.0.1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The checkout: deploy/spark-submit.sh and deploy/local-cluster.sh are run from it, as a user would. */
    static java.nio.file.Path home() {
        return java.nio.file.Path.of(System.getProperty("ssl.home", "..")).toAbsolutePath().normalize();
    }

    /** What `mvn package` built: the jar spark-submit takes. */
    static java.nio.file.Path submitJar() {
        return java.nio.file.Path.of(System.getProperty("ssl.submit-jar"));
    }

    /** The Spark runtime (Spark, its YARN module and what they bring), one jar path per entry. */
    static List<String> sparkClasspath() throws IOException {
        return List.of(Files.readString(java.nio.file.Path.of(System.getProperty("ssl.spark-classpath")))
                .strip().split(":"));
    }

    /** A folder of this test run under deploy/target. */
    static java.nio.file.Path work(String name) throws IOException {
        return Files.createDirectories(home().resolve("deploy/target/it-work").resolve(name));
    }

    /** ND4J's natives unpacked once for every JVM the tests start, as the unit tests do. */
    static String javacppCache() {
        return home().resolve("target/javacpp-cache").toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        }
    }

    static JsonNode readJson(FileSystem fs, Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            return JSON.readTree(in);
        }
    }

    static String readText(FileSystem fs, Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * The settings of every test run: FixMatch on 10 labels per class with a 1,000-image pool, 2 epochs of 10
     * steps for teacher and student, two training workers, Kryo registration enforced (a class sent between JVMs
     * without a registration fails the run), no web UI.
     */
    static java.nio.file.Path tinyRunConfig() throws IOException {
        java.nio.file.Path file = work("conf").resolve("tiny-run.conf");
        Files.writeString(file, """
                ssl {
                  spark.conf { "spark.kryo.registrationRequired" = true, "spark.ui.enabled" = false }
                  data { labels-per-class = 10, max-unlabeled = 1000 }
                  train { algorithm = fixmatch, batch-size = 16, steps-per-epoch = 10, epochs = 2, eval-every-epochs = 10 }
                  train.spark.workers = 2
                  noisy-student { pseudo-label-batch-size = 64, per-class = 50, pseudo-ratio = 3, student-epochs = 2 }
                }
                """);
        return file;
    }
}
