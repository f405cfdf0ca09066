package org.sslpipeline.driver.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.sslpipeline.jobs.pseudo.HiddenLabelCheck;
import org.sslpipeline.jobs.pseudo.PseudoLabelJob;

import java.util.List;

/**
 * A finished pseudo-labeling stage, with how its labels compare with the labels the protocol hid in the pool
 * ({@link HiddenLabelCheck}). When the pool has no hidden labels, {@code hiddenLabels} is 0 and the other
 * hidden-label fields are null (absent from {@code state.json}).
 *
 * @param pseudoLabels    images labeled
 * @param modelChecksum   checksum of the teacher's model file
 * @param seconds         seconds of the labeling job
 * @param imagesPerSecond images labeled per second of the job
 * @param executors       the executors that ran its tasks
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PseudoLabelStageResult(@JsonProperty("pseudo_labels") long pseudoLabels,
                                     @JsonProperty("model_checksum") String modelChecksum, double seconds,
                                     @JsonProperty("images_per_second") double imagesPerSecond,
                                     List<String> executors,
                                     @JsonProperty("hidden_labels") long hiddenLabels,
                                     @JsonProperty("hidden_label_accuracy") Double hiddenLabelAccuracy,
                                     @JsonProperty("hidden_per_class") List<Long> hiddenPerClass,
                                     @JsonProperty("correct_per_class") List<Long> correctPerClass,
                                     @JsonProperty("hidden_per_bin") List<Long> hiddenPerBin,
                                     @JsonProperty("correct_per_bin") List<Long> correctPerBin) implements StageResult {

    static PseudoLabelStageResult of(PseudoLabelJob.Summary job, List<String> executors, HiddenLabelCheck check) {
        double imagesPerSecond = job.examples() / job.seconds();
        if (check.hidden() == 0) {
            return new PseudoLabelStageResult(job.examples(), job.modelChecksum(), job.seconds(), imagesPerSecond,
                    executors, 0, null, null, null, null, null);
        }
        return new PseudoLabelStageResult(job.examples(), job.modelChecksum(), job.seconds(), imagesPerSecond,
                executors, check.hidden(), check.accuracy(), check.hiddenPerClass(), check.correctPerClass(),
                check.hiddenPerBin(), check.correctPerBin());
    }
}
