package org.sslpipeline.jobs.pseudo;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sslpipeline.jobs.LocalSpark;
import org.sslpipeline.jobs.corpus.CorpusSchema;
import org.sslpipeline.training.data.ImageCodec;
import org.sslpipeline.training.data.ImagePixels;
import org.sslpipeline.training.nn.ModelFiles;
import org.sslpipeline.training.nn.NetworkArchitecture;
import org.sslpipeline.training.nn.NetworkHead;
import org.sslpipeline.training.nn.NetworkOutputs;
import org.sslpipeline.training.nn.NetworkSpec;
import org.sslpipeline.training.optim.OptimizerSettings;
import org.sslpipeline.training.step.HardTargets;
import org.sslpipeline.training.step.OneVsAll;
import org.sslpipeline.training.step.SoftmaxCrossEntropy;
import org.sslpipeline.training.step.TrainingRows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Spark job on local[2] against plain single-JVM inference of the same model on the same images. */
class PseudoLabelJobTest {
    private static final int CLASSES = 10;
    private static final int ROWS = 300;
    private static SparkSession spark;
    private static final List<ImagePixels> images = new ArrayList<>();
    private static Dataset<Row> corpusRows;
    private static ComputationGraph teacher;

    @BeforeAll
    static void setUp() {
        spark = LocalSpark.start(PseudoLabelJobTest.class);
        Random random = new Random(3);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            byte[] hwc = new byte[28 * 28];
            random.nextBytes(hwc);
            ImagePixels pixels = new ImagePixels(28, 28, 1, hwc);
            images.add(pixels);
            rows.add(RowFactory.create(String.format("u-%04d", i), ImageCodec.encodePng(pixels), 28, 28, 1, null, "test"));
        }
        corpusRows = spark.createDataFrame(rows, CorpusSchema.ROW).repartition(3);
        // dropout 0.5: only inference mode gives the single-JVM outputs; sharpened logits: argmax is well defined
        teacher = NetworkArchitecture.SMALL_CNN.build(new NetworkSpec(28, 28, 1, CLASSES, 1, 0.5, 9),
                OptimizerSettings.fixMatchDefaults().updater(10), 5e-4);
        teacher.getLayer(NetworkOutputs.LOGITS).getParam("W").muli(40);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void labelsEqualSingleJvmInferenceWithRoundAndChecksum(@TempDir Path dir) throws IOException {
        byte[] model = ModelFiles.toBytes(teacher, false);
        String output = dir.resolve("pseudo").toUri().toString();

        PseudoLabelJob.Summary summary = PseudoLabelJob.run(spark, corpusRows,
                new PseudoLabelJob.Request(model, 2, 32, output, false));

        assertEquals(ROWS, summary.examples());
        assertTrue(Files.exists(dir.resolve("pseudo/_SUCCESS")));
        Dataset<Row> written = spark.read().parquet(output);
        assertEquals(PseudoLabelSchema.schema().fieldNames().length, written.schema().fields().length);
        assertArrayEquals(PseudoLabelSchema.schema().fieldNames(), written.schema().fieldNames());
        Map<String, Row> byId = new HashMap<>();
        for (Row row : written.collectAsList()) byId.put(row.getAs(PseudoLabelSchema.ID), row);
        assertEquals(ROWS, byId.size(), "every example exactly once");

        INDArray expected = SoftmaxCrossEntropy.softmax(
                teacher.output(false, TrainingRows.input(images))[NetworkOutputs.LOGITS_INDEX].castTo(DataType.FLOAT));
        int confident = 0;
        for (int i = 0; i < ROWS; i++) {
            Row row = byId.get(String.format("u-%04d", i));
            float[] probs = floats(row.getList(row.fieldIndex(PseudoLabelSchema.PROBS)));
            assertArrayEquals(expected.getRow(i).toFloatVector(), probs, 1e-4f, "probabilities of row " + i);
            int label = row.getAs(PseudoLabelSchema.LABEL);
            assertEquals(expected.getRow(i).argMax().getInt(0), label, "hard label of row " + i);
            assertEquals(probs[label], (float) row.getAs(PseudoLabelSchema.CONFIDENCE), 0f);
            assertEquals(2, (int) row.getAs(PseudoLabelSchema.TEACHER_ROUND));
            assertEquals(PseudoLabelJob.checksum(model), row.getAs(PseudoLabelSchema.MODEL_CHECKSUM));
            assertTrue(row.isNullAt(row.fieldIndex(PseudoLabelSchema.OUTLIER_SCORE)), "no one-vs-all heads, no score");
            if (probs[label] > 0.9f) confident++;
        }
        assertTrue(confident > ROWS / 2, "the sharpened teacher is mostly confident: " + confident);
        assertFloatColumnsPlainOthersDictionaryEncoded(dir.resolve("pseudo"));
        assertTrue(Nd4j.getExecutioner() != null && teacher.params().sumNumber().doubleValue() != 0,
                "the driver's network is intact after the job");
    }

    /** The probabilities and confidences skip Parquet's dictionary (PLAIN_FLOAT_COLUMNS); the other columns keep it. */
    private static void assertFloatColumnsPlainOthersDictionaryEncoded(Path output) throws IOException {
        Path part;
        try (var files = Files.list(output)) {
            part = files.filter(f -> f.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        Configuration conf = new Configuration();
        try (ParquetFileReader reader = ParquetFileReader.open(
                HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(part.toUri()), conf))) {
            Map<String, Boolean> dictionary = new HashMap<>();
            for (ColumnChunkMetaData column : reader.getFooter().getBlocks().get(0).getColumns()) {
                dictionary.put(column.getPath().toDotString(), column.hasDictionaryPage());
            }
            assertEquals(false, dictionary.get("probs.list.element"), dictionary.toString());
            assertEquals(false, dictionary.get(PseudoLabelSchema.CONFIDENCE), dictionary.toString());
            assertEquals(true, dictionary.get(PseudoLabelSchema.MODEL_CHECKSUM), dictionary.toString());
        }
    }

    @Test
    void aTeacherWithOneVsAllHeadsScoresEveryRow(@TempDir Path dir) {
        ComputationGraph openMatch = NetworkArchitecture.SMALL_CNN.build(new NetworkSpec(28, 28, 1, CLASSES, 1, 0.0,
                0.0, 9, List.of(NetworkHead.OVA)), OptimizerSettings.fixMatchDefaults().updater(10), 5e-4);
        String output = dir.resolve("pseudo").toUri().toString();
        PseudoLabelJob.run(spark, corpusRows, new PseudoLabelJob.Request(ModelFiles.toBytes(openMatch, false), 1, 32,
                output, false));

        INDArray[] outputs = openMatch.output(false, TrainingRows.input(images));
        INDArray expected = OneVsAll.outlierScores(HardTargets.of(outputs[NetworkOutputs.LOGITS_INDEX]), outputs[2]);
        for (Row row : spark.read().parquet(output).collectAsList()) {
            int i = Integer.parseInt(row.<String>getAs(PseudoLabelSchema.ID).substring(2));
            assertEquals(expected.getFloat(i), (float) row.getAs(PseudoLabelSchema.OUTLIER_SCORE), 1e-5f, "row " + i);
        }
    }

    @Test
    void anExistingOutputIsRefusedAndACorruptImageNamesItsExampleAndLeavesNoOutput(@TempDir Path dir) throws Exception {
        byte[] model = ModelFiles.toBytes(teacher, false);
        String output = dir.resolve("pseudo").toUri().toString();
        PseudoLabelJob.run(spark, corpusRows.limit(40), new PseudoLabelJob.Request(model, 1, 16, output, false));
        IllegalArgumentException exists = assertThrows(IllegalArgumentException.class, () ->
                PseudoLabelJob.run(spark, corpusRows.limit(40), new PseudoLabelJob.Request(model, 1, 16, output, false)));
        assertTrue(exists.getMessage().contains("already exists"), exists.getMessage());
        assertEquals(40, PseudoLabelJob.run(spark, corpusRows.limit(40),
                new PseudoLabelJob.Request(model, 1, 16, output, true)).examples());

        Dataset<Row> corrupt = spark.createDataFrame(List.of(
                RowFactory.create("fine", ImageCodec.encodePng(images.get(0)), 28, 28, 1, null, "test"),
                RowFactory.create("broken-7", new byte[]{1, 2, 3}, 28, 28, 1, null, "test")), CorpusSchema.ROW);
        String other = dir.resolve("other").toUri().toString();
        Exception failure = assertThrows(Exception.class, () ->
                PseudoLabelJob.run(spark, corrupt, new PseudoLabelJob.Request(model, 1, 16, other, false)));
        assertTrue(causes(failure).contains("broken-7"), causes(failure));
        assertFalse(Files.exists(dir.resolve("other")), "nothing committed");
        try (var left = Files.list(dir)) {
            assertEquals(List.of("pseudo"), left.map(p -> p.getFileName().toString()).toList(), "no staging folder left");
        }
    }

    private static float[] floats(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) out[i] = values.get(i);
        return out;
    }

    private static String causes(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) all.append(c.getMessage()).append(" | ");
        return all.toString();
    }
}
