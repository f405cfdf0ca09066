package org.sslpipeline.jobs.ingest;

import org.apache.hadoop.conf.Configuration;
import org.sslpipeline.jobs.corpus.CorpusManifest;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The kinds of source {@link IngestJob} reads, by the name a request uses. */
public enum SourceFormat {
    /** A folder holding Fashion-MNIST's four IDX files, gzip or plain. */
    FASHION_MNIST("fashion-mnist", "/usr/share/datasets/fashion-mnist"),
    /** A folder of image files, {@code root/<split>/<class>/<image>} or {@code root/<class>/<image>}; see ImageFolderLayout. */
    IMAGE_FOLDER("image-folder", null),
    /** A corpus folder, or Parquet files with the corpus schema. */
    PARQUET("parquet", null);

    private final String id;
    private final String defaultSource;

    SourceFormat(String id, String defaultSource) {
        this.id = id;
        this.defaultSource = defaultSource;
    }

    public String id() {
        return id;
    }

    public Optional<String> defaultSource() {
        return Optional.ofNullable(defaultSource);
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(SourceFormat::id).toList();
    }

    /** @throws IllegalArgumentException listing the known formats if {@code id} is none of them */
    public static SourceFormat named(String id) {
        return Arrays.stream(values())
                .filter(format -> format.id.equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown source format '" + id + "'; known formats: " + String.join(", ", ids())));
    }

    /**
     * Opens the request's source; fails naming the source path if it does not exist.
     *
     * @param appendTo the manifest of the corpus the rows are added to, or null when a corpus is created
     */
    CorpusSource open(IngestRequest request, CorpusManifest appendTo, Configuration conf) {
        return switch (this) {
            case FASHION_MNIST -> new FashionMnistSource(request.source(), request.shardRows(), conf);
            case IMAGE_FOLDER -> new ImageFolderSource(request.source(), request.split(), request.imageFolder(),
                    request.idPrefix(), appendTo == null ? null : appendTo.classNames(),
                    appendTo == null ? null : appendTo.imageShape(), conf);
            case PARQUET -> new ParquetCorpusSource(request.source(), request.split(), conf);
        };
    }
}
