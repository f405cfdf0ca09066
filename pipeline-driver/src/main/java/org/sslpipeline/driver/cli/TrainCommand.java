package org.sslpipeline.driver.cli;

import org.apache.spark.sql.SparkSession;
import org.sslpipeline.driver.run.SparkSessions;
import org.sslpipeline.driver.config.PipelineConfig;
import org.sslpipeline.driver.run.RunFolder;
import org.sslpipeline.driver.run.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a model on an ingested corpus (train split; all labels or data.labels-per-class) in one "
                + "JVM or by parameter averaging on Spark, evaluate raw and EMA weights on the test split, and write "
                + "model.zip, metrics.json and checkpoints under <run.dir>/<run id>/train/."})
public final class TrainCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Option(names = "--run-id", paramLabel = "ID", description = "Run folder name (default: run.id, or time + algorithm).")
    String runId;

    @Option(names = "--resume", description = "Continue the run from its newest checkpoint (needs a run id).")
    boolean resume;

    @Override
    public Integer call() {
        PipelineConfig pipeline = config.load();
        String id = runId != null ? runId : pipeline.run().id();
        if (id.isEmpty()) {
            if (resume) throw new IllegalArgumentException("--resume needs the run to continue: give --run-id or run.id");
            id = RunFolder.newId(pipeline.train().algorithm());
        }
        RunFolder folder = RunFolder.of(pipeline.run().dir(), id);
        try (SparkSession spark = SparkSessions.start(pipeline)) {
            TrainingRun.Result result = new TrainingRun(spark, pipeline, folder).run(resume);
            System.out.printf("run %s: %d labeled examples, %d iterations, %.0f s of training%s%n", folder.root(),
                    result.labeledExamples(), result.iterations(), result.trainSeconds(), result.resumed() ? " (resumed)" : "");
            System.out.printf("test accuracy: %.4f (EMA weights), %.4f (raw weights)%n",
                    result.ema().accuracy(), result.raw().accuracy());
        }
        return 0;
    }
}
