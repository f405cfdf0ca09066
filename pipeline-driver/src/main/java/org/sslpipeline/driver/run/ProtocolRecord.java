package org.sslpipeline.driver.run;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.sslpipeline.jobs.corpus.CorpusSchema;
import org.sslpipeline.jobs.protocol.SemiSupervisedProtocol;
import org.sslpipeline.training.io.HadoopFiles;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code protocol.json} of a training run: the protocol's settings and what it drew, per class of the model (its
 * labeled rows, and the pool's rows of that hidden class), and the pool's rows of no class the model learns
 * (unknown classes, rows that never had a label).
 */
final class ProtocolRecord {
    private ProtocolRecord() {}

    static void write(Configuration hadoop, Path file, SemiSupervisedProtocol protocol,
                      SemiSupervisedProtocol.TrainSplit split, List<String> classNames) {
        Map<Integer, Long> labeled = perLabel(split.labeled());
        Map<Integer, Long> pool = perLabel(split.all().join(split.unlabeled().select(CorpusSchema.ID), CorpusSchema.ID,
                "left_semi"));
        List<Map<String, Object>> classes = new ArrayList<>();
        for (int c = 0; c < classNames.size(); c++) {
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("class", classNames.get(c));
            counts.put("labeled", labeled.getOrDefault(c, 0L));
            counts.put("unlabeled", pool.getOrDefault(c, 0L));
            classes.add(counts);
        }
        Map<String, Object> record = new LinkedHashMap<>(protocol.describe());
        record.put("labeled_rows", labeled.values().stream().mapToLong(Long::longValue).sum());
        record.put("unlabeled_rows", pool.values().stream().mapToLong(Long::longValue).sum());
        record.put("unlabeled_without_class", pool.getOrDefault(null, 0L));
        record.put("classes", classes);
        HadoopFiles.writeText(hadoop, file, TrainingRun.json(record));
    }

    /** Rows per label; rows without one count under null. */
    private static Map<Integer, Long> perLabel(Dataset<Row> rows) {
        Map<Integer, Long> counts = new HashMap<>();
        rows.groupBy(CorpusSchema.LABEL).count().collectAsList()
                .forEach(row -> counts.put(row.isNullAt(0) ? null : row.getInt(0), row.getLong(1)));
        return counts;
    }
}
