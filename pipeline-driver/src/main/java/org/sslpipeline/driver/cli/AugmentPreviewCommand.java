package org.sslpipeline.driver.cli;

import org.apache.spark.sql.SparkSession;
import org.sslpipeline.driver.run.SparkSessions;
import org.sslpipeline.driver.config.PipelineConfig;
import org.sslpipeline.jobs.corpus.CorpusReader;
import org.sslpipeline.training.augment.AugmentationGrid;
import org.sslpipeline.training.augment.Augmentations;
import org.sslpipeline.training.data.ImagePixels;
import org.sslpipeline.training.data.LabeledImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "augment-preview", mixinStandardHelpOptions = true,
        description = "Write a PNG grid of augmented views of a few corpus images (one row per image: the original, "
                + "then its views), to see what the model sees.")
public final class AugmentPreviewCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Option(names = "--augment", defaultValue = "strong", description = "Augmentation: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            completionCandidates = Names.class)
    String augment;

    @Option(names = "--images", defaultValue = "8", description = "Images, one per row (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--views", defaultValue = "8", description = "Augmented views per image (default: ${DEFAULT-VALUE}).")
    int views;

    @Option(names = "--split", defaultValue = "train", description = "Corpus split to take images from (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--output", required = true, paramLabel = "PNG", description = "The grid image to write.")
    Path output;

    static final class Names extends java.util.ArrayList<String> {
        Names() {
            super(Augmentations.names());
        }
    }

    @Override
    public Integer call() {
        if (images <= 0 || views <= 0) throw new IllegalArgumentException("--images and --views must be > 0");
        PipelineConfig pipeline = config.load();
        var augmenter = Augmentations.byName(augment);
        try (SparkSession spark = SparkSessions.start(pipeline)) {
            List<ImagePixels> originals = CorpusReader.images(spark, pipeline.data().corpus(), split).take(images)
                    .stream().map(LabeledImage::pixels).toList();
            AugmentationGrid.writePng(originals, augmenter, views, pipeline.train().seed(), output);
        }
        System.out.println("wrote " + output + ": " + images + " images x " + views + " '" + augment + "' views");
        return 0;
    }
}
