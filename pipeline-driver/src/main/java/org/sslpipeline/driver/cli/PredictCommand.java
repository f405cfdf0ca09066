package org.sslpipeline.driver.cli;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.sslpipeline.driver.config.PipelineConfig;
import org.sslpipeline.driver.run.SavedModel;
import org.sslpipeline.driver.run.SparkSessions;
import org.sslpipeline.jobs.StagedOutput;
import org.sslpipeline.jobs.corpus.CorpusLayout;
import org.sslpipeline.jobs.corpus.CorpusManifest;
import org.sslpipeline.jobs.corpus.CorpusReader;
import org.sslpipeline.jobs.corpus.CorpusSchema;
import org.sslpipeline.jobs.ingest.ImageFolderInput;
import org.sslpipeline.jobs.pseudo.PseudoLabelJob;
import org.sslpipeline.jobs.pseudo.PseudoLabelSchema;
import org.sslpipeline.training.io.HadoopFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;

import static org.apache.spark.sql.functions.col;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Label images with a trained model (a model.zip of a run folder): an image folder (any layout "
                + "ingest takes, searched recursively; images of another shape are resized to the model's input) "
                + "or a split of a corpus (a folder with _corpus.json). Labeling runs on Spark like the "
                + "pseudo-label job.",
                "OUT ending in .csv gets one CSV file, id,label,confidence, and OUT minus .csv plus "
                        + ".quarantine.csv the files that did not decode (source,reason); any other OUT becomes a "
                        + "Parquet folder, id,label,confidence,probabilities (one per class, in the model's class "
                        + "order), with the quarantine in OUT/_quarantine. label is the class name. A model with "
                        + "one-vs-all heads (openmatch) adds outlier_score after confidence: the outlier probability "
                        + "of the predicted class, above 0.5 for an image of no known class. When the images "
                        + "have class folders (or corpus labels), the accuracy against them is printed."})
public final class PredictCommand implements Callable<Integer> {
    static final String PROBABILITIES = "probabilities";
    private static final String TRUTH = "truth";

    @Mixin
    ConfigOptions config;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A model zip written by train or run.")
    String model;

    @Option(names = "--input", required = true, paramLabel = "PATH", description = "An image folder or a corpus folder.")
    String input;

    @Option(names = "--output", required = true, paramLabel = "OUT", description = "Where the labels go: *.csv or a Parquet folder.")
    String output;

    @Option(names = "--split", defaultValue = "test", description = "The corpus split to label, when PATH is a corpus (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--overwrite", description = "Replace an existing OUT.")
    boolean overwrite;

    /** What to label: the rows, their truth as class names (null when unknown), and the files that did not decode. */
    private record Input(Dataset<Row> images, Column truth, Dataset<Row> rejected, List<String> notes) {}

    @Override
    public Integer call() {
        PipelineConfig pipeline = config.load();
        try (SparkSession spark = SparkSessions.start(pipeline)) {
            Configuration hadoop = spark.sparkContext().hadoopConfiguration();
            SavedModel saved = SavedModel.read(model, hadoop);
            refuseExistingOutput(hadoop);
            Input images = HadoopFiles.exists(hadoop, CorpusLayout.of(input).manifest())
                    ? corpusSplit(spark, saved) : imageFolder(spark, saved);
            images.notes().forEach(note -> System.out.println("note: " + note));

            Path scratch = new Path(new Path(output).getParent(), ".predict-" + UUID.randomUUID());
            try {
                PseudoLabelJob.run(spark, images.images(), new PseudoLabelJob.Request(saved.bytes(), 1,
                        pipeline.noisyStudent().pseudoLabelBatchSize(), scratch.toString(), false));
                List<Column> columns = new ArrayList<>(List.of(col(PseudoLabelSchema.ID),
                        className(saved.description().classNames(), col(PseudoLabelSchema.LABEL)).as("label"),
                        col(PseudoLabelSchema.CONFIDENCE)));
                if (saved.scoresOutliers()) columns.add(col(PseudoLabelSchema.OUTLIER_SCORE));
                columns.add(col(PseudoLabelSchema.PROBS).as(PROBABILITIES));
                Dataset<Row> predictions = spark.read().parquet(scratch.toString())
                        .select(columns.toArray(Column[]::new)).orderBy(PseudoLabelSchema.ID);
                Dataset<Row> rejected = images.rejected().orderBy(CorpusSchema.SOURCE);
                long labeled = write(spark, predictions, rejected, hadoop);
                System.out.printf(Locale.ROOT, "%d images labeled with %s (%s) -> %s; %d files quarantined (%s)%n",
                        labeled, model, saved.description().inputShape(), output, rejected.count(), quarantinePath());
                if (images.truth() != null) printAccuracy(predictions, images);
            } finally {
                HadoopFiles.delete(hadoop, scratch);
            }
        }
        return 0;
    }

    private Input corpusSplit(SparkSession spark, SavedModel saved) {
        CorpusManifest manifest = CorpusReader.manifest(spark, input);
        saved.requireInputShape(manifest.imageShape(), "corpus " + input);
        Dataset<Row> rows = CorpusReader.split(spark, input, split).select(CorpusSchema.columns());
        Column truth = manifest.numClasses() == 0 ? null : className(manifest.classNames(), col(CorpusSchema.LABEL));
        Dataset<Row> none = spark.createDataFrame(List.of(), CorpusSchema.QUARANTINE).select(CorpusSchema.SOURCE, CorpusSchema.REASON);
        return new Input(rows, truth, none, List.of());
    }

    private Input imageFolder(SparkSession spark, SavedModel saved) {
        ImageFolderInput folder = ImageFolderInput.open(input, saved.inputShape(), true,
                spark.sparkContext().hadoopConfiguration());
        Dataset<Row> all = folder.read(spark).persist(StorageLevel.MEMORY_AND_DISK());
        Column truth = folder.classNames().isEmpty() ? null : className(folder.classNames(), col(CorpusSchema.LABEL));
        return new Input(folder.images(all), truth, folder.rejected(all), folder.notes());
    }

    /** The name of the class with index {@code label}; null for a null label. */
    private static Column className(List<String> names, Column label) {
        return functions.element_at(functions.array(names.stream().map(functions::lit).toArray(Column[]::new)),
                label.plus(1));
    }

    private boolean csv() {
        return output.toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    private String quarantinePath() {
        return csv() ? output.substring(0, output.length() - 4) + ".quarantine.csv"
                : new Path(output, CorpusLayout.QUARANTINE_FOLDER).toString();
    }

    private void refuseExistingOutput(Configuration hadoop) {
        if (!overwrite && HadoopFiles.exists(hadoop, new Path(output))) {
            throw new IllegalArgumentException("output already exists: " + output + " (add --overwrite to replace it)");
        }
    }

    /** Writes the predictions and the quarantine; returns the number of predictions. */
    private long write(SparkSession spark, Dataset<Row> predictions, Dataset<Row> rejected, Configuration hadoop) {
        if (!csv()) {
            try (StagedOutput staged = StagedOutput.create(output, overwrite, hadoop)) {
                predictions.write().mode(SaveMode.Overwrite).parquet(staged.path().toString());
                rejected.coalesce(1).write().parquet(new Path(staged.path(), CorpusLayout.QUARANTINE_FOLDER).toString());
                staged.commit();
            }
            return spark.read().parquet(output).count();
        }
        writeCsv(predictions.drop(PROBABILITIES), output, hadoop);
        writeCsv(rejected, quarantinePath(), hadoop);
        return predictions.count();
    }

    /** One CSV file with a header, written by one task into a scratch folder and renamed into place. */
    private static void writeCsv(Dataset<Row> rows, String target, Configuration hadoop) {
        Path file = new Path(target);
        FileSystem fs = HadoopFiles.fileSystem(file, hadoop);
        Path scratch = HadoopFiles.temporarySibling(fs, file);
        try {
            rows.coalesce(1).write().option("header", "true").csv(scratch.toString());
            FileStatus[] parts = fs.globStatus(new Path(scratch, "part-*.csv"));
            if (parts == null || parts.length != 1) throw new IOException("expected one CSV part in " + scratch);
            Path single = new Path(scratch.getParent(), scratch.getName() + ".csv");
            if (!fs.rename(parts[0].getPath(), single)) throw new IOException("cannot move " + parts[0].getPath());
            HadoopFiles.commit(fs, single, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            HadoopFiles.delete(hadoop, scratch);
        }
    }

    private static void printAccuracy(Dataset<Row> predictions, Input images) {
        Dataset<Row> truth = images.images().select(col(CorpusSchema.ID).as("truth_id"), images.truth().as(TRUTH))
                .filter(col(TRUTH).isNotNull());
        Dataset<Row> joined = predictions.join(truth, predictions.col(PseudoLabelSchema.ID).equalTo(truth.col("truth_id")));
        Row counts = joined.agg(functions.count(functions.lit(1)),
                functions.sum(functions.when(col("label").equalTo(col(TRUTH)), 1).otherwise(0))).first();
        long examples = counts.getLong(0);
        if (examples == 0) return;
        long correct = counts.isNullAt(1) ? 0 : counts.getLong(1);
        System.out.printf(Locale.ROOT, "accuracy against the images' classes: %.4f (%d of %d images with a class)%n",
                (double) correct / examples, correct, examples);
    }
}
