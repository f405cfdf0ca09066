package org.sslpipeline.jobs.corpus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.sslpipeline.training.io.HadoopFiles;

import java.io.IOException;
import java.io.InputStream;
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
 * @param segments             per split, the folders (below the root) holding its Parquet files: the split's own
 *                             folder, then one per append; folders not listed are not part of the corpus
 * @param quarantineSegments   the folders holding the quarantine, likewise
 * @param notes                what the ingest decided (layout, a drawn test split, the image shape rule), and appends
 */
public record CorpusManifest(String name, String format, String source, List<String> classNames,
                             ImageShape imageShape, Map<String, Long> rowsPerSplit,
                             Map<String, Map<Integer, Long>> rowsPerSplitAndClass,
                             long quarantined, Map<String, Long> quarantinedPerReason,
                             Map<String, List<String>> segments, List<String> quarantineSegments, List<String> notes) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public CorpusManifest {
        classNames = List.copyOf(classNames);
        rowsPerSplit = Collections.unmodifiableMap(new LinkedHashMap<>(rowsPerSplit));
        Map<String, Map<Integer, Long>> perClass = new LinkedHashMap<>();
        rowsPerSplitAndClass.forEach((split, counts) -> perClass.put(split, Collections.unmodifiableMap(new TreeMap<>(counts))));
        rowsPerSplitAndClass = Collections.unmodifiableMap(perClass);
        quarantinedPerReason = Collections.unmodifiableMap(new TreeMap<>(quarantinedPerReason));
        Map<String, List<String>> folders = new LinkedHashMap<>();
        for (String split : rowsPerSplit.keySet()) { // manifests written before appends existed have no segments
            folders.put(split, List.copyOf(segments == null || !segments.containsKey(split) ? List.of(split) : segments.get(split)));
        }
        segments = Collections.unmodifiableMap(folders);
        quarantineSegments = List.copyOf(quarantineSegments == null ? List.of(CorpusLayout.QUARANTINE_FOLDER) : quarantineSegments);
        notes = List.copyOf(notes == null ? List.of() : notes);
    }

    /** A new corpus's manifest: each split and the quarantine in their own folder. */
    public static CorpusManifest created(String name, String format, String source, List<String> classNames,
                                         ImageShape imageShape, Map<String, Long> rowsPerSplit,
                                         Map<String, Map<Integer, Long>> rowsPerSplitAndClass,
                                         Map<String, Long> quarantinedPerReason, List<String> notes) {
        long quarantined = quarantinedPerReason.values().stream().mapToLong(Long::longValue).sum();
        return new CorpusManifest(name, format, source, classNames, imageShape, rowsPerSplit, rowsPerSplitAndClass,
                quarantined, quarantinedPerReason, null, null, notes);
    }

    /**
     * This corpus with an appended segment: the rows of {@code added} (a manifest of the appended rows alone, its
     * splits' folders named as they were written below this corpus's root), counts summed.
     */
    public CorpusManifest plus(CorpusManifest added, String note) {
        Map<String, Long> rows = new LinkedHashMap<>(rowsPerSplit);
        added.rowsPerSplit.forEach((split, count) -> rows.merge(split, count, Long::sum));
        Map<String, Map<Integer, Long>> perClass = new LinkedHashMap<>();
        rowsPerSplitAndClass.forEach((split, counts) -> perClass.put(split, new TreeMap<>(counts)));
        added.rowsPerSplitAndClass.forEach((split, counts) -> counts.forEach((label, count) ->
                perClass.computeIfAbsent(split, s -> new TreeMap<>()).merge(label, count, Long::sum)));
        Map<String, Long> reasons = new TreeMap<>(quarantinedPerReason);
        added.quarantinedPerReason.forEach((reason, count) -> reasons.merge(reason, count, Long::sum));
        Map<String, List<String>> folders = new LinkedHashMap<>(segments);
        added.segments.forEach((split, more) -> {
            List<String> all = new java.util.ArrayList<>(folders.getOrDefault(split, List.of()));
            all.addAll(more);
            folders.put(split, all);
        });
        List<String> quarantine = new java.util.ArrayList<>(quarantineSegments);
        quarantine.addAll(added.quarantineSegments);
        List<String> allNotes = new java.util.ArrayList<>(notes);
        allNotes.add(note);
        return new CorpusManifest(name, format, source, classNames, imageShape, rows, perClass,
                quarantined + added.quarantined, reasons, folders, quarantine, allNotes);
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

    /** Writes the manifest beside, then renames it into place: replacing a corpus's manifest commits an append. */
    public void write(Path file, Configuration conf) {
        try {
            HadoopFiles.writeText(conf, file, JSON.writeValueAsString(this));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write corpus manifest " + file, e);
        }
    }

    /** Reads a {@code _corpus.json} file. */
    public static CorpusManifest read(Path file, Configuration conf) {
        if (!HadoopFiles.exists(conf, file)) {
            throw new IllegalArgumentException("no corpus at " + file.getParent() + " (its " + file.getName()
                    + " is missing; run ssl-pipeline ingest first)");
        }
        try (InputStream in = file.getFileSystem(conf).open(file)) {
            return JSON.readValue(in, CorpusManifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read corpus manifest " + file + ": " + e.getMessage(), e);
        }
    }
}
