package org.sslpipeline.driver.run;

/**
 * What a finished stage of a Noisy Student run reports, as {@link StageLog} keeps it in {@code state.json}: the
 * JSON field names are the file's, so run folders written before these records still resume.
 */
public sealed interface StageResult permits TrainingStageResult, PseudoLabelStageResult, SelectionStageResult {}
