package org.sslpipeline.training.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sslpipeline.training.io.HadoopFiles;
import org.sslpipeline.training.nn.ModelFiles;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checkpoints of a training run under {@code <dir>/epoch-NNNN/}: the network with its updater state
 * ({@code model.zip}), the EMA weights ({@code ema.bin}), the algorithm's state if it keeps one
 * ({@code algorithm-state.bin}, e.g. Temporal Ensembling's targets) and the loop state ({@code state.json}). Each is
 * written to a temporary folder and renamed into place, so a checkpoint either exists whole or not at all.
 * The two newest are kept.
 */
public final class CheckpointStore {
    private static final Pattern NAME = Pattern.compile("epoch-(\\d{4,})");
    private static final int KEEP = 2;
    private static final String ALGORITHM_STATE = "algorithm-state.bin";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Configuration conf;

    public CheckpointStore(Path dir, Configuration conf) {
        this.dir = dir;
        this.conf = conf;
    }

    /**
     * The loop state saved beside the weights.
     *
     * @param trainSeconds seconds the epoch loop ran to reach this checkpoint, summed over every attempt of the run
     *                     (0 in checkpoints written before it was kept)
     */
    public record State(int epochsDone, int iteration, long emaUpdates, List<EpochRecord> history, double trainSeconds) {}

    /**
     * One finished epoch, as the trainer records it (no wall times, so reruns compare equal).
     *
     * @param terms the mean of each of the step's loss terms (empty in checkpoints written before they were kept)
     */
    public record EpochRecord(int epoch, long steps, long rows, double meanLoss, Map<String, Double> terms) {
        public EpochRecord {
            terms = terms == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(terms));
        }
    }

    /**
     * A restored checkpoint.
     *
     * @param algorithmState the bytes of the algorithm's state, empty when it kept none
     */
    public record Checkpoint(ComputationGraph graph, EmaWeights ema, byte[] algorithmState, State state) {}

    /** @param algorithmState {@link org.sslpipeline.training.step.AlgorithmState#checkpoint()}, empty for none */
    public void save(ComputationGraph graph, EmaWeights ema, byte[] algorithmState, State state) {
        FileSystem fs = HadoopFiles.fileSystem(dir, conf);
        Path target = new Path(dir, String.format("epoch-%04d", state.epochsDone()));
        Path tmp = HadoopFiles.temporarySibling(fs, target);
        try {
            fs.mkdirs(tmp);
            try (FSDataOutputStream out = fs.create(new Path(tmp, "model.zip"))) {
                org.deeplearning4j.util.ModelSerializer.writeModel(graph, out, true);
            }
            try (DataOutputStream out = new DataOutputStream(fs.create(new Path(tmp, "ema.bin")))) {
                Nd4j.write(ema.average(), out);
            }
            if (algorithmState.length > 0) {
                try (FSDataOutputStream out = fs.create(new Path(tmp, ALGORITHM_STATE))) {
                    out.write(algorithmState);
                }
            }
            try (FSDataOutputStream out = fs.create(new Path(tmp, "state.json"))) {
                out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
            }
            HadoopFiles.commit(fs, tmp, target);
        } catch (IOException e) {
            deleteQuietly(fs, tmp);
            throw new UncheckedIOException("cannot write checkpoint " + target, e);
        }
        try {
            deleteOlderThanNewest(fs);
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint " + target + " is written, but older ones in " + dir
                    + " could not be deleted", e);
        }
    }

    public Optional<Checkpoint> latest(double emaDecay) {
        FileSystem fs = HadoopFiles.fileSystem(dir, conf);
        try {
            List<Path> checkpoints = list(fs);
            if (checkpoints.isEmpty()) return Optional.empty();
            Path newest = checkpoints.get(checkpoints.size() - 1);
            State state;
            try (FSDataInputStream in = fs.open(new Path(newest, "state.json"))) {
                state = JSON.readValue(in.readAllBytes(), State.class);
            }
            ComputationGraph graph = ModelFiles.read(new Path(newest, "model.zip"), true, conf);
            INDArray average;
            try (DataInputStream in = new DataInputStream(fs.open(new Path(newest, "ema.bin")))) {
                average = Nd4j.read(in);
            }
            byte[] algorithmState = new byte[0];
            Path stateFile = new Path(newest, ALGORITHM_STATE);
            if (fs.exists(stateFile)) {
                try (FSDataInputStream in = fs.open(stateFile)) {
                    algorithmState = in.readAllBytes();
                }
            }
            graph.getConfiguration().setIterationCount(state.iteration());
            graph.getConfiguration().setEpochCount(state.epochsDone());
            return Optional.of(new Checkpoint(graph, new EmaWeights(emaDecay, average, state.emaUpdates()), algorithmState, state));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoints in " + dir, e);
        }
    }

    private List<Path> list(FileSystem fs) throws IOException {
        if (!fs.exists(dir)) return List.of();
        FileStatus[] statuses = fs.listStatus(dir);
        return Arrays.stream(statuses)
                .map(FileStatus::getPath)
                .filter(p -> NAME.matcher(p.getName()).matches())
                .sorted(Comparator.comparingInt(CheckpointStore::epochOf))
                .toList();
    }

    private void deleteOlderThanNewest(FileSystem fs) throws IOException {
        List<Path> all = list(fs);
        for (int i = 0; i < all.size() - KEEP; i++) {
            fs.delete(all.get(i), true);
        }
    }

    private static void deleteQuietly(FileSystem fs, Path path) {
        try {
            fs.delete(path, true);
        } catch (IOException ignored) {
            // the temporary folder's name never matches a checkpoint, so a leftover is harmless
        }
    }

    private static int epochOf(Path p) {
        Matcher m = NAME.matcher(p.getName());
        if (!m.matches()) throw new IllegalArgumentException(p.toString());
        return Integer.parseInt(m.group(1));
    }
}
