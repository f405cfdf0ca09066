package org.sslpipeline.jobs.ingest;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.sslpipeline.jobs.corpus.CorpusSchema;
import org.sslpipeline.training.data.ImageCodec;
import org.sslpipeline.training.data.ImagePixels;
import org.sslpipeline.training.data.InvalidImageException;

import java.util.Arrays;

/**
 * Rows as the sources produce them: the corpus columns, all nullable, plus {@value #REJECT_REASON},
 * which is null for an accepted image and says why otherwise. Rejected rows keep their id and source;
 * their image columns are null.
 */
final class IngestedRows {
    static final String REJECT_REASON = "reject_reason";

    /** The corpus columns, nullable (as the corpus's Parquet files have them). */
    static final StructType CORPUS = new StructType(Arrays.stream(CorpusSchema.ROW.fields())
            .map(f -> new StructField(f.name(), f.dataType(), true, f.metadata()))
            .toArray(StructField[]::new));
    static final StructType SCHEMA = CORPUS.add(REJECT_REASON, DataTypes.StringType, true);

    private IngestedRows() {}

    static Row accepted(String id, byte[] png, ImagePixels pixels, Integer label, String source) {
        return RowFactory.create(id, png, pixels.height(), pixels.width(), pixels.channels(), label, source, null);
    }

    static Row rejected(String id, String source, String reason) {
        return RowFactory.create(id, null, null, null, null, null, source, reason);
    }

    /** Decodes image file bytes and stores them re-encoded as PNG, or rejects them with the decoder's reason. */
    static Row fromImageFile(String id, byte[] bytes, Integer label, String source) {
        try {
            ImagePixels pixels = ImageCodec.decode(bytes);
            return accepted(id, ImageCodec.encodePng(pixels), pixels, label, source);
        } catch (InvalidImageException e) {
            return rejected(id, source, e.getMessage());
        }
    }
}
