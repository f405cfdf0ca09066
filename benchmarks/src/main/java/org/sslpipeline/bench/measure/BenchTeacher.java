package org.sslpipeline.bench.measure;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.sslpipeline.driver.config.ModelSettings;
import org.sslpipeline.jobs.corpus.ImageShape;
import org.sslpipeline.training.nn.ModelFiles;
import org.sslpipeline.training.nn.NetworkArchitecture;
import org.sslpipeline.training.nn.NetworkSpec;
import org.sslpipeline.training.optim.OptimizerSettings;

/**
 * The teacher a benchmark labels with: a model file, or a freshly initialised network of the configured
 * architecture, since the weights do not change the work of inference.
 */
public final class BenchTeacher {
    private BenchTeacher() {}

    public static ComputationGraph read(String model, Configuration conf) {
        return ModelFiles.read(new Path(model), false, conf);
    }

    public static ComputationGraph fresh(ModelSettings model, ImageShape shape, int numClasses, long seed) {
        NetworkSpec spec = new NetworkSpec(shape.height(), shape.width(), shape.channels(), numClasses, model.width(),
                model.dropout(), seed);
        return NetworkArchitecture.byName(model.network()).build(spec, OptimizerSettings.fixMatchDefaults().updater(1), 0);
    }

    /** How a report names the teacher. */
    public static String describe(String modelOrNull, ModelSettings model) {
        return modelOrNull != null ? modelOrNull : model.network() + " (fresh weights)";
    }
}
