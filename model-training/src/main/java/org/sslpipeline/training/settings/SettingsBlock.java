package org.sslpipeline.training.settings;

/**
 * One block of the configuration (e.g. {@code ssl.algorithms.fixmatch}), read key by key. The configuration
 * loader implements it; a settings record's {@code read} method names the keys it needs.
 */
public interface SettingsBlock {
    int integer(String key);

    double number(String key);

    boolean bool(String key);
}
