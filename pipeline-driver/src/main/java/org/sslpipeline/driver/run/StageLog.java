package org.sslpipeline.driver.run;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.sslpipeline.training.io.HadoopFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Noisy Student run's {@code state.json}: the stages that have finished, in order, each with its
 * {@link StageResult}, the wall time of the attempt that finished it and the build that did. It is rewritten
 * atomically after every stage, so a stage counts as done only once its outputs are committed and its entry is on
 * disk; a driver started again skips exactly those. Entries are kept as read, so stages that an older build
 * recorded are written back unchanged.
 */
public final class StageLog {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final TypeReference<Map<String, Object>> ENTRY = new TypeReference<>() {};

    private static final String WALL_SECONDS = "wall_seconds";
    private static final String CODE_VERSION = "code_version";

    private final Configuration hadoop;
    private final Path file;
    private final LinkedHashMap<String, Map<String, Object>> finished = new LinkedHashMap<>();

    private StageLog(Configuration hadoop, Path file) {
        this.hadoop = hadoop;
        this.file = file;
    }

    /** The log at {@code file}, empty if the run has not finished any stage yet. */
    public static StageLog open(Configuration hadoop, Path file) {
        StageLog log = new StageLog(hadoop, file);
        if (HadoopFiles.exists(hadoop, file)) {
            try {
                Map<String, Map<String, Object>> stages = JSON.readValue(HadoopFiles.readText(hadoop, file),
                        new TypeReference<Map<String, Map<String, Map<String, Object>>>>() {}).get("finished");
                if (stages != null) log.finished.putAll(stages);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the run state " + file, e);
            }
        }
        return log;
    }

    public boolean isDone(StageId stage) {
        return finished.containsKey(stage.toString());
    }

    /** What a finished stage reported, as the record of its kind ({@link Stage}). */
    public <R extends StageResult> R result(StageId stage, Class<R> type) {
        requireReports(stage, type);
        return JSON.convertValue(entry(stage), type);
    }

    public double wallSeconds(StageId stage) {
        return ((Number) entry(stage).get(WALL_SECONDS)).doubleValue();
    }

    public int finishedCount() {
        return finished.size();
    }

    /**
     * The finished stages that a build other than {@code version} finished, each with that build's version
     * ("not recorded" for run folders older than the record), in the order they finished.
     */
    public Map<String, String> finishedByOtherVersions(String version) {
        Map<String, String> others = new LinkedHashMap<>();
        finished.forEach((stage, entry) -> {
            Object recorded = entry.get(CODE_VERSION);
            if (!version.equals(recorded)) others.put(stage, recorded == null ? "not recorded" : recorded.toString());
        });
        return others;
    }

    /**
     * Records the stage as finished by this build ({@link CodeVersion#current()}) and rewrites the file.
     *
     * @param wallSeconds how long the attempt that finished the stage took (a resumed stage: its last part)
     */
    public void markDone(StageId stage, double wallSeconds, StageResult result) {
        requireReports(stage, result.getClass());
        // sorted: the file reads the same whichever JVM wrote it
        Map<String, Object> entry = new TreeMap<>(JSON.convertValue(result, ENTRY));
        entry.put(WALL_SECONDS, wallSeconds);
        entry.put(CODE_VERSION, CodeVersion.current());
        finished.put(stage.toString(), entry);
        try {
            HadoopFiles.writeText(hadoop, file, JSON.writeValueAsString(Map.of("finished", finished)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run state " + file, e);
        }
    }

    private static void requireReports(StageId stage, Class<?> type) {
        if (stage.kind().resultType() != type) {
            throw new IllegalArgumentException(stage + " reports a " + stage.kind().resultType().getSimpleName()
                    + ", not a " + type.getSimpleName());
        }
    }

    private Map<String, Object> entry(StageId stage) {
        Map<String, Object> entry = finished.get(stage.toString());
        if (entry == null) throw new IllegalStateException("stage " + stage + " has not finished");
        return entry;
    }
}
