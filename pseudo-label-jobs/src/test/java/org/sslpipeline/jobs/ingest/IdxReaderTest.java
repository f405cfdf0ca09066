package org.sslpipeline.jobs.ingest;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdxReaderTest {
    private static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");
    private static final Configuration CONF = new Configuration();

    @TempDir
    Path temp;

    @Test
    void readsTheHeadersOfFashionMnist() throws IOException {
        try (IdxReader train = open(FASHION_MNIST.resolve("train-images-idx3-ubyte.gz"));
             IdxReader test = open(FASHION_MNIST.resolve("t10k-images-idx3-ubyte.gz"));
             IdxReader testLabels = open(FASHION_MNIST.resolve("t10k-labels-idx1-ubyte.gz"))) {
            assertArrayEquals(new int[] {60000, 28, 28}, train.dimensions());
            assertEquals(784, train.recordSize());
            assertArrayEquals(new int[] {10000, 28, 28}, test.dimensions());
            assertArrayEquals(new int[] {10000}, testLabels.dimensions());
            assertEquals(1, testLabels.recordSize());
        }
    }

    @Test
    void trainLabelsAreTenClassesOf6000() throws IOException {
        int[] perClass = new int[10];
        try (IdxReader labels = open(FASHION_MNIST.resolve("train-labels-idx1-ubyte.gz"))) {
            assertEquals(60000, labels.count());
            for (int i = 0; i < labels.count(); i++) {
                int label = labels.nextByte();
                assertTrue(label >= 0 && label <= 9, "label " + label + " at " + i);
                perClass[label]++;
            }
        }
        for (int count : perClass) {
            assertEquals(6000, count);
        }
    }

    @Test
    void aRangeReadEqualsTheSameRowsOfAFullRead() throws IOException {
        byte[][] all = new byte[10000][];
        try (IdxReader full = open(FASHION_MNIST.resolve("t10k-images-idx3-ubyte.gz"))) {
            for (int i = 0; i < all.length; i++) {
                all[i] = full.next();
            }
        }

        try (IdxReader range = open(FASHION_MNIST.resolve("t10k-images-idx3-ubyte.gz"))) {
            range.skip(4321);
            assertEquals(4321, range.position());
            for (int i = 4321; i < 4421; i++) {
                assertArrayEquals(all[i], range.next(), "record " + i);
            }
        }
    }

    @Test
    void readsPlainFilesLikeGzipOnes() throws IOException {
        Path plain = temp.resolve("t10k-labels-idx1-ubyte");
        try (InputStream gzip = new GZIPInputStream(Files.newInputStream(FASHION_MNIST.resolve("t10k-labels-idx1-ubyte.gz")))) {
            Files.copy(gzip, plain);
        }

        try (IdxReader fromGzip = open(FASHION_MNIST.resolve("t10k-labels-idx1-ubyte.gz"));
             IdxReader fromPlain = open(plain)) {
            fromGzip.skip(9000);
            fromPlain.skip(9000);
            for (int i = 9000; i < 10000; i++) {
                assertEquals(fromGzip.nextByte(), fromPlain.nextByte(), "label " + i);
            }
        }
    }

    @Test
    void rejectsAFileThatIsNotIdxNamingIt() throws IOException {
        Path notIdx = Files.writeString(temp.resolve("readme.txt"), "hello, this is not an IDX file");

        IOException error = assertThrows(IOException.class, () -> open(notIdx));

        assertTrue(error.getMessage().contains("readme.txt") && error.getMessage().contains("not an IDX file"), error.getMessage());
    }

    @Test
    void reportsATruncatedFileNamingIt() throws IOException {
        Path truncated = writeIdx(temp.resolve("short-images-idx3-ubyte"), new int[] {10, 2, 2}, new byte[4 * 6 + 1]);

        try (IdxReader reader = open(truncated)) {
            for (int i = 0; i < 6; i++) {
                reader.next();
            }
            IOException error = assertThrows(IOException.class, reader::next);
            assertTrue(error.getMessage().contains("short-images-idx3-ubyte") && error.getMessage().contains("truncated"),
                    error.getMessage());
        }
        try (IdxReader reader = open(truncated)) {
            assertThrows(IOException.class, () -> reader.skip(8));
        }
    }

    @Test
    void refusesToReadPastTheLastRecord() throws IOException {
        Path file = writeIdx(temp.resolve("labels-idx1-ubyte"), new int[] {3}, new byte[] {1, 2, 3});

        try (IdxReader reader = open(file)) {
            reader.skip(2);
            assertEquals(3, reader.nextByte());
            assertThrows(IllegalArgumentException.class, reader::next);
        }
    }

    private static IdxReader open(Path file) throws IOException {
        return IdxReader.open(new org.apache.hadoop.fs.Path(file.toUri()), CONF);
    }

    private static Path writeIdx(Path file, int[] dimensions, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0x0800 | dimensions.length);
            for (int size : dimensions) {
                out.writeInt(size);
            }
            out.write(data);
        }
        return Files.write(file, bytes.toByteArray());
    }
}
