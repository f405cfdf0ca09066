package org.sslpipeline.jobs.ingest;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import org.sslpipeline.jobs.corpus.ImageShape;
import org.sslpipeline.jobs.ingest.ImageFolderLayout.ImageFile;
import org.sslpipeline.training.data.ImageCodec;
import org.sslpipeline.training.data.ImagePixels;
import org.sslpipeline.training.data.ImageResize;
import org.sslpipeline.training.data.InvalidImageException;
import scala.Tuple2;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A folder of image files in one of the layouts of {@link ImageFolderLayout}. The driver lists the folder and
 * assigns each file its split and class; tasks read and decode the files. An image of the corpus's shape is stored
 * as the file's own bytes (PNG or JPEG), so ingest costs little more than decoding; one of another shape is resized
 * and stored as PNG, or quarantined, as {@link ImageFolderOptions#otherShapes} says. Ids are paths below the root,
 * behind an optional prefix. Files that are empty, unreadable or not an image are quarantined with the reason.
 */
final class ImageFolderSource implements CorpusSource {
    /** Files per task at most: few enough tasks that each job over them pays little per task, enough to spread. */
    private static final int FILES_PER_TASK = 10_000;

    private final Path root;
    private final ImageFolderLayout layout;
    private final ImageShape shape;
    private final boolean resize;
    private final String idPrefix;
    private final List<String> notes = new ArrayList<>();

    /**
     * @param knownClasses the corpus's classes when appending to one (labels are their indexes, and a class folder
     *                     not among them is refused); null when creating a corpus (the class folders are the classes)
     * @param knownShape   the corpus's image shape when appending, else null (the options' shape rule decides)
     */
    ImageFolderSource(String folder, String defaultSplit, ImageFolderOptions options, String idPrefix,
                      List<String> knownClasses, ImageShape knownShape, Configuration conf) {
        Path path = new Path(folder);
        FileSystem fs;
        try {
            fs = path.getFileSystem(conf);
            if (!fs.exists(path) || !fs.getFileStatus(path).isDirectory()) {
                throw new IllegalArgumentException("image folder not found: " + path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach image folder " + path + ": " + e.getMessage(), e);
        }
        this.root = fs.makeQualified(path);
        this.layout = ImageFolderLayout.read(fs, root, new ImageFolderLayout.Rules(options.splitFolders(), defaultSplit,
                knownClasses == null ? options.testFraction() : 0, options.seed()), knownClasses);
        this.resize = options.resizes();
        this.idPrefix = idPrefix == null ? "" : idPrefix;
        notes.add("layout " + layout.description() + ": " + layout.fileCount() + " files, splits "
                + String.join(", ", layout.splits()));
        if (layout.testDraw() != null) notes.add(layout.testDraw());
        layout.emptyClassFolders().forEach(f -> notes.add("class folder " + f + " holds no images"));
        if (knownShape != null) {
            this.shape = knownShape;
        } else if (options.fixedShape() != null) {
            this.shape = options.fixedShape();
        } else {
            this.shape = firstShape(fs);
            notes.add("image shape " + shape + ": the first image's (ingest.image-shape = auto)");
        }
        notes.add("images of another shape are " + (resize ? "resized to " + shape + " (ingest.other-shapes = resize)"
                : "quarantined (ingest.other-shapes = quarantine)"));
    }

    @Override
    public List<String> splits() {
        return layout.splits();
    }

    @Override
    public boolean distinctIds() {
        return true; // ids are paths below the root
    }

    @Override
    public List<String> classNames() {
        return layout.classNames();
    }

    @Override
    public List<String> notes() {
        return List.copyOf(notes);
    }

    ImageShape shape() {
        return shape;
    }

    @Override
    public Dataset<Row> read(SparkSession spark, String split) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<ImageFile> files = layout.files(split);
        // a whole number of tasks per core, so that the last wave keeps every core busy
        int cores = sc.defaultParallelism();
        int tasks = cores * Math.max(1, ceilDiv(ceilDiv(files.size(), FILES_PER_TASK), cores));
        var hadoop = new SerializableConfiguration(spark.sparkContext().hadoopConfiguration());
        ReadFiles read = new ReadFiles(root.toString(), idPrefix, shape, resize, hadoop);
        // (id, label) pairs: Spark's Kryo knows tuples, and the pipeline's registrator cannot name this module's classes
        List<Tuple2<String, Integer>> idsAndLabels = files.stream().map(f -> new Tuple2<>(f.id(), f.label())).toList();
        JavaRDD<Row> rows = sc.parallelize(idsAndLabels, Math.max(1, Math.min(tasks, files.size()))).mapPartitions(read::apply);
        return spark.createDataFrame(rows, IngestedRows.SCHEMA);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /** The shape of the first file, in split and path order, that decodes. */
    private ImageShape firstShape(FileSystem fs) {
        for (String split : layout.splits()) {
            for (ImageFile file : layout.files(split)) {
                try {
                    ImagePixels pixels = ImageCodec.decode(ReadFiles.bytes(fs, new Path(root, file.id())));
                    return new ImageShape(pixels.height(), pixels.width(), pixels.channels());
                } catch (InvalidImageException | IOException e) {
                    // the task will quarantine it; look further
                }
            }
        }
        throw new IllegalArgumentException("no file under " + root + " decodes as an image (" + layout.fileCount()
                + " files); nothing to take the corpus's image shape from");
    }

    /** Reads, decodes and conforms one task's files; runs in a task. */
    private record ReadFiles(String root, String idPrefix, ImageShape shape, boolean resize,
                             SerializableConfiguration hadoop) implements Serializable {

        Iterator<Row> apply(Iterator<Tuple2<String, Integer>> files) throws IOException {
            Path rootPath = new Path(root);
            FileSystem fs = rootPath.getFileSystem(hadoop.value());
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return files.hasNext();
                }

                @Override
                public Row next() {
                    Tuple2<String, Integer> file = files.next();
                    return row(fs, new Path(rootPath, file._1()), idPrefix + file._1(), file._2());
                }
            };
        }

        private Row row(FileSystem fs, Path path, String id, Integer label) {
            String source = path.toString();
            byte[] bytes;
            try {
                bytes = bytes(fs, path);
            } catch (IOException e) {
                return IngestedRows.rejected(id, source, "unreadable file: " + e.getMessage());
            }
            ImagePixels pixels;
            try {
                pixels = ImageCodec.decode(bytes);
            } catch (InvalidImageException e) {
                return IngestedRows.rejected(id, source, e.getMessage());
            }
            if (pixels.height() == shape.height() && pixels.width() == shape.width()
                    && pixels.channels() == shape.channels()) {
                return IngestedRows.accepted(id, bytes, pixels, label, source);
            }
            if (!resize) {
                return IngestedRows.rejected(id, source, "image shape " + pixels.height() + "x" + pixels.width() + "x"
                        + pixels.channels() + " is not the corpus's " + shape);
            }
            ImagePixels conformed = ImageResize.to(pixels, shape.height(), shape.width(), shape.channels());
            return IngestedRows.accepted(id, ImageCodec.encodePng(conformed), conformed, label, source);
        }

        static byte[] bytes(FileSystem fs, Path path) throws IOException {
            if (LocalFiles.isLocal(fs)) return LocalFiles.read(fs, path);
            try (FSDataInputStream in = fs.open(path)) {
                return in.readAllBytes();
            }
        }
    }
}
