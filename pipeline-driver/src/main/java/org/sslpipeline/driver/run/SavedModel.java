package org.sslpipeline.driver.run;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.sslpipeline.jobs.corpus.ImageShape;
import org.sslpipeline.training.io.HadoopFiles;
import org.sslpipeline.training.nn.ModelDescription;
import org.sslpipeline.training.nn.ModelFiles;
import org.sslpipeline.training.nn.NetworkOutputs;

import java.util.List;

/** A model file as {@code eval} and {@code predict} take it: its bytes and the description inside it. */
public record SavedModel(String path, byte[] bytes, ModelDescription description) {

    /**
     * @throws IllegalArgumentException if there is no model at {@code path}, or it carries no description (models
     *                                  saved before descriptions existed)
     */
    public static SavedModel read(String path, Configuration conf) {
        Path file = new Path(path);
        if (!HadoopFiles.exists(conf, file)) throw new IllegalArgumentException("no model at " + path);
        ModelDescription description = ModelFiles.description(file, conf).orElseThrow(() -> new IllegalArgumentException(
                "model " + path + " does not say what it is (no " + ModelFiles.DESCRIPTION_ENTRY + " inside: saved by "
                        + "an older build); train it again to label images with it"));
        return new SavedModel(path, HadoopFiles.readBytes(conf, file), description);
    }

    /** Whether the model has one-vs-all heads (OpenMatch), whose outlier score predict and pseudo-labels carry. */
    public boolean scoresOutliers() {
        return NetworkOutputs.has(ModelFiles.fromBytes(bytes, false), NetworkOutputs.OVA);
    }

    public ImageShape inputShape() {
        return new ImageShape(description.height(), description.width(), description.channels());
    }

    /** @throws IllegalArgumentException naming both shapes unless the images have the model's input shape */
    public void requireInputShape(ImageShape images, String what) {
        if (!inputShape().equals(images)) {
            throw new IllegalArgumentException("model " + path + " takes " + inputShape() + " images, but " + what
                    + " holds " + (images == null ? "images of several shapes" : images + " images"));
        }
    }

    /** @throws IllegalArgumentException unless the corpus names the model's classes in the model's order */
    public void requireClasses(List<String> classNames, String what) {
        if (!description.classNames().equals(classNames)) {
            throw new IllegalArgumentException("model " + path + " has classes " + description.classNames() + ", but "
                    + what + " has " + classNames);
        }
    }
}
