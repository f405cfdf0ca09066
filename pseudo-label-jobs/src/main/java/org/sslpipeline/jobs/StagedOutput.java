package org.sslpipeline.jobs;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.sslpipeline.training.io.HadoopFiles;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An output folder written in a hidden sibling folder on the same FileSystem and committed by
 * rename, so that the target appears complete or not at all. An existing target is refused unless
 * overwrite is set; then it is replaced only once the new output is complete. Closing without a
 * commit deletes what was staged; what a killed writer staged is deleted by the next writer of the same target.
 */
public final class StagedOutput implements AutoCloseable {
    private final FileSystem fs;
    private final Path target;
    private final Path staging;
    private final boolean overwrite;
    private boolean committed;

    private StagedOutput(FileSystem fs, Path target, boolean overwrite) {
        this.fs = fs;
        this.target = target;
        this.staging = HadoopFiles.temporarySibling(fs, target);
        this.overwrite = overwrite;
    }

    /**
     * Checks the target and creates the staging folder.
     *
     * @throws IllegalArgumentException if the target exists and overwrite is not set
     */
    public static StagedOutput create(String target, boolean overwrite, Configuration conf) {
        Path path = new Path(target);
        FileSystem fs = HadoopFiles.fileSystem(path, conf);
        StagedOutput output = new StagedOutput(fs, fs.makeQualified(path), overwrite);
        try {
            output.refuseExistingTarget();
            if (!fs.mkdirs(output.staging)) {
                throw new IOException("cannot create " + output.staging);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare output " + path + ": " + e.getMessage(), e);
        }
        return output;
    }

    /** The folder to write into until {@link #commit()}. */
    public Path path() {
        return staging;
    }

    public Path target() {
        return target;
    }

    /** Moves the staged folder to the target, replacing an existing target if overwrite is set. */
    public void commit() {
        try {
            refuseExistingTarget();
            HadoopFiles.commit(fs, staging, target);
            committed = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit " + staging + " to " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (committed) {
            return;
        }
        try {
            fs.delete(staging, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete staged output " + staging, e);
        }
    }

    private void refuseExistingTarget() throws IOException {
        if (!overwrite && fs.exists(target)) {
            throw new IllegalArgumentException("output already exists: " + target + " (set overwrite to replace it)");
        }
    }
}
