package org.sslpipeline.jobs.ingest;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.sslpipeline.jobs.corpus.CorpusLayout;
import org.sslpipeline.jobs.corpus.CorpusManifest;
import org.sslpipeline.training.io.HadoopFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adds an image folder's rows to an existing corpus: rows for its splits, or new splits. The rows are written into
 * new segment folders ({@code <split>.append-<n>}, {@code _quarantine.append-<n>}) that readers ignore until the
 * corpus's {@code _corpus.json} lists them; replacing that file is the commit, so an append lands whole or not at
 * all. Segment folders that an interrupted append left unlisted are deleted by the next one. The appended images
 * take the corpus's classes (a class folder the corpus lacks is refused) and its image shape; ids must stay unique
 * across the corpus ({@code ingest.id-prefix} helps). One writer at a time per corpus.
 */
final class CorpusAppend {
    private static final Pattern SEGMENT = Pattern.compile("(.+)\\.append-(\\d+)");

    private CorpusAppend() {}

    static IngestSummary run(SparkSession spark, IngestRequest request) {
        long started = System.nanoTime();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        CorpusLayout corpus = CorpusLayout.of(request.output());
        if (!HadoopFiles.exists(conf, corpus.manifest())) {
            throw new IllegalArgumentException("no corpus to append to at " + request.output() + " (no "
                    + CorpusLayout.MANIFEST_FILE + "); ingest without append first");
        }
        CorpusManifest existing = CorpusManifest.read(corpus.manifest(), conf);
        CorpusSource source = request.sourceFormat().open(request, existing, conf);
        FileSystem fs = HadoopFiles.fileSystem(corpus.root(), conf);
        deleteUnlisted(fs, corpus, existing);
        String suffix = ".append-" + nextNumber(existing);
        String quarantineFolder = CorpusLayout.QUARANTINE_FOLDER + suffix;
        List<String> splitFolders = source.splits().stream().map(split -> split + suffix).toList();
        boolean committed = false;
        try {
            Map<String, SplitTally> tallies = IngestJob.write(spark, request, source, corpus, split -> split + suffix,
                    quarantineFolder);
            List<String> allFolders = new ArrayList<>(splitFolders);
            existing.segments().values().forEach(allFolders::addAll);
            IngestJob.requireUniqueIds(spark, corpus, allFolders, "appended rows repeat ids of the corpus or of "
                    + "each other (set ingest.id-prefix to tell them apart)");

            CorpusManifest added = IngestJob.describe(request, source, tallies);
            Map<String, List<String>> segments = new LinkedHashMap<>();
            added.splits().forEach(split -> segments.put(split, List.of(split + suffix)));
            added = new CorpusManifest(added.name(), added.format(), added.source(), existing.classNames(),
                    existing.imageShape(), added.rowsPerSplit(), added.rowsPerSplitAndClass(), added.quarantined(),
                    added.quarantinedPerReason(), segments, List.of(quarantineFolder), List.of());
            String note = String.format(Locale.ROOT, "appended%s from %s: %s rows, %d quarantined%s",
                    suffix.replace(".append-", " #"), request.source(), added.rowsPerSplit(), added.quarantined(),
                    source.notes().isEmpty() ? "" : " (" + String.join("; ", source.notes()) + ")");
            CorpusManifest merged = existing.plus(added, note);
            merged.write(corpus.manifest(), conf);
            committed = true;
            return new IngestSummary(merged, corpus.root().toString(), (System.nanoTime() - started) / 1e9);
        } finally {
            if (!committed) {
                for (String folder : splitFolders) HadoopFiles.delete(conf, corpus.split(folder));
                HadoopFiles.delete(conf, corpus.split(quarantineFolder));
            }
        }
    }

    /** One more than the highest append number the corpus lists. */
    private static int nextNumber(CorpusManifest manifest) {
        int highest = 0;
        List<String> folders = new ArrayList<>(manifest.quarantineSegments());
        manifest.segments().values().forEach(folders::addAll);
        for (String folder : folders) {
            Matcher m = SEGMENT.matcher(folder);
            if (m.matches()) highest = Math.max(highest, Integer.parseInt(m.group(2)));
        }
        return highest + 1;
    }

    private static void deleteUnlisted(FileSystem fs, CorpusLayout corpus, CorpusManifest manifest) {
        Set<String> listed = new HashSet<>(manifest.quarantineSegments());
        manifest.segments().values().forEach(listed::addAll);
        try {
            for (FileStatus status : fs.listStatus(corpus.root())) {
                String name = status.getPath().getName();
                if (status.isDirectory() && SEGMENT.matcher(name).matches() && !listed.contains(name)) {
                    fs.delete(status.getPath(), true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list corpus " + corpus.root() + ": " + e.getMessage(), e);
        }
    }
}
