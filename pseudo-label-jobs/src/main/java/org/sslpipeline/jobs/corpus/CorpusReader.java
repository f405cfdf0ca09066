package org.sslpipeline.jobs.corpus;

import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sslpipeline.training.data.ImageCodec;
import org.sslpipeline.training.data.LabeledImage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Reads a corpus folder: a split as rows or as decoded images, its quarantine, and its manifest. */
public final class CorpusReader {

    private CorpusReader() {}

    /** The rows of one split (from each of its segments, see {@link CorpusManifest#segments}), schema checked. */
    public static Dataset<Row> split(SparkSession spark, String corpus, String split) {
        CorpusManifest manifest = manifest(spark, corpus);
        List<String> segments = manifest.segments().get(split);
        if (segments == null) {
            throw new IllegalArgumentException("no split '" + split + "' in corpus " + corpus + " (its splits: "
                    + String.join(", ", manifest.splits()) + ")");
        }
        Dataset<Row> rows = spark.read().parquet(folders(spark, corpus, segments));
        CorpusSchema.check(rows.schema());
        return rows;
    }

    /** The images of one split, decoded in tasks; unlabeled rows get {@link LabeledImage#UNLABELED}. */
    public static JavaRDD<LabeledImage> images(SparkSession spark, String corpus, String split) {
        return decode(split(spark, corpus, split));
    }

    /** Decodes rows with the corpus columns (a split, or a subset of one) in tasks. */
    public static JavaRDD<LabeledImage> decode(Dataset<Row> rows) {
        CorpusSchema.check(rows.schema());
        return rows.select(CorpusSchema.ID, CorpusSchema.LABEL, CorpusSchema.IMAGE).javaRDD().map(CorpusReader::toImage);
    }

    /** Inputs that did not become rows: source, split, reason. */
    public static Dataset<Row> quarantine(SparkSession spark, String corpus) {
        return spark.read().parquet(folders(spark, corpus, manifest(spark, corpus).quarantineSegments()));
    }

    /** The corpus's {@code _corpus.json}: class names, image shape, counts. */
    public static CorpusManifest manifest(SparkSession spark, String corpus) {
        return CorpusManifest.read(CorpusLayout.of(corpus).manifest(), spark.sparkContext().hadoopConfiguration());
    }

    private static LabeledImage toImage(Row row) {
        int label = row.isNullAt(1) ? LabeledImage.UNLABELED : row.getInt(1);
        return new LabeledImage(row.getString(0), label, ImageCodec.decode(row.getAs(2)));
    }

    private static String[] folders(SparkSession spark, String corpus, List<String> segments) {
        CorpusLayout layout = CorpusLayout.of(corpus);
        String[] paths = new String[segments.size()];
        for (int i = 0; i < paths.length; i++) {
            Path path = layout.split(segments.get(i));
            requireExists(spark, path, "corpus " + corpus + " lists a folder that is missing");
            paths[i] = path.toString();
        }
        return paths;
    }

    private static void requireExists(SparkSession spark, Path path, String message) {
        try {
            if (!path.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(path)) {
                throw new IllegalArgumentException(message + ": " + path + " not found");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
