package org.sslpipeline.jobs.protocol;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A split divided for a semi-supervised protocol.
 *
 * @param labeled   the chosen labeled rows, with the corpus columns unchanged
 * @param unlabeled every other row of the split: the corpus columns with {@code label} set to null, plus
 *                  {@value LabeledSubsetSampler#TRUE_LABEL} holding the label it had (null if it had none),
 *                  for measuring pseudo-labels
 */
public record LabeledSubset(Dataset<Row> labeled, Dataset<Row> unlabeled) {}
