package org.sslpipeline.driver.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Holds a merged configuration to the shape of reference.conf: every key must be one reference.conf defines, and
 * a section must stay a section. Only {@code ssl.spark.conf} is free-form, since it is passed to Spark unchanged.
 */
final class StrictKeys {
    private static final List<String> PASS_THROUGH = List.of("ssl", "spark", "conf");

    private final List<String> knownPaths = new ArrayList<>();
    private final List<String> notSections = new ArrayList<>();
    private final Problems problems;

    private StrictKeys(Problems problems) {
        this.problems = problems;
    }

    /**
     * Reports every unknown key and every section replaced by a plain value. Returns the merged config with such
     * sections reset to their defaults, so that the typed settings can still be read and checked.
     */
    static Config check(Config merged, Config reference, Problems problems) {
        StrictKeys check = new StrictKeys(problems);
        check.collectKnown(reference.root(), List.of());
        check.compare(merged.root(), reference.root(), List.of());
        Config readable = merged;
        for (String path : check.notSections) {
            readable = readable.withoutPath(path);
        }
        return readable.withFallback(reference);
    }

    private void collectKnown(ConfigObject section, List<String> parent) {
        section.forEach((key, value) -> {
            List<String> path = append(parent, key);
            knownPaths.add(ConfigUtil.joinPath(path));
            if (value instanceof ConfigObject subsection) {
                collectKnown(subsection, path);
            }
        });
    }

    private void compare(ConfigObject actual, ConfigObject expected, List<String> parent) {
        for (String key : new TreeSet<>(actual.keySet())) {
            List<String> path = append(parent, key);
            ConfigValue value = actual.get(key);
            ConfigValue known = expected.get(key);
            if (known == null) {
                reportUnknown(ConfigUtil.joinPath(path), value);
            } else if (known instanceof ConfigObject knownSection) {
                if (!(value instanceof ConfigObject section)) {
                    reportNotASection(ConfigUtil.joinPath(path), value);
                } else if (!path.equals(PASS_THROUGH)) {
                    compare(section, knownSection, path);
                }
            }
        }
    }

    private void reportUnknown(String path, ConfigValue value) {
        if (RenamedKeys.isRenamedSection(path) && value instanceof ConfigObject section) {
            section.toConfig().entrySet().forEach(leaf -> reportUnknown(path + "." + leaf.getKey(), leaf.getValue()));
            return;
        }
        Optional<String> newName = RenamedKeys.newName(path);
        if (newName.isPresent()) {
            problems.add(path + " was renamed to " + newName.get() + " (" + ConfigPaths.describe(value.origin()) + ")");
            return;
        }
        List<String> suggestions = DidYouMean.suggest(path, knownPaths);
        problems.add("unknown key " + path + " (" + ConfigPaths.describe(value.origin()) + ")"
                + (suggestions.isEmpty() ? "" : "; did you mean " + String.join(" or ", suggestions) + "?"));
    }

    private void reportNotASection(String path, ConfigValue value) {
        notSections.add(path);
        problems.add(path + " must be a section { ... }, got " + ConfigPaths.render(value)
                + " (" + ConfigPaths.describe(value.origin()) + ")");
    }

    private static List<String> append(List<String> parent, String key) {
        List<String> path = new ArrayList<>(parent);
        path.add(key);
        return List.copyOf(path);
    }
}
