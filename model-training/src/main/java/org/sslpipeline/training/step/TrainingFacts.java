package org.sslpipeline.training.step;

/**
 * What a run knows of its training data only once it has counted them, for the algorithms whose steps depend on it.
 *
 * @param labeledFraction labeled rows / all training rows (the Pi-model and Temporal Ensembling may scale by it)
 * @param labeledPerClass labeled rows of each class (CoSSL's tail-class feature enhancement mixes by them)
 */
public record TrainingFacts(double labeledFraction, long[] labeledPerClass) {
    public TrainingFacts {
        labeledPerClass = labeledPerClass.clone();
    }

    /** Facts for a step that is built only to ask what it needs (its mu, its views). */
    public static TrainingFacts unknown() {
        return new TrainingFacts(1.0, new long[0]);
    }
}
