package org.sslpipeline.driver.config;

import com.typesafe.config.ConfigUtil;
import org.sslpipeline.training.settings.SettingsCheck;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Spark session every command runs in ({@code ssl.spark}).
 *
 * @param master   Spark master URL: local[*], local[N], spark://host:port, yarn, k8s://...
 * @param appName  application name shown in the Spark UI
 * @param localDir Spark's scratch folder (spark.local.dir); empty means the run folder's spark-tmp
 * @param conf     settings handed to SparkConf unchanged, by full Spark key (spark.executor.memory, ...)
 */
public record SparkSettings(String master, String appName, String localDir, Map<String, String> conf) {
    public SparkSettings {
        SettingsCheck check = SettingsCheck.section("ssl.spark")
                .notBlank("master", master)
                .notBlank("app-name", appName)
                .notNull("local-dir", localDir)
                .notNull("conf", conf);
        if (conf != null) {
            // Spark ignores keys outside spark.*, so a key without the prefix is a mistake that would go unnoticed.
            conf.forEach((key, value) -> check.require(key.startsWith("spark."),
                    "conf." + ConfigUtil.joinPath(key), "is not a Spark setting (those start with \"spark.\")",
                    SettingsCheck.quoted(value)));
        }
        check.done();
        conf = Collections.unmodifiableMap(new TreeMap<>(conf));
    }
}
