package org.sslpipeline.jobs.ingest;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sslpipeline.jobs.corpus.CorpusLayout;
import org.sslpipeline.jobs.corpus.CorpusManifest;
import org.sslpipeline.jobs.corpus.CorpusSchema;
import org.sslpipeline.jobs.corpus.ImageShape;
import org.sslpipeline.training.data.ImageCodec;
import org.sslpipeline.training.data.ImagePixels;
import org.sslpipeline.training.data.InvalidImageException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parquet with the corpus schema: a corpus folder (every split, and the class names of its
 * {@code _corpus.json}) or any other Parquet files or folder (one split, classes unnamed). The schema
 * is checked before reading; tasks check that every image decodes to the shape its row states, and
 * copy the row, re-encoding only images that are not PNG yet.
 */
final class ParquetCorpusSource implements CorpusSource {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final Map<String, String[]> splitPaths = new LinkedHashMap<>();
    private final List<String> classNames;

    ParquetCorpusSource(String source, String split, Configuration conf) {
        Path path = new Path(source);
        CorpusLayout corpus = new CorpusLayout(path);
        try {
            FileSystem fs = path.getFileSystem(conf);
            if (!fs.exists(path)) {
                throw new IllegalArgumentException("Parquet source not found: " + path);
            }
            if (fs.exists(corpus.manifest())) {
                CorpusManifest manifest = CorpusManifest.read(corpus.manifest(), conf);
                manifest.segments().forEach((name, folders) -> splitPaths.put(name,
                        folders.stream().map(folder -> corpus.split(folder).toString()).toArray(String[]::new)));
                classNames = manifest.classNames();
            } else {
                splitPaths.put(split, new String[] {path.toString()});
                classNames = List.of();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Parquet source " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> splits() {
        return List.copyOf(splitPaths.keySet());
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public Dataset<Row> read(SparkSession spark, String split) {
        Dataset<Row> rows = spark.read().parquet(splitPaths.get(split));
        CorpusSchema.check(rows.schema());
        int numClasses = classNames.size();
        JavaRDD<Row> checked = rows.select(CorpusSchema.columns()).javaRDD().map(row -> validate(row, numClasses));
        return spark.createDataFrame(checked, IngestedRows.SCHEMA);
    }

    /** @param numClasses the number of named classes, or 0 when the source names none */
    private static Row validate(Row row, int numClasses) {
        String id = row.getAs(CorpusSchema.ID);
        Integer label = row.getAs(CorpusSchema.LABEL);
        String source = row.getAs(CorpusSchema.SOURCE);
        String origin = source != null ? source : id;
        if (id == null) {
            return IngestedRows.rejected(null, origin, "missing id");
        }
        if (label != null && (label < 0 || (numClasses > 0 && label >= numClasses))) {
            return IngestedRows.rejected(id, origin, numClasses > 0
                    ? "label " + label + " outside the " + numClasses + " classes"
                    : "negative label " + label);
        }
        byte[] image = row.getAs(CorpusSchema.IMAGE);
        try {
            ImagePixels pixels = ImageCodec.decode(image);
            ImageShape decoded = new ImageShape(pixels.height(), pixels.width(), pixels.channels());
            ImageShape stated = new ImageShape(intOrZero(row, CorpusSchema.HEIGHT), intOrZero(row, CorpusSchema.WIDTH),
                    intOrZero(row, CorpusSchema.CHANNELS));
            if (!decoded.equals(stated)) {
                return IngestedRows.rejected(id, origin, "image is " + decoded + " but its row says " + stated);
            }
            byte[] png = isPng(image) ? image : ImageCodec.encodePng(pixels);
            return IngestedRows.accepted(id, png, pixels, label, source);
        } catch (InvalidImageException e) {
            return IngestedRows.rejected(id, origin, e.getMessage());
        }
    }

    private static int intOrZero(Row row, String column) {
        Integer value = row.getAs(column);
        return value == null ? 0 : value;
    }

    private static boolean isPng(byte[] bytes) {
        return bytes.length >= PNG_SIGNATURE.length
                && Arrays.equals(bytes, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length);
    }
}
