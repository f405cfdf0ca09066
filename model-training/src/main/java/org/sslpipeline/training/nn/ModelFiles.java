package org.sslpipeline.training.nn;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.sslpipeline.training.io.HadoopFiles;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Models as plain DL4J zips (loadable by {@code ModelSerializer.restoreComputationGraph}), on any Hadoop file
 * system, and as bytes: the only form in which a model travels to Spark executors. A zip may carry a
 * {@link ModelDescription} as one more entry, which DL4J ignores.
 */
public final class ModelFiles {
    public static final String DESCRIPTION_ENTRY = "ssl-pipeline-model.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static {
        NativeLayerHelpers.enable(); // graphs restored here, e.g. on an executor, get the native layer helpers too
    }

    private ModelFiles() {}

    public static byte[] toBytes(ComputationGraph graph, boolean withUpdater) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(graph, out, withUpdater);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static ComputationGraph fromBytes(byte[] bytes, boolean withUpdater) {
        try {
            return ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes), withUpdater);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the model atomically (temporary sibling, then rename). */
    public static void write(ComputationGraph graph, Path target, boolean withUpdater, Configuration conf) {
        write(graph, null, target, withUpdater, conf);
    }

    /** Writes the model with its description (null = none) inside the zip, atomically. */
    public static void write(ComputationGraph graph, ModelDescription description, Path target, boolean withUpdater,
                             Configuration conf) {
        FileSystem fs = HadoopFiles.fileSystem(target, conf);
        Path tmp = HadoopFiles.temporarySibling(fs, target);
        try {
            try (FSDataOutputStream out = fs.create(tmp, true)) {
                if (description == null) {
                    ModelSerializer.writeModel(graph, out, withUpdater);
                } else {
                    out.write(withEntry(toBytes(graph, withUpdater), DESCRIPTION_ENTRY, JSON.writeValueAsBytes(description)));
                }
            }
            HadoopFiles.commit(fs, tmp, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write model " + target, e);
        }
    }

    /** The description inside a model zip, if it has one. */
    public static Optional<ModelDescription> description(Path path, Configuration conf) {
        FileSystem fs = HadoopFiles.fileSystem(path, conf);
        try (ZipInputStream zip = new ZipInputStream(fs.open(path))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals(DESCRIPTION_ENTRY)) {
                    return Optional.of(JSON.readValue(zip.readAllBytes(), ModelDescription.class));
                }
            }
            return Optional.empty();
        } catch (java.io.FileNotFoundException e) {
            throw new IllegalArgumentException("no model at " + path, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model " + path + ": " + e.getMessage(), e);
        }
    }

    private static byte[] withEntry(byte[] zipBytes, String name, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(zipBytes.length + content.length + 256);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zipBytes));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                zip.putNextEntry(new ZipEntry(entry.getName()));
                in.transferTo(zip);
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    public static ComputationGraph read(Path path, boolean withUpdater, Configuration conf) {
        FileSystem fs = HadoopFiles.fileSystem(path, conf);
        try (FSDataInputStream in = fs.open(path)) {
            return ModelSerializer.restoreComputationGraph(in, withUpdater);
        } catch (java.io.FileNotFoundException e) {
            throw new IllegalArgumentException("no model at " + path, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model " + path, e);
        }
    }

    /**
     * Hex SHA-256 of what a model computes: its configuration and its weights. Unlike a hash of the model file it
     * does not change with the zip entries' timestamps, so two runs that train the same weights agree.
     */
    public static String checksum(ComputationGraph graph) {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            digest.update(graph.getConfiguration().toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.update(org.nd4j.linalg.factory.Nd4j.toByteArray(graph.params()));
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
