package org.sslpipeline.training.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Small helpers over Hadoop's FileSystem so every path of the pipeline may be any Hadoop URI, and the one
 * commit protocol: write into a temporary sibling, then rename into place.
 */
public final class HadoopFiles {
    private static final Logger log = LoggerFactory.getLogger(HadoopFiles.class);
    private static final String TEMPORARY_MARK = ".tmp-";

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

    /**
     * A fresh temporary sibling of {@code target}, on the same file system so the commit is a rename. Temporary
     * siblings of the same target left by a killed writer are deleted first: a target has one writer at a time
     * (the run folder's driver, the job writing a corpus), so whatever such a sibling holds was never committed.
     */
    public static Path temporarySibling(FileSystem fs, Path target) {
        String prefix = "." + target.getName() + TEMPORARY_MARK;
        Path parent = target.getParent();
        try {
            if (fs.exists(parent)) {
                for (FileStatus leftover : fs.listStatus(parent, path -> path.getName().startsWith(prefix))) {
                    log.info("Deleting {}, left unfinished by an earlier writer of {}", leftover.getPath(), target);
                    fs.delete(leftover.getPath(), true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear unfinished temporary copies of " + target, e);
        }
        return new Path(parent, prefix + UUID.randomUUID());
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
        Path tmp = temporarySibling(fs, target);
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
