package org.sslpipeline.jobs.corpus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code _corpus.json} says about a corpus: its classes, image shape and row counts.
 *
 * @param name                 the corpus name
 * @param format               the source format it was ingested from
 * @param source               the source path it was ingested from
 * @param classNames           class names, indexed by label; empty for an unlabeled corpus
 * @param imageShape           the shape of every image, or null if shapes differ (or there are no images)
 * @param rowsPerSplit         rows per split, in ingest order
 * @param rowsPerSplitAndClass labeled rows per split and label; unlabeled rows are not in it
 * @param quarantined          inputs that did not become rows
 * @param quarantinedPerReason those inputs counted by reason
 */
public record CorpusManifest(String name, String format, String source, List<String> classNames,
                             ImageShape imageShape, Map<String, Long> rowsPerSplit,
                             Map<String, Map<Integer, Long>> rowsPerSplitAndClass,
                             long quarantined, Map<String, Long> quarantinedPerReason) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public CorpusManifest {
        classNames = List.copyOf(classNames);
        rowsPerSplit = Collections.unmodifiableMap(new LinkedHashMap<>(rowsPerSplit));
        Map<String, Map<Integer, Long>> perClass = new LinkedHashMap<>();
        rowsPerSplitAndClass.forEach((split, counts) -> perClass.put(split, Collections.unmodifiableMap(new TreeMap<>(counts))));
        rowsPerSplitAndClass = Collections.unmodifiableMap(perClass);
        quarantinedPerReason = Collections.unmodifiableMap(new TreeMap<>(quarantinedPerReason));
    }

    public int numClasses() {
        return classNames.size();
    }

    public List<String> splits() {
        return List.copyOf(rowsPerSplit.keySet());
    }

    public long unlabeledRows(String split) {
        long labeled = rowsPerSplitAndClass.getOrDefault(split, Map.of()).values().stream().mapToLong(Long::longValue).sum();
        return rowsPerSplit.getOrDefault(split, 0L) - labeled;
    }

    public void write(Path file, Configuration conf) {
        try (OutputStream out = file.getFileSystem(conf).create(file, true)) {
            JSON.writeValue(out, this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write corpus manifest " + file, e);
        }
    }

    /** Reads a {@code _corpus.json} file. */
    public static CorpusManifest read(Path file, Configuration conf) {
        try {
            if (!file.getFileSystem(conf).exists(file)) {
                throw new IllegalArgumentException("no corpus at " + file.getParent() + " (its " + file.getName()
                        + " is missing; run ssl-pipeline ingest first)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach " + file + ": " + e.getMessage(), e);
        }
        try (InputStream in = file.getFileSystem(conf).open(file)) {
            return JSON.readValue(in, CorpusManifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read corpus manifest " + file + ": " + e.getMessage(), e);
        }
    }
}
