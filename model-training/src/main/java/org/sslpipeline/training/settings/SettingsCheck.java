package org.sslpipeline.training.settings;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules in the settings records' compact constructors. Unlike a chain of {@code if ... throw}, it gathers every
 * broken rule of a record before throwing, so a config with several mistakes is reported in one go.
 */
public final class SettingsCheck {
    private final String section;
    private final List<InvalidSettingsException.Violation> violations = new ArrayList<>();

    private SettingsCheck(String section) {
        this.section = section;
    }

    /** Rules for the keys of one section, e.g. {@code ssl.train}; messages name the full key. */
    public static SettingsCheck section(String section) {
        return new SettingsCheck(section);
    }

    public SettingsCheck positive(String key, long value) {
        return require(value > 0, key, "must be > 0", value);
    }

    public SettingsCheck positive(String key, double value) {
        return require(value > 0 && Double.isFinite(value), key, "must be > 0", value);
    }

    public SettingsCheck atLeast(String key, long value, long min) {
        return require(value >= min, key, "must be >= " + min, value);
    }

    public SettingsCheck nonNegative(String key, double value) {
        return require(value >= 0 && Double.isFinite(value), key, "must be >= 0", value);
    }

    /** In [0, 1]: a confidence threshold. */
    public SettingsCheck probability(String key, double value) {
        return require(value >= 0 && value <= 1, key, "must be in [0, 1]", value);
    }

    /** In (0, 1]: a part of the run, e.g. the length of a ramp-up. */
    public SettingsCheck partOfRun(String key, double value) {
        return require(value > 0 && value <= 1, key, "must be in (0, 1]", value);
    }

    /** In [0, 1): a probability of dropping, a momentum, a decay. */
    public SettingsCheck fraction(String key, double value) {
        return require(value >= 0 && value < 1, key, "must be in [0, 1)", value);
    }

    public SettingsCheck oneOf(String key, String value, List<String> allowed) {
        return require(allowed.contains(value), key, "must be one of " + String.join(", ", allowed), quoted(value));
    }

    public SettingsCheck notBlank(String key, String value) {
        return require(value != null && !value.isBlank(), key, "must not be empty", quoted(value));
    }

    public SettingsCheck notNull(String key, Object value) {
        return require(value != null, key, "must be set", null);
    }

    public SettingsCheck matches(String key, String value, String regex, String rule) {
        return require(value != null && value.matches(regex), key, rule, quoted(value));
    }

    /** Any other rule; the message reads "{section}.{key} {rule}, got {value}". */
    public SettingsCheck require(boolean holds, String key, String rule, Object value) {
        if (!holds) {
            String path = section + "." + key;
            violations.add(new InvalidSettingsException.Violation(path, path + " " + rule + ", got " + value));
        }
        return this;
    }

    public void done() {
        if (!violations.isEmpty()) {
            throw new InvalidSettingsException(violations);
        }
    }

    public static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
