package org.sslpipeline.jobs.corpus;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Column names and Spark SQL types of corpus rows and of quarantine rows. */
public final class CorpusSchema {
    public static final String ID = "id";
    public static final String IMAGE = "image";
    public static final String HEIGHT = "height";
    public static final String WIDTH = "width";
    public static final String CHANNELS = "channels";
    public static final String LABEL = "label";
    public static final String SOURCE = "source";

    public static final String SPLIT = "split";
    public static final String REASON = "reason";

    /** One image of a corpus: PNG bytes, their decoded shape, the class index (null = unlabeled), its origin. */
    public static final StructType ROW = new StructType()
            .add(ID, DataTypes.StringType, false)
            .add(IMAGE, DataTypes.BinaryType, false)
            .add(HEIGHT, DataTypes.IntegerType, false)
            .add(WIDTH, DataTypes.IntegerType, false)
            .add(CHANNELS, DataTypes.IntegerType, false)
            .add(LABEL, DataTypes.IntegerType, true)
            .add(SOURCE, DataTypes.StringType, true);

    /** One input that did not become a corpus row: where it came from, the split it was meant for, and why. */
    public static final StructType QUARANTINE = new StructType()
            .add(SOURCE, DataTypes.StringType, true)
            .add(SPLIT, DataTypes.StringType, false)
            .add(REASON, DataTypes.StringType, false);

    private CorpusSchema() {}

    /** The corpus columns in schema order, for a {@code select} that drops everything else. */
    public static Column[] columns() {
        return Arrays.stream(ROW.fieldNames()).map(functions::col).toArray(Column[]::new);
    }

    /**
     * Fails unless {@code schema} has every corpus column with its type. Extra columns are allowed;
     * nullability is not checked because Spark reads every Parquet column back as nullable.
     *
     * @throws IllegalArgumentException naming each missing or mistyped column
     */
    public static void check(StructType schema) {
        List<String> problems = new ArrayList<>();
        for (StructField expected : ROW.fields()) {
            Optional<StructField> actual = field(schema, expected.name());
            if (actual.isEmpty()) {
                problems.add("column '" + expected.name() + "' (" + expected.dataType().simpleString() + ") is missing");
            } else if (!actual.get().dataType().equals(expected.dataType())) {
                problems.add("column '" + expected.name() + "' must be " + expected.dataType().simpleString()
                        + " but is " + actual.get().dataType().simpleString());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("not a corpus schema: " + String.join("; ", problems)
                    + " (got " + schema.simpleString() + ")");
        }
    }

    private static Optional<StructField> field(StructType schema, String name) {
        return Arrays.stream(schema.fields()).filter(f -> f.name().equals(name)).findFirst();
    }
}
