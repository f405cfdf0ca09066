package org.sslpipeline.jobs;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.sslpipeline.training.io.HadoopFiles;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The number of rows of a Parquet folder, summed from its files' footers on the driver: exact for a committed
 * output, without the Spark job that {@code count()} starts to scan it.
 */
public final class ParquetRowCount {
    private ParquetRowCount() {}

    /** Rows in the data files of {@code folder}; hidden files ({@link HadoopFiles#isHidden}: markers, checksums) are skipped. */
    public static long of(Path folder, Configuration conf) {
        try {
            FileSystem fs = folder.getFileSystem(conf);
            long rows = 0;
            for (FileStatus file : fs.listStatus(folder)) {
                if (!file.isFile() || HadoopFiles.isHidden(file.getPath().getName())) continue;
                try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(file, conf))) {
                    rows += reader.getRecordCount();
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot count the rows of " + folder + ": " + e.getMessage(), e);
        }
    }
}
