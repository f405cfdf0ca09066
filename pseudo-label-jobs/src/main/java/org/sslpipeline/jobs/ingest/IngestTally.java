package org.sslpipeline.jobs.ingest;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.AccumulatorV2;
import org.sslpipeline.jobs.corpus.CorpusSchema;
import org.sslpipeline.jobs.corpus.ImageShape;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;

/**
 * Tallies one split's ingested rows while its write passes them through, so that a single pass over the source
 * (which decodes every image) both writes the corpus and counts it: accepted rows per class, image shapes,
 * rejected inputs per reason, and the first {@value #HELD_REJECTS} rejected inputs themselves (source, reason)
 * for the quarantine. Updated inside the write's own tasks, which Spark applies once per successful task.
 */
final class IngestTally extends AccumulatorV2<Row, SplitTally> {
    private static final long serialVersionUID = 1L;
    /** Rejected inputs kept for the quarantine; a split with more is read again for them. */
    static final int HELD_REJECTS = 10_000;
    private static final int LABEL = IngestedRows.SCHEMA.fieldIndex(CorpusSchema.LABEL);
    private static final int HEIGHT = IngestedRows.SCHEMA.fieldIndex(CorpusSchema.HEIGHT);
    private static final int WIDTH = IngestedRows.SCHEMA.fieldIndex(CorpusSchema.WIDTH);
    private static final int CHANNELS = IngestedRows.SCHEMA.fieldIndex(CorpusSchema.CHANNELS);
    private static final int SOURCE = IngestedRows.SCHEMA.fieldIndex(CorpusSchema.SOURCE);
    private static final int REASON = IngestedRows.SCHEMA.fieldIndex(IngestedRows.REJECT_REASON);

    private long rows;
    private TreeMap<Integer, Long> rowsPerClass = new TreeMap<>();
    private HashSet<ImageShape> shapes = new HashSet<>();
    private TreeMap<String, Long> rejectsPerReason = new TreeMap<>();
    private ArrayList<Tuple2<String, String>> heldRejects = new ArrayList<>();

    /** The accepted rows of {@code ingested} (rows of {@link IngestedRows#SCHEMA}) as corpus rows, tallying every row. */
    Iterator<Row> accepted(Iterator<Row> ingested) {
        int corpusColumns = IngestedRows.CORPUS.size(); // the corpus columns come first, the reject reason last
        return new Iterator<>() {
            private Row next = advance();

            private Row advance() {
                while (ingested.hasNext()) {
                    Row row = ingested.next();
                    add(row);
                    if (row.isNullAt(REASON)) {
                        Object[] values = new Object[corpusColumns];
                        for (int i = 0; i < corpusColumns; i++) values[i] = row.get(i);
                        return RowFactory.create(values);
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Row next() {
                if (next == null) throw new NoSuchElementException();
                Row current = next;
                next = advance();
                return current;
            }
        };
    }

    @Override
    public void add(Row row) {
        if (row.isNullAt(REASON)) {
            rows++;
            if (!row.isNullAt(LABEL)) rowsPerClass.merge(row.getInt(LABEL), 1L, Long::sum);
            shapes.add(new ImageShape(row.getInt(HEIGHT), row.getInt(WIDTH), row.getInt(CHANNELS)));
        } else {
            rejectsPerReason.merge(row.getString(REASON), 1L, Long::sum);
            if (heldRejects.size() < HELD_REJECTS) heldRejects.add(new Tuple2<>(row.getString(SOURCE), row.getString(REASON)));
        }
    }

    @Override
    public void merge(AccumulatorV2<Row, SplitTally> other) {
        IngestTally tally = (IngestTally) other;
        rows += tally.rows;
        tally.rowsPerClass.forEach((label, count) -> rowsPerClass.merge(label, count, Long::sum));
        shapes.addAll(tally.shapes);
        tally.rejectsPerReason.forEach((reason, count) -> rejectsPerReason.merge(reason, count, Long::sum));
        for (Tuple2<String, String> reject : tally.heldRejects) {
            if (heldRejects.size() == HELD_REJECTS) break;
            heldRejects.add(reject);
        }
    }

    @Override
    public SplitTally value() {
        return new SplitTally(rows, new TreeMap<>(rowsPerClass),
                Set.copyOf(shapes), new TreeMap<>(rejectsPerReason));
    }

    /** Whether every rejected input is held, so the quarantine needs no second read of the source. */
    boolean holdsAllRejects() {
        return heldRejects.size() == value().rejected();
    }

    /** The held rejected inputs as (source, reason), in source order. */
    List<Tuple2<String, String>> heldRejects() {
        List<Tuple2<String, String>> sorted = new ArrayList<>(heldRejects);
        sorted.sort(Comparator.comparing((Tuple2<String, String> reject) -> String.valueOf(reject._1())));
        return sorted;
    }

    @Override
    public boolean isZero() {
        return rows == 0 && rejectsPerReason.isEmpty();
    }

    @Override
    public IngestTally copy() {
        IngestTally copy = new IngestTally();
        copy.merge(this);
        return copy;
    }

    @Override
    public void reset() {
        rows = 0;
        rowsPerClass = new TreeMap<>();
        shapes = new HashSet<>();
        rejectsPerReason = new TreeMap<>();
        heldRejects = new ArrayList<>();
    }
}
