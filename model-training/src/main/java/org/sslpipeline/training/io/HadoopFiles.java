package org.sslpipeline.training.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Small helpers over Hadoop's FileSystem so every path of the pipeline may be any Hadoop URI, and the one
 * commit protocol: write into a temporary sibling, then rename into place.
 */
public final class HadoopFiles {
    private HadoopFiles() {}

    public static FileSystem fileSystem(Path path, Configuration conf) {
        try {
            return path.getFileSystem(conf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the file system of " + path, e);
        }
    }

    public static boolean exists(Configuration conf, Path path) {
        try {
            return fileSystem(path, conf).exists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach " + path, e);
        }
    }

    /** Deletes a file or a folder with everything in it; nothing to delete is fine. */
    public static void delete(Configuration conf, Path path) {
        try {
            fileSystem(path, conf).delete(path, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }

    /** A fresh temporary sibling of {@code target}, on the same file system so the commit is a rename. */
    public static Path temporarySibling(Path target) {
        return new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
    }

    /** Moves a finished temporary folder or file to {@code target}, replacing what is there. */
    public static void commit(FileSystem fs, Path temporary, Path target) throws IOException {
        if (fs.exists(target)) {
            Path old = new Path(target.getParent(), "." + target.getName() + ".old-" + UUID.randomUUID());
            if (!fs.rename(target, old)) throw new IOException("cannot move aside " + target);
            boolean replaced;
            try {
                replaced = fs.rename(temporary, target);
            } catch (IOException e) {
                replaced = false;
            }
            if (!replaced) {
                boolean restored = fs.rename(old, target);
                throw new IOException("cannot rename " + temporary + " to " + target + "; "
                        + (restored ? "the previous " + target + " is back in place" : "the previous version is kept at " + old));
            }
            fs.delete(old, true);
        } else {
            fs.mkdirs(target.getParent());
            if (!fs.rename(temporary, target)) throw new IOException("cannot rename " + temporary + " to " + target);
        }
    }

    /** Writes a small text file atomically. */
    public static void writeText(Configuration conf, Path target, String text) {
        FileSystem fs = fileSystem(target, conf);
        Path tmp = temporarySibling(target);
        try {
            try (FSDataOutputStream out = fs.create(tmp, true)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            commit(fs, tmp, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    public static byte[] readBytes(Configuration conf, Path path) {
        FileSystem fs = fileSystem(path, conf);
        try (FSDataInputStream in = fs.open(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    public static String readText(Configuration conf, Path path) {
        FileSystem fs = fileSystem(path, conf);
        try (FSDataInputStream in = fs.open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
