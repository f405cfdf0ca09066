package org.sslpipeline.jobs.ingest;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Streams the records of an IDX file of unsigned bytes, the format of MNIST and Fashion-MNIST:
 * the magic number {@code 0x00 0x00 0x08 n}, then n big-endian int32 sizes, then the data. The first
 * size counts the records; the others make up one record ({@code 0x0801}: one label byte per record,
 * {@code 0x0803}: one rows x columns image per record).
 *
 * <p>Files are read through Hadoop's FileSystem, so any Hadoop URI works, and may be gzip-compressed
 * (recognised by their first two bytes, not by their name). Reading is sequential: {@link #skip}
 * moves forward without keeping what it passes over.
 */
public final class IdxReader implements Closeable {
    private static final int UNSIGNED_BYTE_TYPE = 0x08;
    private static final int BUFFER_BYTES = 1 << 16;

    private final Path file;
    private final DataInputStream in;
    private final int[] dimensions;
    private final int recordSize;
    private int position;

    private IdxReader(Path file, InputStream stream) throws IOException {
        this.file = file;
        this.in = new DataInputStream(stream);
        this.dimensions = readHeader();
        this.recordSize = recordSize(dimensions);
    }

    /** Opens an IDX file and reads its header. */
    public static IdxReader open(Path file, Configuration conf) throws IOException {
        InputStream raw = new BufferedInputStream(file.getFileSystem(conf).open(file), BUFFER_BYTES);
        try {
            return new IdxReader(file, decompressIfGzip(raw));
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** The sizes from the header; the first is the number of records. */
    public int[] dimensions() {
        return dimensions.clone();
    }

    public int count() {
        return dimensions[0];
    }

    /** Bytes per record: the product of all sizes but the first. */
    public int recordSize() {
        return recordSize;
    }

    /** Index of the record {@link #next()} returns. */
    public int position() {
        return position;
    }

    /** Moves forward over {@code records} records without keeping them. */
    public void skip(int records) throws IOException {
        checkAvailable(records);
        try {
            in.skipNBytes((long) records * recordSize);
        } catch (EOFException e) {
            throw truncated();
        }
        position += records;
    }

    /** Reads the next record. */
    public byte[] next() throws IOException {
        checkAvailable(1);
        byte[] record = new byte[recordSize];
        try {
            in.readFully(record);
        } catch (EOFException e) {
            throw truncated();
        }
        position++;
        return record;
    }

    /** Reads the next record of a one-byte-per-record file (a label file) as 0..255. */
    public int nextByte() throws IOException {
        if (recordSize != 1) {
            throw new IllegalStateException(file + ": records are " + recordSize + " bytes, not one");
        }
        return next()[0] & 0xFF;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private int[] readHeader() throws IOException {
        try {
            int magic = in.readInt();
            int type = (magic >>> 8) & 0xFF;
            int rank = magic & 0xFF;
            if ((magic >>> 16) != 0 || type != UNSIGNED_BYTE_TYPE || rank == 0) {
                throw new IOException(file + ": not an IDX file of unsigned bytes (magic number "
                        + String.format("0x%08x", magic) + ", expected 0x000008nn)");
            }
            int[] sizes = new int[rank];
            for (int i = 0; i < rank; i++) {
                sizes[i] = in.readInt();
                if (sizes[i] < 0) {
                    throw new IOException(file + ": negative size " + sizes[i] + " in IDX header");
                }
            }
            return sizes;
        } catch (EOFException e) {
            throw new IOException(file + ": truncated IDX header", e);
        }
    }

    private int recordSize(int[] sizes) throws IOException {
        long size = Arrays.stream(sizes).skip(1).asLongStream().reduce(1, (a, b) -> a * b);
        if (size > Integer.MAX_VALUE) {
            throw new IOException(file + ": records of " + size + " bytes are too large");
        }
        return (int) size;
    }

    private void checkAvailable(int records) {
        if (records < 0 || (long) position + records > count()) {
            throw new IllegalArgumentException(file + ": cannot read " + records + " records from index "
                    + position + ", the file holds " + count());
        }
    }

    private IOException truncated() {
        return new IOException(file + ": truncated: the header announces " + count() + " records of "
                + recordSize + " bytes but the data ends sooner");
    }

    private static InputStream decompressIfGzip(InputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        boolean gzip = first == 0x1f && second == 0x8b;
        return gzip ? new BufferedInputStream(new GZIPInputStream(in, BUFFER_BYTES), BUFFER_BYTES) : in;
    }
}
