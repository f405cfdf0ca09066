package org.sslpipeline.driver.config;

import java.util.List;

/** The configuration cannot be used. The message lists every problem found, one per line. */
public final class InvalidConfigException extends RuntimeException {
    private final List<String> problems;

    InvalidConfigException(List<String> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    /** One entry per problem, each naming the key and, where known, where its value came from. */
    public List<String> problems() {
        return problems;
    }

    private static String describe(List<String> problems) {
        StringBuilder message = new StringBuilder(problems.size() == 1
                ? "Invalid configuration:"
                : "Invalid configuration (" + problems.size() + " problems):");
        problems.forEach(problem -> message.append("\n  - ").append(problem));
        return message.toString();
    }
}
