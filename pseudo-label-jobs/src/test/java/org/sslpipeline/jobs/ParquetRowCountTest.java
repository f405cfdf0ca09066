package org.sslpipeline.jobs;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParquetRowCountTest {
    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start(ParquetRowCountTest.class);
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void sumsTheFootersOfEveryPartFileAndSkipsTheMarkers(@TempDir java.nio.file.Path dir) throws Exception {
        String folder = dir.resolve("rows").toString();
        spark.range(0, 1234, 1, 5).write().parquet(folder);
        spark.range(0, 0, 1, 1).write().mode("append").parquet(folder); // an empty part file
        assertTrue(Files.exists(dir.resolve("rows/_SUCCESS")));

        Configuration conf = spark.sparkContext().hadoopConfiguration();

        assertEquals(1234, ParquetRowCount.of(new Path(folder), conf));
        assertEquals(spark.read().parquet(folder).count(), ParquetRowCount.of(new Path(folder), conf));
    }

    @Test
    void namesAMissingFolder(@TempDir java.nio.file.Path dir) {
        Path missing = new Path(dir.resolve("nothing-here").toString());

        UncheckedIOException error = assertThrows(UncheckedIOException.class,
                () -> ParquetRowCount.of(missing, spark.sparkContext().hadoopConfiguration()));

        assertTrue(error.getMessage().contains("nothing-here"), error.getMessage());
    }
}
