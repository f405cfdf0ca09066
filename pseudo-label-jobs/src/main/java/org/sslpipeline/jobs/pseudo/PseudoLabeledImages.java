package org.sslpipeline.jobs.pseudo;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.sslpipeline.jobs.corpus.CorpusSchema;
import org.sslpipeline.training.data.ImageCodec;
import org.sslpipeline.training.data.LabeledImage;

import java.util.List;

/**
 * A selection's pseudo-labels joined by id with the corpus images they were made for, as training examples for a
 * student. A duplicate made by class balancing becomes its own example ({@code <id>#<copy>}), so it gets its own
 * augmentation draws rather than repeating the original's.
 */
public final class PseudoLabeledImages {
    private PseudoLabeledImages() {}

    /**
     * @param selected  the selection's rows ({@link PseudoLabelSchema} plus the copy number)
     * @param splitRows the corpus split the pseudo-labels were made on
     * @param soft      carry the teacher's probabilities as the target (else the one-hot hard label)
     */
    public static JavaRDD<LabeledImage> decode(Dataset<Row> selected, Dataset<Row> splitRows, boolean soft) {
        Dataset<Row> joined = selected
                .select(PseudoLabelSchema.ID, PseudoLabelSchema.LABEL, PseudoLabelSchema.PROBS, PseudoLabelSchema.COPY)
                .join(splitRows.select(CorpusSchema.ID, CorpusSchema.IMAGE), PseudoLabelSchema.ID);
        return joined.javaRDD().map(row -> {
            String id = row.getAs(PseudoLabelSchema.ID);
            int copy = row.getAs(PseudoLabelSchema.COPY);
            float[] probs = null;
            if (soft) {
                List<Float> values = row.getList(row.fieldIndex(PseudoLabelSchema.PROBS));
                probs = new float[values.size()];
                for (int c = 0; c < probs.length; c++) probs[c] = values.get(c);
            }
            return new LabeledImage(copy == 0 ? id : id + "#" + copy, row.getAs(PseudoLabelSchema.LABEL),
                    ImageCodec.decode(row.getAs(CorpusSchema.IMAGE)), probs);
        });
    }
}
