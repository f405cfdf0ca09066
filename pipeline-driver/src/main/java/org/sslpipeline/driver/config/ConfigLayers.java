package org.sslpipeline.driver.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The layers under the {@code --set} overrides: the user's config file and the defaults in reference.conf. */
final class ConfigLayers {
    static final String ROOT = "ssl";

    private ConfigLayers() {}

    /** The {@code ssl} tree of reference.conf; other libraries' reference.conf files on the classpath are left out. */
    static Config reference() {
        return ConfigFactory.parseResources(ConfigLayers.class.getClassLoader(), "reference.conf")
                .withOnlyPath(ROOT)
                .resolve();
    }

    /**
     * The config file at a local path or a Hadoop file system URI ({@code hdfs://}, {@code s3a://}: how a driver
     * that spark-submit started on a cluster node reads a config that was never copied there), or an empty layer
     * after reporting why it cannot be read.
     */
    static Config file(String location, Problems problems) {
        URI uri = new org.apache.hadoop.fs.Path(location).toUri();
        if (uri.getScheme() == null || uri.getScheme().equals("file")) {
            return file(uri.getScheme() == null ? Path.of(location) : Path.of(uri), problems);
        }
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(uri);
        try {
            FileSystem fs = path.getFileSystem(new Configuration());
            if (!fs.isFile(path)) {
                problems.add("config file " + location + (fs.exists(path) ? " is not a regular file" : " does not exist"));
                return ConfigFactory.empty();
            }
            try (Reader reader = new InputStreamReader(fs.open(path), StandardCharsets.UTF_8)) {
                return ConfigFactory.parseReader(reader, ConfigParseOptions.defaults().setOriginDescription(location));
            }
        } catch (IOException e) {
            problems.add("cannot read config file " + location + ": " + e);
        } catch (ConfigException e) {
            problems.add("cannot read config file " + location + ": " + e.getMessage());
        }
        return ConfigFactory.empty();
    }

    private static Config file(Path file, Problems problems) {
        if (!Files.isRegularFile(file)) {
            problems.add("config file " + file + (Files.exists(file) ? " is not a regular file" : " does not exist"));
            return ConfigFactory.empty();
        }
        try {
            return ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
        } catch (ConfigException e) {
            problems.add("cannot read config file " + file + ": " + e.getMessage());
            return ConfigFactory.empty();
        }
    }

    /** Substitutions such as {@code ${ssl.run.dir}} are resolved across all layers; a failure stops here. */
    static Config resolve(Config layers, Problems problems) {
        try {
            return layers.resolve();
        } catch (ConfigException e) {
            throw problems.fail(e.getMessage());
        }
    }
}
