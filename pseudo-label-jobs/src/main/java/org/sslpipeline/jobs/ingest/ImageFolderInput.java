package org.sslpipeline.jobs.ingest;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sslpipeline.jobs.corpus.CorpusSchema;
import org.sslpipeline.jobs.corpus.ImageShape;

import java.util.List;

import static org.apache.spark.sql.functions.col;

/**
 * An image folder read as rows without making a corpus of it (e.g. images to label with a model): any layout of
 * {@link ImageFolderLayout}, every split, no test split drawn, images brought to a given shape. Rows have the corpus
 * columns; their label is the class folder's index in {@link #classNames()} (null outside class folders).
 */
public final class ImageFolderInput {
    private final ImageFolderSource source;

    private ImageFolderInput(ImageFolderSource source) {
        this.source = source;
    }

    /**
     * @param resize resize images of another shape (true), or set them aside with the reason (false)
     * @throws IllegalArgumentException if the folder is missing or fits no layout
     */
    public static ImageFolderInput open(String folder, ImageShape shape, boolean resize, Configuration conf) {
        ImageFolderOptions options = new ImageFolderOptions(ImageFolderOptions.DEFAULTS.splitFolders(), 0, 1,
                shape.toString(), resize ? ImageFolderOptions.RESIZE : ImageFolderOptions.QUARANTINE);
        return new ImageFolderInput(new ImageFolderSource(folder, IngestRequest.DEFAULT_SPLIT, options, "", null, null, conf));
    }

    /** The class folder names found, sorted; empty when no image sits in a class folder. */
    public List<String> classNames() {
        return source.classNames();
    }

    /** Layout and shape decisions, for the console. */
    public List<String> notes() {
        return source.notes();
    }

    /** The images that decoded, as corpus rows; lazy, read in tasks. */
    public Dataset<Row> images(Dataset<Row> all) {
        return all.filter(col(IngestedRows.REJECT_REASON).isNull()).select(CorpusSchema.columns());
    }

    /** The files that did not: source and reason. */
    public Dataset<Row> rejected(Dataset<Row> all) {
        return all.filter(col(IngestedRows.REJECT_REASON).isNotNull())
                .select(col(CorpusSchema.SOURCE), col(IngestedRows.REJECT_REASON).as(CorpusSchema.REASON));
    }

    /** Every file of every split, decoded in tasks, with a reject reason column (null for images); cache it. */
    public Dataset<Row> read(SparkSession spark) {
        Dataset<Row> all = null;
        for (String split : source.splits()) {
            Dataset<Row> rows = source.read(spark, split);
            all = all == null ? rows : all.union(rows);
        }
        return all;
    }
}
