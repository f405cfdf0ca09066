package org.sslpipeline.jobs.ingest;

import org.sslpipeline.jobs.corpus.ImageShape;

import java.util.Map;
import java.util.Set;

/**
 * The counts of one ingested split: accepted rows, labeled rows per class, the image shapes seen,
 * and rejected inputs per reason. Counted by {@link IngestTally} while the split is written.
 */
record SplitTally(long rows, Map<Integer, Long> rowsPerClass, Set<ImageShape> shapes, Map<String, Long> rejectsPerReason) {

    long rejected() {
        return rejectsPerReason.values().stream().mapToLong(Long::longValue).sum();
    }
}
