package org.sslpipeline.training.step;

/**
 * A step run as USB runs the Pi-model, Pseudo-Label, Mean Teacher and Temporal Ensembling: the trainer gives the
 * labeled rows a cross-entropy pass of its own (and reports it as the "supervised" term), so {@link #loss} is
 * handed only the unlabeled rows, in a second pass, and returns the unlabeled part of the objective alone.
 */
public interface SeparateLabeledPassStep extends TrainingStep {

    @Override
    default boolean labeledRowsInOwnPass() {
        return true;
    }
}
