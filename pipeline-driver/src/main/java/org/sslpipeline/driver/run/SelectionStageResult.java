package org.sslpipeline.driver.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.sslpipeline.jobs.pseudo.SelectionSummary;

import java.util.List;

/**
 * A finished selection stage (its per-class detail is in the round's {@code _selection.json}).
 *
 * @param perClass           the cap per class it selected with
 * @param outliers           pseudo-labels dropped first as likely outliers (teachers with one-vs-all heads)
 * @param aboveThreshold     of the others, pseudo-labels at or above the confidence threshold
 * @param selectedUnique     distinct examples selected
 * @param selected           rows selected, with the duplicates that fill small classes
 * @param poolMeanPrediction with distribution alignment, the teacher's mean probability per class; otherwise empty
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SelectionStageResult(@JsonProperty("per_class") int perClass,
                                   @JsonInclude(JsonInclude.Include.NON_DEFAULT) long outliers,
                                   @JsonProperty("above_threshold") long aboveThreshold,
                                   @JsonProperty("selected_unique") long selectedUnique, long selected,
                                   @JsonProperty("pool_mean_prediction") @JsonInclude(JsonInclude.Include.NON_EMPTY)
                                   List<Double> poolMeanPrediction) implements StageResult {

    public SelectionStageResult {
        poolMeanPrediction = poolMeanPrediction == null ? List.of() : List.copyOf(poolMeanPrediction);
    }

    static SelectionStageResult of(int perClass, SelectionSummary summary) {
        return new SelectionStageResult(perClass, summary.total().outliers(), summary.total().aboveThreshold(),
                summary.total().selectedUnique(), summary.total().selected(), summary.poolMeanPrediction());
    }
}
