package org.sslpipeline.jobs.pseudo;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Columns of a pseudo-label dataset: one row per unlabeled example, as the teacher saw it. */
public final class PseudoLabelSchema {
    private PseudoLabelSchema() {}

    public static final String ID = "id";
    /** The teacher's softmax output, one float per class. */
    public static final String PROBS = "probs";
    /** The hard label: argmax of probs. */
    public static final String LABEL = "label";
    /** max of probs. */
    public static final String CONFIDENCE = "confidence";
    /** Round of the teacher that made the labels (1 = the first teacher). */
    public static final String TEACHER_ROUND = "teacher_round";
    /** SHA-256 of the teacher's model file, so a label can be traced to the exact weights. */
    public static final String MODEL_CHECKSUM = "model_checksum";

    public static StructType schema() {
        return new StructType()
                .add(ID, DataTypes.StringType, false)
                .add(PROBS, DataTypes.createArrayType(DataTypes.FloatType, false), false)
                .add(LABEL, DataTypes.IntegerType, false)
                .add(CONFIDENCE, DataTypes.FloatType, false)
                .add(TEACHER_ROUND, DataTypes.IntegerType, false)
                .add(MODEL_CHECKSUM, DataTypes.StringType, false);
    }
}
