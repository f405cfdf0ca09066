package org.sslpipeline.driver.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;

import java.util.Optional;

/** Finding a value and saying where it came from, for error messages. */
final class ConfigPaths {
    private ConfigPaths() {}

    /** The value at {@code path}, an explicit {@code null} included; unlike {@link Config#getValue} it never throws. */
    static Optional<ConfigValue> valueAt(Config config, String path) {
        ConfigValue node = config.root();
        for (String key : ConfigUtil.splitPath(path)) {
            if (!(node instanceof ConfigObject section) || !section.containsKey(key)) {
                return Optional.empty();
            }
            node = section.get(key);
        }
        return Optional.of(node);
    }

    /** The value at {@code path} as it would be written in HOCON, e.g. {@code "abc"} or {@code 1.5}. */
    static String render(Config config, String path) {
        return valueAt(config, path).map(ConfigPaths::render).orElse("nothing");
    }

    static String render(ConfigValue value) {
        return value.render(ConfigRenderOptions.concise());
    }

    /** {@code " (file.conf:12)"} for the value at {@code path}, or an empty string if there is none. */
    static String originSuffix(Config config, String path) {
        return valueAt(config, path).map(value -> " (" + describe(value.origin()) + ")").orElse("");
    }

    /** {@code file:line} for files and classpath resources; the origin's own description otherwise (e.g. "--set a=b"). */
    static String describe(ConfigOrigin origin) {
        String source = origin.filename() != null ? origin.filename() : origin.resource();
        if (source == null) {
            return origin.description();
        }
        return origin.lineNumber() > 0 ? source + ":" + origin.lineNumber() : source;
    }
}
