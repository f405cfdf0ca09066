package org.sslpipeline.jobs.pseudo;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sslpipeline.jobs.ParquetRowCount;
import org.sslpipeline.jobs.StagedOutput;
import org.sslpipeline.jobs.corpus.CorpusSchema;
import org.sslpipeline.training.data.ImageCodec;
import org.sslpipeline.training.data.ImagePixels;
import org.sslpipeline.training.data.InvalidImageException;
import org.sslpipeline.training.nn.ModelFiles;
import org.sslpipeline.training.step.HardTargets;
import org.sslpipeline.training.step.OneVsAll;
import org.sslpipeline.training.step.SoftmaxCrossEntropy;
import org.sslpipeline.training.step.TrainingRows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Labels corpus rows with a teacher, on the executors: the teacher's model file travels as bytes in a broadcast,
 * each executor builds the network once ({@link ExecutorTeacher}), and each partition is labeled in batches on its
 * task's cores, the teacher unnoised (no augmentation, inference mode). The output ({@link PseudoLabelSchema}) is
 * staged and committed by rename; only its row count, read from the Parquet footers, comes back to the driver.
 */
public final class PseudoLabelJob {
    /**
     * Probabilities and confidences are nearly all distinct floats: Parquet's dictionary encoding of them fills its
     * dictionary, then falls back to plain encoding. That detour held a quarter of the executor threads' Java samples
     * in a profile of the job (docs/RESULTS.md); the job's wall time on 2 cores did not measurably change.
     */
    static final Map<String, String> PLAIN_FLOAT_COLUMNS = Map.of(
            "parquet.enable.dictionary#" + PseudoLabelSchema.PROBS + ".list.element", "false",
            "parquet.enable.dictionary#" + PseudoLabelSchema.CONFIDENCE, "false",
            "parquet.enable.dictionary#" + PseudoLabelSchema.OUTLIER_SCORE, "false");

    private PseudoLabelJob() {}

    /**
     * @param teacherModel the teacher's model file (as {@link org.sslpipeline.training.nn.ModelFiles} writes it)
     * @param teacherRound the round recorded with every label
     * @param batchSize    images per forward pass
     * @param output       Hadoop path of the Parquet output
     * @param overwrite    replace an existing output (else it is refused)
     */
    public record Request(byte[] teacherModel, int teacherRound, int batchSize, String output, boolean overwrite) {
        public Request {
            if (teacherModel == null || teacherModel.length == 0) throw new IllegalArgumentException("no teacher model");
            if (teacherRound < 1) throw new IllegalArgumentException("teacher round must be >= 1, got " + teacherRound);
            if (batchSize <= 0) throw new IllegalArgumentException("pseudo-label batch size must be > 0, got " + batchSize);
        }
    }

    /** What the job wrote. */
    public record Summary(String output, long examples, String modelChecksum, double seconds) {}

    /** @param rows corpus rows ({@link CorpusSchema}): at least the id and image columns */
    public static Summary run(SparkSession spark, Dataset<Row> rows, Request request) {
        long started = System.nanoTime();
        String checksum = checksum(request.teacherModel());
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Broadcast<byte[]> model = sc.broadcast(request.teacherModel());
        int round = request.teacherRound();
        int batchSize = request.batchSize();
        try (StagedOutput output = StagedOutput.create(request.output(), request.overwrite(), conf)) {
            JavaRDD<Row> labels = rows.select(CorpusSchema.ID, CorpusSchema.IMAGE).javaRDD()
                    .mapPartitions(it -> new Batches(it, batchSize, batch -> label(batch, checksum, model, round)));
            // the staging folder is this job's own, so writing over it is safe
            spark.createDataFrame(labels, PseudoLabelSchema.schema()).write().mode(SaveMode.Overwrite)
                    .options(PLAIN_FLOAT_COLUMNS)
                    .parquet(output.path().toString());
            output.commit();
            long examples = ParquetRowCount.of(output.target(), conf);
            return new Summary(request.output(), examples, checksum, (System.nanoTime() - started) / 1e9);
        } finally {
            model.destroy();
        }
    }

    /** The checksum recorded with the labels: of the model's configuration and weights (see ModelFiles). */
    public static String checksum(byte[] model) {
        return ModelFiles.checksum(ModelFiles.fromBytes(model, false));
    }

    private static List<Row> label(List<Row> batch, String checksum, Broadcast<byte[]> model, int round) {
        List<ImagePixels> images = new ArrayList<>(batch.size());
        for (Row row : batch) {
            try {
                images.add(ImageCodec.decode(row.getAs(CorpusSchema.IMAGE)));
            } catch (InvalidImageException e) {
                throw new IllegalArgumentException("example " + row.getAs(CorpusSchema.ID) + ": " + e.getMessage(), e);
            }
        }
        ExecutorTeacher.Outputs teacher = ExecutorTeacher.outputs(checksum, model::value, TrainingRows.input(images));
        float[][] probabilities = SoftmaxCrossEntropy.softmaxRows(teacher.logits());
        INDArray outlierScores = teacher.ova() == null ? null
                : OneVsAll.outlierScores(HardTargets.of(teacher.logits()), teacher.ova());
        List<Row> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            float[] p = probabilities[i];
            int best = 0;
            for (int c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
            Float outlierScore = outlierScores == null ? null : outlierScores.getFloat(i);
            out.add(RowFactory.create(batch.get(i).getAs(CorpusSchema.ID), p, best, p[best], round, checksum,
                    outlierScore));
        }
        return out;
    }

    /** A partition's rows, transformed batch by batch, so a partition never sits in memory whole. */
    private static final class Batches implements Iterator<Row> {
        interface Transform extends java.io.Serializable {
            List<Row> apply(List<Row> batch);
        }

        private final Iterator<Row> rows;
        private final int batchSize;
        private final Transform transform;
        private Iterator<Row> current = Collections.emptyIterator();

        Batches(Iterator<Row> rows, int batchSize, Transform transform) {
            this.rows = rows;
            this.batchSize = batchSize;
            this.transform = transform;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext() && rows.hasNext()) {
                List<Row> batch = new ArrayList<>(batchSize);
                while (rows.hasNext() && batch.size() < batchSize) batch.add(rows.next());
                current = transform.apply(batch).iterator();
            }
            return current.hasNext();
        }

        @Override
        public Row next() {
            if (!hasNext()) throw new NoSuchElementException();
            return current.next();
        }
    }
}
