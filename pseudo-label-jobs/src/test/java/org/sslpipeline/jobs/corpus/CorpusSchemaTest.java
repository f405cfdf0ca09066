package org.sslpipeline.jobs.corpus;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorpusSchemaTest {

    @Test
    void acceptsTheCorpusSchemaWithExtraColumnsAndAnyNullability() {
        StructType allNullable = new StructType(Arrays.stream(CorpusSchema.ROW.fields())
                .map(f -> new StructField(f.name(), f.dataType(), true, f.metadata()))
                .toArray(StructField[]::new));

        assertDoesNotThrow(() -> CorpusSchema.check(CorpusSchema.ROW));
        assertDoesNotThrow(() -> CorpusSchema.check(allNullable.add("true_label", DataTypes.IntegerType)));
    }

    @Test
    void namesAMissingColumn() {
        StructType withoutLabel = new StructType(Arrays.stream(CorpusSchema.ROW.fields())
                .filter(f -> !f.name().equals(CorpusSchema.LABEL))
                .toArray(StructField[]::new));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> CorpusSchema.check(withoutLabel));

        assertTrue(error.getMessage().contains("column 'label' (int) is missing"), error.getMessage());
    }

    @Test
    void namesEveryMistypedColumn() {
        StructType mistyped = new StructType(Arrays.stream(CorpusSchema.ROW.fields())
                .map(f -> switch (f.name()) {
                    case CorpusSchema.HEIGHT, CorpusSchema.IMAGE -> new StructField(f.name(), DataTypes.StringType, false, f.metadata());
                    default -> f;
                })
                .toArray(StructField[]::new));

        String message = assertThrows(IllegalArgumentException.class, () -> CorpusSchema.check(mistyped)).getMessage();

        assertTrue(message.contains("column 'height' must be int but is string"), message);
        assertTrue(message.contains("column 'image' must be binary but is string"), message);
    }
}
