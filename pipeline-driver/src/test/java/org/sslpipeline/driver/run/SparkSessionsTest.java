package org.sslpipeline.driver.run;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.sslpipeline.driver.config.SparkSettings;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SparkSessionsTest {
    private static final String DEFAULT_MASTER = "local[*]";

    private static SparkSettings settings(String master, Map<String, String> conf) {
        return new SparkSettings(master, "ssl-pipeline", "", conf);
    }

    /** A SparkConf that does not read this JVM's system properties: what spark-submit would have passed. */
    private static SparkConf submitted(String... keyValues) {
        SparkConf conf = new SparkConf(false);
        for (int i = 0; i < keyValues.length; i += 2) conf.set(keyValues[i], keyValues[i + 1]);
        return conf;
    }

    @Test
    void withoutSparkSubmitTheConfigsMasterAndSettingsAreUsed() {
        var resolved = SparkSessions.resolve(settings("local[2]", Map.of("spark.executor.memory", "3g")), "/tmp/x",
                DEFAULT_MASTER, submitted());
        assertEquals("local[2]", resolved.conf().get("spark.master"));
        assertEquals("3g", resolved.conf().get("spark.executor.memory"));
        assertEquals("/tmp/x", resolved.conf().get("spark.local.dir"));
        assertEquals("org.apache.spark.serializer.KryoSerializer", resolved.conf().get("spark.serializer"));
        assertEquals(List.of(), resolved.warnings());
    }

    @Test
    void sparkSubmitsMasterWinsSilentlyOverTheDefault() {
        var resolved = SparkSessions.resolve(settings(DEFAULT_MASTER, Map.of()), null, DEFAULT_MASTER,
                submitted("spark.master", "spark://10.0.0.1:7077", "spark.app.name", "nightly"));
        assertEquals("spark://10.0.0.1:7077", resolved.conf().get("spark.master"));
        assertEquals("nightly", resolved.conf().get("spark.app.name"), "spark-submit's --name is kept");
        assertEquals(List.of(), resolved.warnings());
    }

    @Test
    void aConfigThatNamesAnotherMasterOrSettingIsOverruledWithAWarningNamingBoth() {
        var resolved = SparkSessions.resolve(settings("yarn", Map.of("spark.executor.memory", "3g", "spark.executor.cores", "2")),
                null, DEFAULT_MASTER, submitted("spark.master", "spark://10.0.0.1:7077", "spark.executor.memory", "6g"));
        assertEquals("spark://10.0.0.1:7077", resolved.conf().get("spark.master"));
        assertEquals("6g", resolved.conf().get("spark.executor.memory"));
        assertEquals("2", resolved.conf().get("spark.executor.cores"), "what spark-submit did not set comes from the config");
        assertEquals(2, resolved.warnings().size(), resolved.warnings().toString());
        assertTrue(resolved.warnings().get(0).contains("spark://10.0.0.1:7077")
                && resolved.warnings().get(0).contains("ssl.spark.master = yarn"), resolved.warnings().get(0));
        assertTrue(resolved.warnings().get(1).contains("spark.executor.memory=6g")
                && resolved.warnings().get(1).contains("= 3g"), resolved.warnings().get(1));
    }

    @Test
    void aStandaloneMasterNobodyAnswersAtIsNamedAtOnce() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String master = "spark://127.0.0.1:" + closedPort;
        var error = assertThrows(IllegalArgumentException.class, () -> SparkSessions.checkReachable(master));
        assertTrue(error.getMessage().startsWith("cannot reach the Spark master " + master), error.getMessage());
        try (ServerSocket listening = new ServerSocket(0)) {
            SparkSessions.checkReachable("spark://127.0.0.1:" + closedPort + ",127.0.0.1:" + listening.getLocalPort());
        }
        SparkSessions.checkReachable("local[2]");
        SparkSessions.checkReachable("yarn");
    }
}
