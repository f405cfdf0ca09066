package org.sslpipeline.driver.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;

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

    /** The config file, or an empty layer after reporting why it cannot be read. */
    static Config file(Path file, Problems problems) {
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
