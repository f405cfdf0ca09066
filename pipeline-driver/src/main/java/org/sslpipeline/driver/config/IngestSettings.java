package org.sslpipeline.driver.config;

import org.sslpipeline.jobs.ingest.ImageFolderOptions;
import org.sslpipeline.jobs.ingest.IngestRequest;
import org.sslpipeline.training.settings.SettingsCheck;

import java.util.List;

/**
 * Importing a raw image dataset into a sharded corpus ({@code ssl.ingest}).
 *
 * @param format       layout of the source: one of {@link #FORMATS}
 * @param source       folder or Hadoop URI of the raw dataset
 * @param name         name of the corpus it becomes
 * @param split        the split of a single-split source (an image folder without split folders, Parquet files)
 * @param shardRows    images per output shard
 * @param overwrite    whether to replace an existing corpus of the same name
 * @param append       whether to add the source's images to the existing corpus instead (image folders only)
 * @param idPrefix     put before every id of the source
 * @param splitFolders root folder names that make an image folder's layout root/split/class/image
 * @param testFraction share of each class's labeled images drawn into a test split when an image folder has none
 * @param seed         seed of that draw
 * @param imageShape   HxWxC of the corpus's images, or auto (the first image's)
 * @param otherShapes  resize or quarantine images of another shape
 */
public record IngestSettings(String format, String source, String name, String split, int shardRows,
                             boolean overwrite, boolean append, String idPrefix, List<String> splitFolders,
                             double testFraction, long seed, String imageShape, String otherShapes) {
    public static final List<String> FORMATS = List.of("fashion-mnist", "image-folder", "parquet");

    /** The ingest job's request for these settings, writing the corpus to {@code output}. */
    public IngestRequest request(String output) {
        return new IngestRequest(format, source, output, name, split, shardRows, overwrite, append, idPrefix,
                new ImageFolderOptions(splitFolders, testFraction, seed, imageShape, otherShapes));
    }

    public IngestSettings {
        SettingsCheck.section("ssl.ingest")
                .oneOf("format", format, FORMATS)
                .notBlank("source", source)
                .notBlank("name", name)
                .notBlank("split", split)
                .positive("shard-rows", shardRows)
                .require(!(append && overwrite), "append", "and ssl.ingest.overwrite cannot both be true", append)
                .require(!append || "image-folder".equals(format), "append", "takes format image-folder only",
                        format)
                .fraction("test-fraction", testFraction)
                .matches("image-shape", imageShape, "auto|\\d+x\\d+x[13]", "must be auto or HxWxC with C = 1 or 3 "
                        + "(e.g. 28x28x1, 32x32x3)")
                .oneOf("other-shapes", otherShapes, List.of(ImageFolderOptions.RESIZE, ImageFolderOptions.QUARANTINE))
                .done();
    }

    public IngestSettings withAppend(boolean append) {
        return new IngestSettings(format, source, name, split, shardRows, overwrite, append, idPrefix, splitFolders,
                testFraction, seed, imageShape, otherShapes);
    }
}
