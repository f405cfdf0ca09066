package org.sslpipeline.driver.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A finished training stage (the teacher or a student).
 *
 * @param testAccuracy test accuracy of the EMA weights
 * @param iterations   optimizer steps of the whole run
 * @param trainSeconds seconds of the attempt that finished it
 * @param resumed      whether that attempt continued from a checkpoint
 * @param executors    the executors that ran its tasks
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TrainingStageResult(@JsonProperty("test_accuracy") double testAccuracy, long iterations,
                                  @JsonProperty("train_seconds") double trainSeconds, boolean resumed,
                                  List<String> executors) implements StageResult {

    static TrainingStageResult of(TrainingRun.Result run) {
        return new TrainingStageResult(run.ema().accuracy(), run.iterations(), run.trainSeconds(), run.resumed(),
                run.executors());
    }
}
