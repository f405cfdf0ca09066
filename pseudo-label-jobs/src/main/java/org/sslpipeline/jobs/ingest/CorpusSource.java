package org.sslpipeline.jobs.ingest;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.List;

/**
 * Where a corpus comes from. Constructors check that the source exists, without Spark work;
 * {@link #read} returns a lazy Dataset of {@link IngestedRows#SCHEMA} for one split.
 */
interface CorpusSource {

    List<String> splits();

    /** Class names indexed by label; empty if the source does not name its classes. */
    List<String> classNames();

    Dataset<Row> read(SparkSession spark, String split);

    /** Whether the source's ids are distinct by construction (paths, generated names), so nobody needs to check. */
    default boolean distinctIds() {
        return false;
    }

    /** What the source decided while it was opened (layout, a drawn test split, the image shape), for the summary. */
    default List<String> notes() {
        return List.of();
    }
}
