package org.sslpipeline.training;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code @ExtendWith(DoublePrecision.class)}: ND4J creates doubles during the test class (finite differences need
 * them), and the previous defaults come back afterwards so later classes in the same JVM are unaffected.
 */
public final class DoublePrecision implements BeforeAllCallback, AfterAllCallback {
    private DataType previous;
    private DataType previousFloating;

    @Override
    public void beforeAll(ExtensionContext context) {
        previous = Nd4j.dataType();
        previousFloating = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Nd4j.setDefaultDataTypes(previous, previousFloating);
    }
}
