package org.sslpipeline.jobs.protocol;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.sslpipeline.jobs.corpus.CorpusSchema;

/** The cap on an unlabeled pool ({@code data.max-unlabeled}): a seeded sample of the pool's rows. */
final class PoolCap {
    private PoolCap() {}

    /** At most {@code max} rows of {@code pool} (all when {@code max} is 0), chosen by a hash of (id, seed). */
    static Dataset<Row> sample(Dataset<Row> pool, long max, long seed) {
        if (max == 0) return pool;
        // a seeded sample that does not depend on how the rows are partitioned
        return pool.orderBy(functions.hash(functions.col(CorpusSchema.ID), functions.lit(seed)),
                        functions.col(CorpusSchema.ID)).limit((int) Math.min(Integer.MAX_VALUE, max))
                // a limit leaves one partition, which one core would pseudo-label alone
                .repartition(pool.sparkSession().sparkContext().defaultParallelism());
    }
}
