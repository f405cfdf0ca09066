package org.sslpipeline.jobs.protocol;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.sslpipeline.jobs.corpus.CorpusSchema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * An open-set division as in OpenMatch (Saito et al., NeurIPS 2021): the model learns the known classes only, N
 * labeled rows of each; the unlabeled pool holds every other row of the train split, rows of known and of unknown
 * classes alike (or, with an unknown share, as many unknown-class rows as make that share of the pool, drawn by a
 * seeded hash). Labels become indices among the known classes; rows of unknown classes get none, in the test split
 * too, where they are the outliers to detect.
 *
 * @param knownClasses   names of the classes the model learns, in the order of its outputs
 * @param labelsPerClass labeled rows per known class (> 0)
 * @param unknownShare   share of unknown-class rows in the pool, in (0, 1); 0 = all of them
 * @param labelSeed      seed of the draws
 * @param maxUnlabeled   at most this many pool rows; 0 keeps the whole pool
 */
public record OpenSetProtocol(List<String> knownClasses, int labelsPerClass, double unknownShare, long labelSeed,
                              long maxUnlabeled) implements SemiSupervisedProtocol {
    public static final String NAME = "open-set";

    public OpenSetProtocol {
        knownClasses = List.copyOf(knownClasses);
        if (knownClasses.isEmpty()) throw new IllegalArgumentException("an open-set protocol needs known classes");
        if (knownClasses.stream().distinct().count() != knownClasses.size()) {
            throw new IllegalArgumentException("known classes repeat a name: " + knownClasses);
        }
        if (labelsPerClass <= 0) throw new IllegalArgumentException("labels per known class must be > 0, got " + labelsPerClass);
        if (unknownShare < 0 || unknownShare >= 1) {
            throw new IllegalArgumentException("the unknown share must be in [0, 1), got " + unknownShare);
        }
    }

    @Override
    public List<String> modelClasses(List<String> corpusClasses) {
        List<String> missing = knownClasses.stream().filter(name -> !corpusClasses.contains(name)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("known classes " + missing + " are not classes of the corpus " + corpusClasses);
        }
        if (knownClasses.size() == corpusClasses.size()) {
            throw new IllegalArgumentException("every class of the corpus is known: an open-set protocol needs unknown ones");
        }
        return knownClasses;
    }

    @Override
    public Dataset<Row> relabel(Dataset<Row> rows, List<String> corpusClasses) {
        modelClasses(corpusClasses);
        List<Column> modelIndex = new ArrayList<>();
        for (String name : corpusClasses) {
            int known = knownClasses.indexOf(name);
            modelIndex.add(known >= 0 ? lit(known) : lit(null).cast("int"));
        }
        return rows.withColumn(CorpusSchema.LABEL,
                element_at(array(modelIndex.toArray(Column[]::new)), col(CorpusSchema.LABEL).plus(1)));
    }

    @Override
    public Dataset<Row> closedSetRows(Dataset<Row> rows, List<String> corpusClasses) {
        return relabel(rows, corpusClasses).filter(col(CorpusSchema.LABEL).isNotNull());
    }

    @Override
    public TrainSplit split(Dataset<Row> trainRows, List<String> classNames) {
        Dataset<Row> corpusRows = trainRows.select(CorpusSchema.columns());
        Column unknownClass = col(CorpusSchema.LABEL).isNotNull()
                .and(not(col(CorpusSchema.LABEL).isin(knownIndices(classNames).toArray())));
        Dataset<Row> unknownRows = corpusRows.filter(unknownClass);
        Dataset<Row> all = relabel(corpusRows, classNames);
        LabeledSubset known = new LabeledSubsetSampler(labelsPerClass, labelSeed)
                .sample(relabel(corpusRows.filter(not(unknownClass)), classNames), knownClasses);
        Dataset<Row> knownPool = known.unlabeled().select(CorpusSchema.columns());
        Dataset<Row> unknownPool = LabeledSubsetSampler.asUnlabeled(unknownRows).select(CorpusSchema.columns());
        if (unknownShare > 0) unknownPool = shareOf(unknownPool, knownPool.count());
        return new TrainSplit(all, known.labeled(), PoolCap.sample(knownPool.union(unknownPool), maxUnlabeled, labelSeed));
    }

    /** The unknown-class rows that make {@link #unknownShare} of a pool with {@code knownRows} other rows. */
    private Dataset<Row> shareOf(Dataset<Row> unknownPool, long knownRows) {
        long wanted = (long) Math.floor(unknownShare * knownRows / (1 - unknownShare));
        long available = unknownPool.count();
        if (wanted > available) {
            throw new IllegalArgumentException(String.format("an unknown share of %.3f needs %d unknown-class rows "
                    + "beside the pool's %d others, the train split has %d", unknownShare, wanted, knownRows, available));
        }
        return unknownPool.orderBy(xxhash64(lit(labelSeed), col(CorpusSchema.ID)), col(CorpusSchema.ID)).limit((int) wanted);
    }

    private List<Integer> knownIndices(List<String> classNames) {
        modelClasses(classNames);
        return knownClasses.stream().map(classNames::indexOf).toList();
    }


    @Override
    public Map<String, Object> describe() {
        return Description.of(NAME, "known_classes", knownClasses, "labels_per_class", labelsPerClass,
                "unknown_share", unknownShare, "label_seed", labelSeed, "max_unlabeled", maxUnlabeled);
    }
}
