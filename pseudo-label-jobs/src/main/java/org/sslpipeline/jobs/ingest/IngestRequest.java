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
 * @param split     the split of a single-split source (plain Parquet files, an image folder without split folders);
 *                  null or blank = train
 * @param shardRows the most rows per Parquet file
 * @param overwrite whether to replace an existing output folder
 * @param append    whether to add the source's rows to the existing corpus at {@code output} (new splits, or more
 *                  rows for its splits) instead of creating one; image folders only
 * @param idPrefix  put before every id of the source (null = none), so that appended ids stay unique
 * @param imageFolder how an image folder is read
 */
public record IngestRequest(String format, String source, String output, String name, String split,
                            int shardRows, boolean overwrite, boolean append, String idPrefix,
                            ImageFolderOptions imageFolder) {
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
        if (append && overwrite) {
            throw new IllegalArgumentException("append and overwrite exclude each other: append adds to " + output
                    + ", overwrite replaces it");
        }
        if (append && sourceFormat != SourceFormat.IMAGE_FOLDER) {
            throw new IllegalArgumentException("append takes an image folder; format " + format + " makes a new corpus");
        }
        idPrefix = idPrefix == null ? "" : idPrefix;
        imageFolder = imageFolder == null ? ImageFolderOptions.DEFAULTS : imageFolder;
    }

    /** A request that creates (or with overwrite replaces) a corpus, reading image folders the default way. */
    public IngestRequest(String format, String source, String output, String name, String split, int shardRows,
                         boolean overwrite) {
        this(format, source, output, name, split, shardRows, overwrite, false, "", ImageFolderOptions.DEFAULTS);
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
