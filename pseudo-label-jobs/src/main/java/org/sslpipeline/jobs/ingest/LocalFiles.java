package org.sslpipeline.jobs.ingest;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Java's own file calls for image folders on the local file system. Hadoop's local file system asks the operating
 * system several times per file (status, checksum file, buffers); for folders of many small images that cost about
 * as much as decoding them (measured with {@code bench ingest}, docs/RESULTS.md).
 */
final class LocalFiles {
    private LocalFiles() {}

    static boolean isLocal(FileSystem fs) {
        return fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem;
    }

    /** (name, is a folder) of each entry of a local folder. */
    static List<Map.Entry<String, Boolean>> list(FileSystem fs, Path folder) {
        List<Map.Entry<String, Boolean>> entries = new ArrayList<>();
        try (DirectoryStream<java.nio.file.Path> stream = Files.newDirectoryStream(local(fs, folder))) {
            for (java.nio.file.Path entry : stream) {
                entries.add(Map.entry(entry.getFileName().toString(), Files.isDirectory(entry)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
        return entries;
    }

    static byte[] read(FileSystem fs, Path file) throws IOException {
        return Files.readAllBytes(local(fs, file));
    }

    private static java.nio.file.Path local(FileSystem fs, Path path) {
        return java.nio.file.Path.of(fs.makeQualified(path).toUri());
    }
}
