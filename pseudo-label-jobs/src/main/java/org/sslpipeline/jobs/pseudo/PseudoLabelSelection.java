package org.sslpipeline.jobs.pseudo;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.sslpipeline.jobs.StagedOutput;
import org.sslpipeline.training.io.HadoopFiles;

import java.util.Arrays;
import java.util.Objects;

/**
 * The selection step of Noisy Student (Xie et al. 2020): from the teacher's pseudo-labels, keep the confident
 * ones and balance the classes, so the student does not learn the teacher's class skew.
 *
 * <p>Reads Parquet rows of {@link PseudoLabelSchema} and writes an output folder holding
 * <ul>
 *   <li>Parquet rows: every input column plus {@value PseudoLabelSchema#COPY} (0 for an example's original
 *       row, 1, 2, ... for its duplicates), so {@code spark.read().parquet(output)} reads the selection;</li>
 *   <li>{@value #SUMMARY_FILE}: the per-class counts of the returned {@link SelectionSummary}. It is inside
 *       the folder so that it is committed with the rows it describes; its leading underscore makes Spark
 *       and Hadoop skip it when reading the folder as Parquet, as they skip {@code _SUCCESS}.</li>
 * </ul>
 * The folder is staged and committed by one rename ({@link StagedOutput}): it appears whole or not at all.
 *
 * <p>The rows are selected with DataFrame operations (see {@link SelectedRows}); only per-class counts reach
 * the driver, so its memory does not grow with the number of examples. The input is counted once, per class
 * and above the threshold ({@link SelectionTally}); the selected counts follow from those by the rule, so the
 * output is not read back to count it. With {@link SelectionSettings#alignDistribution()}, the rows are aligned
 * first ({@link DistributionAlignment}) and everything after, counts and output, is of the aligned labels.
 */
public final class PseudoLabelSelection {
    /** The name of the counts file in the output folder. */
    public static final String SUMMARY_FILE = "_selection.json";

    private PseudoLabelSelection() {}

    /**
     * Selects pseudo-labels and writes them, with {@value #SUMMARY_FILE}, to {@code output}.
     *
     * @param pseudoLabels a Parquet folder of {@link PseudoLabelSchema} rows, ids unique
     * @param output       the folder to write; it must not exist unless {@code overwrite} is set
     * @param classes      the number of classes; every hard label must be in 0..classes-1, and the summary
     *                     lists every class, with zeros for those without pseudo-labels
     * @throws IllegalArgumentException if the input does not exist or is not pseudo-labels, if a hard label is
     *                                  outside 0..classes-1, or if the output exists and overwrite is not set;
     *                                  then nothing is left at {@code output}
     */
    public static SelectionSummary select(SparkSession spark, String pseudoLabels, String output, int classes,
                                          SelectionSettings settings, boolean overwrite) {
        Objects.requireNonNull(settings, "settings");
        if (classes < 1) {
            throw new IllegalArgumentException("there must be at least one class, got " + classes);
        }
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Dataset<Row> input = read(spark, pseudoLabels);
        try (StagedOutput staged = StagedOutput.create(output, overwrite, conf)) {
            spark.sparkContext().setJobDescription("select pseudo-labels from " + pseudoLabels);
            double[] meanPrediction = new double[0];
            if (settings.alignDistribution()) {
                meanPrediction = DistributionAlignment.meanPrediction(input, classes);
                input = DistributionAlignment.align(input, meanPrediction);
            }
            SelectionTally tally = SelectionTally.ofInput(input, pseudoLabels, classes, settings);
            SelectedRows.of(spark, input, settings, tally.aboveThreshold())
                    .write()
                    .mode(SaveMode.Overwrite) // into the staging folder, which StagedOutput created empty
                    .parquet(staged.path().toString());
            SelectionSummary summary = new SelectionSummary(staged.target().toString(), settings, tally.counts(),
                    tally.confidenceHistogram(), Arrays.stream(meanPrediction).boxed().toList());
            summary.write(new Path(staged.path(), SUMMARY_FILE), conf);
            staged.commit();
            return summary;
        } finally {
            spark.sparkContext().setJobDescription(null);
        }
    }

    private static Dataset<Row> read(SparkSession spark, String pseudoLabels) {
        if (!HadoopFiles.exists(spark.sparkContext().hadoopConfiguration(), new Path(pseudoLabels))) {
            throw new IllegalArgumentException("no pseudo-labels at " + pseudoLabels + ": not found");
        }
        Dataset<Row> rows = spark.read().parquet(pseudoLabels);
        try {
            PseudoLabelSchema.check(rows.schema());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(pseudoLabels + " is " + e.getMessage(), e);
        }
        rows = PseudoLabelSchema.withOutlierScore(rows);
        if (Arrays.asList(rows.columns()).contains(PseudoLabelSchema.COPY)) {
            throw new IllegalArgumentException(pseudoLabels + " already has a '" + PseudoLabelSchema.COPY
                    + "' column: it is a selection, not pseudo-labels");
        }
        return rows;
    }
}
