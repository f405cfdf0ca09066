package org.sslpipeline.driver.config;

import org.sslpipeline.training.settings.SettingsCheck;

/**
 * Where a run keeps its outputs ({@code ssl.run}): {@code <dir>/<id>/}.
 *
 * @param dir folder or Hadoop URI holding the run folders
 * @param id  the run's folder name; empty means one is generated from the time and the algorithm
 */
public record RunSettings(String dir, String id) {
    public RunSettings {
        SettingsCheck.section("ssl.run")
                .notBlank("dir", dir)
                // It becomes one segment of a Hadoop path, where '/' nests, ':' reads as a scheme and '..' climbs out.
                .matches("id", id, "([A-Za-z0-9_-][A-Za-z0-9._-]*)?",
                        "may hold only letters, digits, '.', '_' and '-', and may not start with '.'")
                .done();
    }
}
