package org.sslpipeline.jobs.ingest;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import org.sslpipeline.training.data.ImageCodec;
import org.sslpipeline.training.data.ImagePixels;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Fashion-MNIST's four IDX files (gzip or plain) in one folder, as the splits {@code train} and
 * {@code test}. The driver reads only the headers; each Spark task opens the files itself and reads
 * one range of indices.
 */
final class FashionMnistSource implements CorpusSource {
    static final String ID_PREFIX = "fashion-mnist";
    static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /**
     * A gzip stream cannot seek, so a task reading from index i first inflates the i records before
     * it: ranges must not be small. Each range is one task, and a task writes its rows as
     * ceil(range / shardRows) files, so ranges are whole multiples of shardRows: every shard is full
     * but the last.
     */
    private static final int MIN_RANGE_ROWS = 5_000;

    private final Map<String, SplitFiles> splitFiles = new LinkedHashMap<>();
    private final Configuration conf;
    private final int rangeRows;

    FashionMnistSource(String folder, int shardRows, Configuration conf) {
        this.conf = conf;
        this.rangeRows = shardRows * (int) Math.ceil((double) MIN_RANGE_ROWS / shardRows);
        try {
            Path root = new Path(folder);
            FileSystem fs = root.getFileSystem(conf);
            if (!fs.exists(root)) {
                throw new IllegalArgumentException("Fashion-MNIST folder not found: " + root);
            }
            splitFiles.put("train", SplitFiles.find(fs, root, "train", conf));
            splitFiles.put("test", SplitFiles.find(fs, root, "t10k", conf));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Fashion-MNIST files in " + folder + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> splits() {
        return List.copyOf(splitFiles.keySet());
    }

    @Override
    public boolean distinctIds() {
        return true; // ids name the split and the position
    }

    @Override
    public List<String> classNames() {
        return CLASS_NAMES;
    }

    @Override
    public Dataset<Row> read(SparkSession spark, String split) {
        SplitFiles files = splitFiles.get(split);
        List<Integer> rangeStarts = IntStream.iterate(0, i -> i < files.count(), i -> i + rangeRows).boxed().toList();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<SerializableConfiguration> taskConf = jsc.broadcast(new SerializableConfiguration(conf));
        JavaRDD<Row> rows = jsc.parallelize(rangeStarts, rangeStarts.size())
                .flatMap(new ReadRange(taskConf, split, files, rangeRows));
        return spark.createDataFrame(rows, IngestedRows.SCHEMA);
    }

    /** The image and label files of one split, checked against each other. */
    private record SplitFiles(String images, String labels, int count, int height, int width) implements Serializable {

        static SplitFiles find(FileSystem fs, Path root, String prefix, Configuration conf) throws IOException {
            Path images = existing(fs, root, prefix + "-images-idx3-ubyte");
            Path labels = existing(fs, root, prefix + "-labels-idx1-ubyte");
            try (IdxReader imageReader = IdxReader.open(images, conf);
                 IdxReader labelReader = IdxReader.open(labels, conf)) {
                int[] imageSizes = imageReader.dimensions();
                if (imageSizes.length != 3 || labelReader.dimensions().length != 1) {
                    throw new IOException("expected images of 3 dimensions in " + images + " and labels of 1 in "
                            + labels + ", got " + imageSizes.length + " and " + labelReader.dimensions().length);
                }
                if (imageReader.count() != labelReader.count()) {
                    throw new IOException(images + " holds " + imageReader.count() + " images but " + labels
                            + " holds " + labelReader.count() + " labels");
                }
                return new SplitFiles(images.toString(), labels.toString(), imageReader.count(), imageSizes[1], imageSizes[2]);
            }
        }

        private static Path existing(FileSystem fs, Path root, String name) throws IOException {
            for (Path candidate : List.of(new Path(root, name + ".gz"), new Path(root, name))) {
                if (fs.exists(candidate)) {
                    return candidate;
                }
            }
            throw new IllegalArgumentException("Fashion-MNIST file not found: " + new Path(root, name) + "(.gz)");
        }
    }

    /** Reads the images and labels of the range of indices that starts at the given index; runs in a task. */
    private record ReadRange(Broadcast<SerializableConfiguration> conf, String split, SplitFiles files, int rangeRows)
            implements FlatMapFunction<Integer, Row> {

        @Override
        public Iterator<Row> call(Integer start) throws IOException {
            int end = Math.min(start + rangeRows, files.count());
            String sourceName = new Path(files.images()).getName();
            List<Row> rows = new ArrayList<>(end - start);
            try (IdxReader images = IdxReader.open(new Path(files.images()), conf.value().value());
                 IdxReader labels = IdxReader.open(new Path(files.labels()), conf.value().value())) {
                images.skip(start);
                labels.skip(start);
                for (int index = start; index < end; index++) {
                    ImagePixels pixels = new ImagePixels(files.height(), files.width(), 1, images.next());
                    String id = String.format("%s/%s/%06d", ID_PREFIX, split, index);
                    rows.add(IngestedRows.accepted(id, ImageCodec.encodePng(pixels), pixels, labels.nextByte(),
                            sourceName + "#" + index));
                }
            }
            return rows.iterator();
        }
    }
}
