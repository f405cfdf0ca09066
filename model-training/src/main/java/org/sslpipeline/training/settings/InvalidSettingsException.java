package org.sslpipeline.training.settings;

import java.io.Serializable;
import java.util.List;
import java.util.stream.Collectors;

/** Thrown by a settings record's constructor; keeps each broken rule's key so the loader can say where it was set. */
public final class InvalidSettingsException extends IllegalArgumentException {
    public record Violation(String key, String message) implements Serializable {}

    private final List<Violation> violations;

    public InvalidSettingsException(List<Violation> violations) {
        super(violations.stream().map(Violation::message).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
