package org.sslpipeline.jobs.corpus;

import org.apache.hadoop.fs.Path;

/**
 * Where the parts of a corpus live under its root folder (any Hadoop URI):
 * {@code <root>/<split>/part-*.parquet}, {@code <root>/_quarantine/} and {@code <root>/_corpus.json}.
 */
public record CorpusLayout(Path root) {
    public static final String QUARANTINE_FOLDER = "_quarantine";
    public static final String MANIFEST_FILE = "_corpus.json";

    public static CorpusLayout of(String root) {
        return new CorpusLayout(new Path(root));
    }

    public Path split(String name) {
        return new Path(root, name);
    }

    public Path quarantine() {
        return new Path(root, QUARANTINE_FOLDER);
    }

    public Path manifest() {
        return new Path(root, MANIFEST_FILE);
    }
}
