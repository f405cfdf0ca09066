package org.sslpipeline.jobs.pseudo;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sequence;

/**
 * The rows a selection keeps, as a DataFrame plan: nothing but the per-class row counts is on the driver.
 *
 * <p>With balancing, the rows of each hard label above the threshold are ranked by confidence, highest first
 * (ties by id, so the choice is deterministic), and the first {@code perClass} are kept. A class with
 * {@code n < perClass} rows is filled by repeating its ranked rows: row {@code i} of the filled class is the
 * row of rank {@code i mod n}, copy {@code i / n}. Each row is exploded into copies
 * {@code 0..ceil(perClass / n) - 1} and a copy is kept while its index {@code copy * n + rank} is below
 * {@code perClass}.
 */
final class SelectedRows {
    private static final String ROW_NUMBER = "_row_number";
    private static final String CLASS_ROWS = "_class_rows";
    private static final String COPIES = "_copies";

    private SelectedRows() {}

    /** Whether the teacher's outlier score drops a row (never for rows without one). */
    static Column outlier(SelectionSettings settings) {
        return coalesce(col(PseudoLabelSchema.OUTLIER_SCORE).gt(lit((float) settings.maxOutlierScore())), lit(false));
    }

    /**
     * Whether a row is kept by the threshold: not an {@link #outlier} and its confidence reaches the threshold,
     * compared in float, the type confidences are stored in, so that a confidence equal to the threshold is kept.
     */
    static Column confident(SelectionSettings settings) {
        return not(outlier(settings)).and(col(PseudoLabelSchema.CONFIDENCE).geq(lit((float) settings.threshold())));
    }

    /**
     * The bin of a row's confidence among {@value SelectionSummary#CONFIDENCE_BINS} equal bins of [0, 1], as a long;
     * a confidence of exactly 1 falls in the last.
     */
    static Column confidenceBin() {
        int bins = SelectionSummary.CONFIDENCE_BINS;
        return least(floor(col(PseudoLabelSchema.CONFIDENCE).cast("double").multiply(bins)), lit(bins - 1L));
    }

    /**
     * @param aboveThreshold the number of rows above the threshold, indexed by hard label
     * @return the input columns, in their order, plus {@value PseudoLabelSchema#COPY}
     */
    static Dataset<Row> of(SparkSession spark, Dataset<Row> pseudoLabels, SelectionSettings settings,
                           long[] aboveThreshold) {
        Dataset<Row> confident = pseudoLabels.filter(confident(settings));
        Column[] output = Stream.concat(Arrays.stream(pseudoLabels.columns()), Stream.of(PseudoLabelSchema.COPY))
                .map(functions::col)
                .toArray(Column[]::new);
        if (!settings.balanced()) {
            return confident.withColumn(PseudoLabelSchema.COPY, lit(0)).select(output);
        }
        int perClass = settings.perClass();
        WindowSpec byConfidence = Window.partitionBy(PseudoLabelSchema.LABEL)
                .orderBy(col(PseudoLabelSchema.CONFIDENCE).desc(), col(PseudoLabelSchema.ID).asc());
        return confident
                .withColumn(ROW_NUMBER, row_number().over(byConfidence))
                // A filter on row_number against a constant lets Spark (WindowGroupLimit) keep only the top rows
                // of each class in each partition before the shuffle.
                .filter(col(ROW_NUMBER).leq(perClass))
                .join(broadcast(classSizes(spark, perClass, aboveThreshold)), PseudoLabelSchema.LABEL)
                .withColumn(PseudoLabelSchema.COPY, explode(sequence(lit(0), col(COPIES).minus(1))))
                // rank = row_number - 1, so "copy * n + rank < perClass" is "copy * n + row_number <= perClass"
                .filter(col(PseudoLabelSchema.COPY).multiply(col(CLASS_ROWS)).plus(col(ROW_NUMBER)).leq(perClass))
                .select(output);
    }

    /** One row per class that has rows above the threshold: its row count and how many copies it needs. */
    private static Dataset<Row> classSizes(SparkSession spark, int perClass, long[] aboveThreshold) {
        StructType schema = new StructType()
                .add(PseudoLabelSchema.LABEL, DataTypes.IntegerType, false)
                .add(CLASS_ROWS, DataTypes.LongType, false)
                .add(COPIES, DataTypes.IntegerType, false);
        List<Row> sizes = new ArrayList<>();
        for (int label = 0; label < aboveThreshold.length; label++) {
            long rows = aboveThreshold[label];
            if (rows > 0) {
                int copies = (int) ((perClass + rows - 1) / rows); // ceil(perClass / rows), in integers
                sizes.add(RowFactory.create(label, rows, copies));
            }
        }
        return spark.createDataFrame(sizes, schema);
    }
}
