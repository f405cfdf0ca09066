package org.sslpipeline.jobs.pseudo;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Columns of a pseudo-label dataset: one row per unlabeled example, as the teacher saw it. Written by
 * {@link PseudoLabelJob}; read by {@link PseudoLabelSelection}, which adds {@link #COPY}.
 */
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
    /** SHA-256 of the teacher's configuration and weights (ModelFiles.checksum), so a label traces to the exact model. */
    public static final String MODEL_CHECKSUM = "model_checksum";

    /**
     * The teacher's outlier score: the one-vs-all outlier probability of the predicted class (OpenMatch), null for
     * teachers without one-vs-all heads. Optional when reading: labels written before it existed have no such column.
     */
    public static final String OUTLIER_SCORE = "outlier_score";

    /** Added by the selection: 0 for an example's original row, 1, 2, ... for its duplicates. */
    public static final String COPY = "copy";

    public static StructType schema() {
        return new StructType()
                .add(ID, DataTypes.StringType, false)
                .add(PROBS, DataTypes.createArrayType(DataTypes.FloatType, false), false)
                .add(LABEL, DataTypes.IntegerType, false)
                .add(CONFIDENCE, DataTypes.FloatType, false)
                .add(TEACHER_ROUND, DataTypes.IntegerType, false)
                .add(MODEL_CHECKSUM, DataTypes.StringType, false)
                .add(OUTLIER_SCORE, DataTypes.FloatType, true);
    }

    /** The rows with an {@link #OUTLIER_SCORE} column: theirs, or one of nulls when they have none. */
    public static Dataset<Row> withOutlierScore(Dataset<Row> rows) {
        if (Arrays.asList(rows.columns()).contains(OUTLIER_SCORE)) return rows;
        return rows.withColumn(OUTLIER_SCORE, functions.lit(null).cast(DataTypes.FloatType));
    }

    /**
     * Fails unless {@code schema} has every pseudo-label column with its type. Extra columns are allowed;
     * nullability (of the array elements too) is not checked, because Spark reads every Parquet column back
     * as nullable.
     *
     * @throws IllegalArgumentException naming each missing or mistyped column
     */
    public static void check(StructType schema) {
        List<String> problems = new ArrayList<>();
        for (StructField expected : schema().fields()) {
            if (expected.name().equals(OUTLIER_SCORE)) continue; // optional, see withOutlierScore
            Optional<StructField> actual = Arrays.stream(schema.fields())
                    .filter(field -> field.name().equals(expected.name()))
                    .findFirst();
            String type = expected.dataType().simpleString();
            if (actual.isEmpty()) {
                problems.add("column '" + expected.name() + "' (" + type + ") is missing");
            } else if (!actual.get().dataType().simpleString().equals(type)) {
                problems.add("column '" + expected.name() + "' must be " + type + " but is "
                        + actual.get().dataType().simpleString());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("not a pseudo-label schema: " + String.join("; ", problems)
                    + " (got " + schema.simpleString() + ")");
        }
    }
}
