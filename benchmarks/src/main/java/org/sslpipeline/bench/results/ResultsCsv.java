package org.sslpipeline.bench.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A benchmark's results file: a CSV with a fixed header, created when missing, to which each run appends its rows
 * by rewriting the whole file atomically, so an interrupted run leaves the previous file or the new one.
 */
public final class ResultsCsv {
    private final Path file;
    private final String header;

    public ResultsCsv(Path file, String header) {
        this.file = file;
        this.header = header;
    }

    public Path file() {
        return file;
    }

    /**
     * @param rows CSV lines without line ends, in the header's columns
     * @throws IllegalArgumentException if the existing file has another header
     */
    public void append(List<String> rows) {
        List<String> lines = new ArrayList<>();
        try {
            if (Files.exists(file)) lines.addAll(Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (lines.isEmpty()) {
            lines.add(header);
        } else if (!lines.get(0).equals(header)) {
            throw new IllegalArgumentException(file + " does not start with the header " + header
                    + "; move it aside to start a new one");
        }
        lines.addAll(rows);
        LocalFiles.writeAtomically(file, String.join("\n", lines) + "\n");
    }
}
