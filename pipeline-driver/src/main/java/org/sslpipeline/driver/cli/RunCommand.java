package org.sslpipeline.driver.cli;

import org.apache.spark.sql.SparkSession;
import org.sslpipeline.driver.run.SparkSessions;
import org.sslpipeline.driver.config.PipelineConfig;
import org.sslpipeline.driver.run.NoisyStudentRun;
import org.sslpipeline.driver.run.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Noisy Student: train the teacher (train.algorithm), then noisy-student.rounds rounds of "
                + "pseudo-labeling the unlabeled pool on Spark, selecting and balancing the labels, and training a "
                + "noised student that becomes the next teacher. Every finished stage is recorded in "
                + "<run.dir>/<run id>/state.json: run the same command again after a crash or kill and it continues "
                + "where it stopped. Without a run id, the id is derived from the settings, so the same command "
                + "always finds its run."})
public final class RunCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Option(names = "--run-id", paramLabel = "ID",
            description = "Run folder name (default: run.id, or 'noisy-student-' and a hash of the settings).")
    String runId;

    @Override
    public Integer call() {
        PipelineConfig pipeline = config.load();
        String id = runId != null ? runId : pipeline.run().id();
        if (id.isEmpty()) id = "noisy-student-" + pipeline.fingerprint();
        RunFolder folder = RunFolder.of(pipeline.run().dir(), id);
        try (SparkSession spark = SparkSessions.start(pipeline)) {
            NoisyStudentRun.Result result = new NoisyStudentRun(spark, pipeline, folder.root()).run();
            System.out.printf("run %s%s%n", result.root(),
                    result.stagesSkipped() > 0 ? " (continued; " + result.stagesSkipped() + " stages were done)" : "");
            System.out.printf("teacher (%s): test accuracy %.4f%n", pipeline.train().algorithm(), result.teacherAccuracy());
            for (NoisyStudentRun.Round round : result.rounds()) {
                System.out.printf("round %d: %d pseudo-labels, %d selected; student test accuracy %.4f (teacher %.4f)%n",
                        round.round(), round.pseudoLabels(), round.selected(), round.studentAccuracy(),
                        round.teacherAccuracy());
            }
        }
        return 0;
    }
}
