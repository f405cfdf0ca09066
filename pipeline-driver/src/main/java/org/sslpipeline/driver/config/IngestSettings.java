package org.sslpipeline.driver.config;

import java.util.List;

/**
 * Importing a raw image dataset into a sharded corpus ({@code ssl.ingest}).
 *
 * @param format    layout of the source: one of {@link #FORMATS}
 * @param source    folder or Hadoop URI of the raw dataset
 * @param name      name of the corpus it becomes
 * @param split     which split to import (train, test, ...), for image-folder and parquet sources
 * @param shardRows images per output shard
 * @param overwrite whether to replace an existing corpus of the same name
 */
public record IngestSettings(String format, String source, String name, String split, int shardRows,
                             boolean overwrite) {
    public static final List<String> FORMATS = List.of("fashion-mnist", "image-folder", "parquet");

    /** The ingest job's request for these settings, writing the corpus to {@code output}. */
    public org.sslpipeline.jobs.ingest.IngestRequest request(String output, boolean overwriteOutput) {
        return new org.sslpipeline.jobs.ingest.IngestRequest(format, source, output, name, split, shardRows, overwriteOutput);
    }

    public IngestSettings {
        SettingsCheck.section("ssl.ingest")
                .oneOf("format", format, FORMATS)
                .notBlank("source", source)
                .notBlank("name", name)
                .notBlank("split", split)
                .positive("shard-rows", shardRows)
                .done();
    }
}
