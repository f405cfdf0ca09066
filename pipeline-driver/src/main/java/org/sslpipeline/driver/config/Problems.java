package org.sslpipeline.driver.config;

import java.util.ArrayList;
import java.util.List;

/** Collects what is wrong with a configuration, so that one error reports all of it. */
final class Problems {
    private final List<String> messages = new ArrayList<>();

    void add(String message) {
        messages.add(message);
    }

    /** For a problem that stops loading: the exception to throw, listing it after those found before. */
    InvalidConfigException fail(String message) {
        messages.add(message);
        return new InvalidConfigException(messages);
    }

    void throwIfAny() {
        if (!messages.isEmpty()) {
            throw new InvalidConfigException(messages);
        }
    }
}
