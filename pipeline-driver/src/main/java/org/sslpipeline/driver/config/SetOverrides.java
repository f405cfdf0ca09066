package org.sslpipeline.driver.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOriginFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;

import java.util.List;
import java.util.Map;

/**
 * The {@code --set key=value} arguments as the highest configuration layer. Keys may omit the {@code ssl.} root;
 * values are HOCON values ({@code 5}, {@code 0.03}, {@code true}, {@code "local[2]"}), and anything that is not
 * a plain HOCON value ({@code local[2]}, {@code spark://host:7077}) is taken as the literal string typed.
 */
final class SetOverrides {
    private SetOverrides() {}

    static Config parse(List<String> arguments, Problems problems) {
        Config overrides = ConfigFactory.empty();
        for (String argument : arguments) {
            int equals = argument.indexOf('=');
            String key = equals < 0 ? "" : argument.substring(0, equals).trim();
            if (key.isEmpty()) {
                problems.add("--set expects key=value, got \"" + argument + "\"");
                continue;
            }
            String origin = "--set " + argument;
            try {
                Config override = atPath(fullPath(key), value(argument.substring(equals + 1).trim(), origin), origin);
                overrides = override.withFallback(overrides);
            } catch (ConfigException.BadPath e) {
                problems.add(origin + ": \"" + key + "\" is not a valid key");
            }
        }
        return overrides;
    }

    private static String fullPath(String key) {
        String root = ConfigLayers.ROOT;
        return key.equals(root) || key.startsWith(root + ".") ? key : root + "." + key;
    }

    /** Like {@link Config#withValue}, but the sections made on the way carry the argument as their origin too. */
    private static Config atPath(String path, ConfigValue value, String origin) {
        List<String> keys = ConfigUtil.splitPath(path);
        ConfigValue nested = value;
        for (int i = keys.size() - 1; i >= 0; i--) {
            nested = ConfigValueFactory.fromMap(Map.of(keys.get(i), nested), origin);
        }
        return ((ConfigObject) nested).toConfig();
    }

    private static ConfigValue value(String text, String origin) {
        try {
            ConfigValue parsed = ConfigFactory.parseString("value = " + text,
                    ConfigParseOptions.defaults().setOriginDescription(origin)).root().get("value");
            // HOCON would cut an unquoted a//b or a#b at the comment; what was typed is what was meant.
            boolean unquotedString = parsed.valueType() == ConfigValueType.STRING && !text.startsWith("\"");
            if (!unquotedString) {
                return parsed.withOrigin(ConfigOriginFactory.newSimple(origin));
            }
        } catch (ConfigException notAPlainValue) {
            // e.g. local[2] or spark://host:7077: fall through to the literal string
        }
        return ConfigValueFactory.fromAnyRef(text, origin);
    }
}
