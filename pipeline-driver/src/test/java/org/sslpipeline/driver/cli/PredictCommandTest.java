package org.sslpipeline.driver.cli;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sslpipeline.driver.SslPipeline;
import org.sslpipeline.jobs.corpus.CorpusReader;
import org.sslpipeline.training.data.ImageCodec;
import org.sslpipeline.training.data.ImagePixels;
import org.sslpipeline.training.data.ImageResize;
import org.sslpipeline.training.data.LabeledImage;
import org.sslpipeline.training.nn.ModelDescription;
import org.sslpipeline.training.nn.ModelFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A small model trained in the test labels a folder of Fashion-MNIST test images (class folders named after the
 * classes, a corrupt file, an RGB image of another size, a loose file) and a corpus split; a model is refused by
 * name for a corpus of another image shape.
 */
class PredictCommandTest {
    private static final int IMAGES_PER_CLASS = 20;

    @TempDir
    static Path dir;
    private static List<String> base;
    private static String model;
    private static Path folder;

    @BeforeAll
    static void trainAModelAndWriteAFolder() throws IOException {
        TestCorpus.fashionMnist();
        base = TestCorpus.baseArgs(dir.resolve("runs"));
        assertEquals(0, SslPipeline.run(TestCorpus.args(base, "train", "--set", "train.trainer=local",
                "--set", "data.labels-per-class=100", "--set", "train.epochs=2", "--set", "train.augment=none",
                "--run-id", "m")));
        model = dir.resolve("runs/m/train/model.zip").toString();

        folder = dir.resolve("to-label");
        SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
        try {
            List<String> classes = CorpusReader.manifest(spark, TestCorpus.FASHION_MNIST).classNames();
            List<LabeledImage> test = CorpusReader.images(spark, TestCorpus.FASHION_MNIST, "test").take(2000);
            Map<Integer, List<LabeledImage>> perClass = test.stream().collect(Collectors.groupingBy(LabeledImage::label));
            for (int label = 1; label < classes.size(); label++) { // class 0, "T-shirt/top", cannot name a folder
                for (LabeledImage image : perClass.get(label).subList(0, IMAGES_PER_CLASS)) {
                    Files.createDirectories(folder.resolve(classes.get(label)));
                    Files.write(folder.resolve(classes.get(label)).resolve(image.id().replace('/', '_') + ".png"),
                            ImageCodec.encodePng(image.pixels()));
                }
            }
            ImagePixels bigRgb = ImageResize.to(perClass.get(1).get(IMAGES_PER_CLASS).pixels(), 56, 56, 3);
            Files.write(folder.resolve("Trouser/big-rgb.png"), ImageCodec.encodePng(bigRgb));
            Files.write(folder.resolve("Trouser/broken.png"), new byte[] {1, 2, 3});
            Files.write(folder.resolve("loose.png"), ImageCodec.encodePng(test.get(0).pixels()));
        } finally {
            spark.stop();
        }
    }

    @AfterAll
    static void clearSession() {
        SparkSession.clearDefaultSession();
        SparkSession.clearActiveSession();
    }

    @Test
    void theModelCarriesWhatItIs() {
        ModelDescription description = ModelFiles.description(new org.apache.hadoop.fs.Path(model), new Configuration())
                .orElseThrow();
        assertEquals(10, description.classNames().size());
        assertEquals("Ankle boot", description.classNames().get(9));
        assertEquals("28x28x1", description.inputShape());
        assertEquals("small-cnn", description.network());
        assertEquals("supervised", description.algorithm());
        assertEquals(TestCorpus.FASHION_MNIST, description.corpus());
        assertTrue(Pattern.compile("labels-per-class\"?\\s*[:=]\\s*100").matcher(description.config()).find(),
                description.config());
    }

    @Test
    void labelsAFolderByClassNameAndPrintsItsAccuracy() throws IOException {
        Path csv = dir.resolve("labels.csv");
        String out = Console.out(() -> assertEquals(0, SslPipeline.run(TestCorpus.args(base, "predict",
                "--model", model, "--input", folder.toString(), "--output", csv.toString()))));

        List<String> lines = Files.readAllLines(csv);
        assertEquals("id,label,confidence", lines.get(0));
        int images = 9 * IMAGES_PER_CLASS + 2; // and the resized RGB image and the loose file
        assertEquals(images, lines.size() - 1, out);
        long correct = 0;
        long withClass = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            assertEquals(3, cells.length, line);
            double confidence = Double.parseDouble(cells[2]);
            assertTrue(confidence > 0.1 && confidence <= 1, line);
            if (!cells[0].contains("/")) continue; // the loose file has no class
            withClass++;
            if (cells[0].substring(0, cells[0].indexOf('/')).equals(cells[1])) correct++;
        }
        assertEquals(images - 1, withClass);
        double accuracy = (double) correct / withClass;
        assertTrue(accuracy > 0.6, "accuracy " + accuracy + "\n" + out);
        Matcher printed = Pattern.compile("accuracy against the images' classes: ([0-9.]+) \\((\\d+) of (\\d+)").matcher(out);
        assertTrue(printed.find(), out);
        assertEquals(correct, Long.parseLong(printed.group(2)));
        assertEquals(withClass, Long.parseLong(printed.group(3)));

        List<String> quarantine = Files.readAllLines(dir.resolve("labels.quarantine.csv"));
        assertEquals("source,reason", quarantine.get(0));
        assertEquals(2, quarantine.size(), String.join("\n", quarantine));
        assertTrue(quarantine.get(1).contains("Trouser/broken.png"), quarantine.get(1));
    }

    @Test
    void labelsACorpusSplitIntoParquetWithEveryClassProbability() {
        Path parquet = dir.resolve("labels-parquet");
        assertEquals(0, SslPipeline.run(TestCorpus.args(base, "predict", "--model", model,
                "--input", TestCorpus.FASHION_MNIST, "--split", "test", "--output", parquet.toString())));

        SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
        try {
            List<Row> rows = spark.read().parquet(parquet.toString()).collectAsList();
            assertEquals(10_000, rows.size());
            Row first = rows.get(0);
            assertEquals(List.of("id", "label", "confidence", "probabilities"), List.of(first.schema().fieldNames()));
            List<Float> probabilities = first.getList(3);
            assertEquals(10, probabilities.size());
            assertEquals(1.0, probabilities.stream().mapToDouble(Float::doubleValue).sum(), 1e-4);
            assertEquals(0, spark.read().parquet(parquet.resolve("_quarantine").toString()).count());
        } finally {
            spark.stop();
        }
    }

    @Test
    void aModelIsRefusedForImagesOfAnotherShapeByName() throws IOException {
        Path rgb = dir.resolve("rgb");
        for (int i = 0; i < 4; i++) {
            Files.createDirectories(rgb.resolve("a"));
            Files.write(rgb.resolve("a/" + i + ".png"), ImageCodec.encodePng(ImageResize.to(
                    new ImagePixels(1, 1, 1, new byte[] {(byte) (40 * i)}), 32, 32, 3)));
        }
        String rgbCorpus = dir.resolve("rgb-corpus").toString();
        assertEquals(0, SslPipeline.run(TestCorpus.args(base, "ingest", "--set", "ingest.format=image-folder",
                "--set", "ingest.source=" + rgb, "--set", "ingest.test-fraction=0.5", "--output", rgbCorpus)));

        String predict = Console.err(() -> assertEquals(2, SslPipeline.run(TestCorpus.args(base, "predict",
                "--model", model, "--input", rgbCorpus, "--output", dir.resolve("never.csv").toString()))));
        assertTrue(predict.contains("takes 28x28x1 images, but corpus " + rgbCorpus + " holds 32x32x3 images"), predict);
        assertFalse(Files.exists(dir.resolve("never.csv")));

        String eval = Console.err(() -> assertEquals(2, SslPipeline.run(TestCorpus.args(base, "eval",
                "--model", model, "--set", "data.corpus=" + rgbCorpus))));
        assertTrue(eval.contains("takes 28x28x1 images, but corpus " + rgbCorpus + " holds 32x32x3 images"), eval);
    }
}
