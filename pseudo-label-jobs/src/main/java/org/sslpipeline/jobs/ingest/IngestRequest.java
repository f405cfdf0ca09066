package org.sslpipeline.jobs.ingest;

import org.apache.hadoop.fs.Path;
import org.sslpipeline.training.io.HadoopFiles;

/**
 * What {@link IngestJob} reads and where it writes the corpus.
 *
 * @param format    a {@link SourceFormat} id: fashion-mnist, image-folder or parquet
 * @param source    the source path (any Hadoop URI); null or blank takes the format's default, if it has one
 * @param output    the corpus folder to create
 * @param name      the corpus name; null or blank takes the output folder's name
 * @param split     the split of a single-split source (image-folder, plain Parquet files); null or blank = train
 * @param shardRows the most rows per Parquet file
 * @param overwrite whether to replace an existing output folder
 */
public record IngestRequest(String format, String source, String output, String name, String split,
                            int shardRows, boolean overwrite) {
    public static final int DEFAULT_SHARD_ROWS = 10_000;
    public static final String DEFAULT_SPLIT = "train";

    public IngestRequest {
        SourceFormat sourceFormat = SourceFormat.named(format);
        if (isBlank(source)) {
            source = sourceFormat.defaultSource().orElseThrow(
                    () -> new IllegalArgumentException("a source path is required for format " + format));
        }
        if (isBlank(output)) {
            throw new IllegalArgumentException("an output path is required");
        }
        if (isBlank(name)) {
            name = new Path(output).getName();
        }
        if (isBlank(split)) {
            split = DEFAULT_SPLIT;
        }
        if (split.contains("/") || HadoopFiles.isHidden(split)) {
            throw new IllegalArgumentException("split name '" + split + "' must not contain '/' or start with '_' or '.'");
        }
        if (shardRows <= 0) {
            throw new IllegalArgumentException("shardRows must be positive, got " + shardRows);
        }
    }

    /** A request with the default name, split and shard size, that refuses an existing output. */
    public IngestRequest(String format, String source, String output) {
        this(format, source, output, null, null, DEFAULT_SHARD_ROWS, false);
    }

    public SourceFormat sourceFormat() {
        return SourceFormat.named(format);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
