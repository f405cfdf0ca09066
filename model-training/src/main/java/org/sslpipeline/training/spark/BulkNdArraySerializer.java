package org.sslpipeline.training.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.bytedeco.javacpp.BytePointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.kryo.Nd4jSerializer;

/**
 * Kryo serialization of ND4J arrays that copies their memory in one piece: dtype, shape, then the raw bytes of the
 * c-ordered data (in the machine's byte order; Spark's executors share an architecture). ND4J's own format, which
 * nd4j-kryo's {@link Nd4jSerializer} writes, moves one element at a time through a DataInputStream; it showed as
 * the largest Java cost of Spark training, where every averaging round reads the epoch's cached minibatches back.
 * Arrays that are not plain numbers (strings, compressed) keep ND4J's format. {@link PipelineKryoRegistrator} uses
 * it on the CPU backend only.
 */
public final class BulkNdArraySerializer extends Serializer<INDArray> {
    private static final byte RAW = 0;
    private static final byte ND4J_FORMAT = 1;
    private final Nd4jSerializer nd4jFormat = new Nd4jSerializer();

    @Override
    public void write(Kryo kryo, Output output, INDArray array) {
        if (array.isS() || array.isCompressed()) {
            output.writeByte(ND4J_FORMAT);
            nd4jFormat.write(kryo, output, array);
            return;
        }
        output.writeByte(RAW);
        output.writeVarInt(array.dataType().ordinal(), true);
        long[] shape = array.shape();
        output.writeVarInt(shape.length, true);
        for (long dimension : shape) output.writeVarLong(dimension, true);
        if (array.isEmpty()) return;
        INDArray dense = isDenseC(array) ? array : array.dup('c');
        long bytes = dense.length() * dense.dataType().width();
        if (bytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("array of " + bytes + " bytes is too large for one Kryo record");
        }
        byte[] raw = new byte[(int) bytes];
        new BytePointer(dense.data().addressPointer()).get(raw);
        output.writeVarInt(raw.length, true);
        output.writeBytes(raw);
    }

    @Override
    public INDArray read(Kryo kryo, Input input, Class<INDArray> type) {
        if (input.readByte() == ND4J_FORMAT) return nd4jFormat.read(kryo, input, type);
        DataType dataType = DataType.values()[input.readVarInt(true)];
        long[] shape = new long[input.readVarInt(true)];
        for (int i = 0; i < shape.length; i++) shape[i] = input.readVarLong(true);
        INDArray array = Nd4j.createUninitializedDetached(dataType, shape);
        if (array.isEmpty()) return array;
        byte[] raw = input.readBytes(input.readVarInt(true));
        new BytePointer(array.data().addressPointer()).put(raw);
        return array;
    }

    /** The array is its whole buffer, c-ordered: its memory is exactly its elements in order. */
    private static boolean isDenseC(INDArray array) {
        return array.ordering() == 'c' && Shape.hasDefaultStridesForShape(array) && array.offset() == 0
                && array.data().length() == array.length() && !array.isView();
    }
}
