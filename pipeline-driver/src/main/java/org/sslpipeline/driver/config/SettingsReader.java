package org.sslpipeline.driver.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import org.sslpipeline.training.settings.SettingsBlock;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Typed reads of one section of the merged configuration. A value of the wrong type is reported and replaced by
 * its default, so that reading goes on and every problem is found in one pass.
 */
final class SettingsReader implements SettingsBlock {
    private final Config config;
    private final Config defaults;
    private final Problems problems;
    private final String section;

    SettingsReader(Config config, Config defaults, Problems problems, String section) {
        this.config = config;
        this.defaults = defaults;
        this.problems = problems;
        this.section = section;
    }

    SettingsReader section(String name) {
        return new SettingsReader(config, defaults, problems, section + "." + name);
    }

    String string(String key) {
        return read(key, "a string", Config::getString, value -> true);
    }

    @Override
    public boolean bool(String key) {
        return read(key, "true or false", Config::getBoolean, value -> true);
    }

    @Override
    public double number(String key) {
        return read(key, "a number", Config::getDouble, Double::isFinite);
    }

    @Override
    public int integer(String key) {
        return read(key, "an integer", Config::getNumber,
                value -> isWhole(value) && value.longValue() == value.intValue()).intValue();
    }

    long longInteger(String key) {
        return read(key, "an integer", Config::getNumber, SettingsReader::isWhole).longValue();
    }

    List<String> stringList(String key) {
        return read(key, "a list of strings", Config::getStringList, value -> true);
    }

    /** A free-form section of string settings; {@code a.b = 1} and {@code "a.b" = 1} both give key {@code a.b}. */
    Map<String, String> stringMap(String key) {
        String path = path(key);
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> entry : config.getConfig(path).entrySet()) {
            ConfigValue value = entry.getValue();
            if (value.valueType() == ConfigValueType.LIST) {
                reportWrongType(path + "." + entry.getKey(), "a string");
            } else {
                String text = value.unwrapped() instanceof String string ? string : ConfigPaths.render(value);
                map.put(String.join(".", ConfigUtil.splitPath(entry.getKey())), text);
            }
        }
        return map;
    }

    private <T> T read(String key, String expected, BiFunction<Config, String, T> getter, Predicate<T> acceptable) {
        String path = path(key);
        try {
            T value = getter.apply(config, path);
            if (acceptable.test(value)) {
                return value;
            }
        } catch (ConfigException.Missing | ConfigException.WrongType | ConfigException.BadValue e) {
            // reported below; Missing here means an explicit null, since defaults fill in everything else
        }
        reportWrongType(path, expected);
        return getter.apply(defaults, path);
    }

    private void reportWrongType(String path, String expected) {
        problems.add(path + " must be " + expected + ", got " + ConfigPaths.render(config, path)
                + ConfigPaths.originSuffix(config, path));
    }

    private String path(String key) {
        return section + "." + key;
    }

    // 5.0 or 1e3 parse as doubles; settings that count things take whole numbers only.
    private static boolean isWhole(Number value) {
        return value instanceof Integer || value instanceof Long;
    }
}
