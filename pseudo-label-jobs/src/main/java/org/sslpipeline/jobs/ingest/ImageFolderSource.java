package org.sslpipeline.jobs.ingest;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sslpipeline.training.io.HadoopFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A folder of image files, {@code root/<class>/<file>}, where a class's label is the position of its
 * folder name in sorted order; without class folders, the files directly under the root make an
 * unlabeled corpus. Spark's binaryFile source reads the files and tasks decode them: a file that is
 * empty, does not decode, or lies outside the class folders of a labeled corpus is rejected. Ids are
 * paths relative to the root. Like Spark, it skips names that start with '_' or '.'.
 */
final class ImageFolderSource implements CorpusSource {
    private final FileSystem fs;
    private final Path root;
    private final String split;
    private final List<String> classNames;

    ImageFolderSource(String folder, String split, Configuration conf) {
        Path path = new Path(folder);
        try {
            this.fs = path.getFileSystem(conf);
            if (!fs.exists(path) || !fs.getFileStatus(path).isDirectory()) {
                throw new IllegalArgumentException("image folder not found: " + path);
            }
            this.root = fs.makeQualified(path);
            this.classNames = Arrays.stream(fs.listStatus(root))
                    .filter(FileStatus::isDirectory)
                    .map(status -> status.getPath().getName())
                    .filter(name -> !HadoopFiles.isHidden(name))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list image folder " + path + ": " + e.getMessage(), e);
        }
        this.split = split;
    }

    @Override
    public List<String> splits() {
        return List.of(split);
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public Dataset<Row> read(SparkSession spark, String split) {
        Dataset<Row> files = spark.read().format("binaryFile").option("recursiveFileLookup", "true").load(root.toString());
        JavaRDD<Row> decoded = files.select("path", "content").javaRDD().map(new DecodeFile(root.toString(), classNames));
        return spark.createDataFrame(decoded, IngestedRows.SCHEMA)
                .union(spark.createDataFrame(emptyFiles(), IngestedRows.SCHEMA));
    }

    /** Spark's file scans skip zero-length files, so the driver looks for them itself. */
    private List<Row> emptyFiles() {
        List<Row> rejected = new ArrayList<>();
        try {
            RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
            while (files.hasNext()) {
                LocatedFileStatus file = files.next();
                String id = relativePath(root.toString(), file.getPath().toString());
                if (file.getLen() == 0 && Arrays.stream(id.split("/")).noneMatch(HadoopFiles::isHidden)) {
                    rejected.add(IngestedRows.rejected(id, file.getPath().toString(), "empty file"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list image folder " + root + ": " + e.getMessage(), e);
        }
        return rejected;
    }

    private static String relativePath(String root, String file) {
        return new Path(file).toUri().getPath().substring(new Path(root).toUri().getPath().length() + 1);
    }

    /** Turns one (path, content) row of the binaryFile source into an ingested row; runs in a task. */
    private record DecodeFile(String root, List<String> classNames) implements Function<Row, Row> {

        @Override
        public Row call(Row file) {
            String source = file.getString(0);
            String id = relativePath(root, source);
            byte[] content = file.getAs(1);
            if (classNames.isEmpty()) {
                return IngestedRows.fromImageFile(id, content, null, source);
            }
            int slash = id.indexOf('/');
            int label = slash < 0 ? -1 : Collections.binarySearch(classNames, id.substring(0, slash));
            if (label < 0) {
                return IngestedRows.rejected(id, source, "not inside a class folder");
            }
            return IngestedRows.fromImageFile(id, content, label, source);
        }
    }
}
