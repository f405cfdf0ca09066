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
import java.util.Arrays;
import java.util.Comparator;
import java.util.UUID;

/**
 * Small helpers over Hadoop's FileSystem so every path of the pipeline may be any Hadoop URI, and the one
 * commit protocol: write into a temporary sibling, then rename into place.
 */
public final class HadoopFiles {
    private static final Logger log = LoggerFactory.getLogger(HadoopFiles.class);
    private static final String TEMPORARY_MARK = ".tmp-";
    private static final String MOVED_ASIDE_MARK = ".old-";

    private HadoopFiles() {}

    /**
     * Hadoop's and Spark's convention: a name starting with "_" or "." (markers such as _SUCCESS, checksums,
     * staging folders) is not data.
     */
    public static boolean isHidden(String name) {
        return name.startsWith("_") || name.startsWith(".");
    }

    public static FileSystem fileSystem(Path path, Configuration conf) {
        try {
            return path.getFileSystem(conf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the file system of " + path, e);
        }
    }

    /**
     * Whether {@code path} holds a committed version. A version that a writer killed in the middle of
     * {@link #commit} had moved aside is put back first (see {@link #finishInterruptedCommit}).
     */
    public static boolean exists(Configuration conf, Path path) {
        try {
            FileSystem fs = fileSystem(path, conf);
            finishInterruptedCommit(fs, path);
            return fs.exists(path);
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
     * A commit the killed writer left half done is finished first (see {@link #finishInterruptedCommit}).
     */
    public static Path temporarySibling(FileSystem fs, Path target) {
        try {
            finishInterruptedCommit(fs, target);
            for (FileStatus leftover : siblingsMarked(fs, target, TEMPORARY_MARK)) {
                log.info("Deleting {}, left unfinished by an earlier writer of {}", leftover.getPath(), target);
                fs.delete(leftover.getPath(), true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear unfinished temporary copies of " + target, e);
        }
        return markedSibling(target, TEMPORARY_MARK);
    }

    /**
     * Moves a finished temporary folder or file to {@code target}, replacing what is there: the previous version is
     * renamed aside, the new one renamed into place, then the previous one deleted. Hadoop has no atomic replace of a
     * folder; a writer killed between the two renames leaves the target missing and the previous version aside, and
     * {@link #finishInterruptedCommit} puts it back.
     */
    public static void commit(FileSystem fs, Path temporary, Path target) throws IOException {
        if (fs.exists(target)) {
            Path old = markedSibling(target, MOVED_ASIDE_MARK);
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

    /**
     * Repairs what a writer killed inside {@link #commit} left of {@code target}. With the target missing, the newest
     * moved-aside version is the last one committed, and is renamed back. With the target present, the moved-aside
     * versions were superseded (the writer died before deleting them), and are deleted. Like the temporary siblings,
     * this relies on one writer per target at a time.
     */
    static void finishInterruptedCommit(FileSystem fs, Path target) throws IOException {
        FileStatus[] movedAside = siblingsMarked(fs, target, MOVED_ASIDE_MARK);
        if (movedAside.length == 0) return;
        Arrays.sort(movedAside, Comparator.comparingLong(FileStatus::getModificationTime));
        int superseded = movedAside.length;
        if (!fs.exists(target)) {
            Path newest = movedAside[--superseded].getPath();
            log.warn("{} is missing: a writer was killed while replacing it; restoring its previous version from {}",
                    target, newest);
            if (!fs.rename(newest, target)) throw new IOException("cannot restore " + target + " from " + newest);
        }
        for (int i = 0; i < superseded; i++) {
            log.info("Deleting {}, a superseded version of {}", movedAside[i].getPath(), target);
            fs.delete(movedAside[i].getPath(), true);
        }
    }

    /** A new hidden sibling of {@code target} named {@code .<name><mark><random>}. */
    private static Path markedSibling(Path target, String mark) {
        return new Path(target.getParent(), "." + target.getName() + mark + UUID.randomUUID());
    }

    /** The siblings {@link #markedSibling} made for {@code target} with {@code mark}; none if the parent is missing. */
    private static FileStatus[] siblingsMarked(FileSystem fs, Path target, String mark) throws IOException {
        Path parent = target.getParent();
        if (parent == null || !fs.exists(parent)) return new FileStatus[0];
        String prefix = "." + target.getName() + mark;
        return fs.listStatus(parent, path -> path.getName().startsWith(prefix));
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
