package org.sslpipeline.driver.run;

/**
 * The kinds of stage of a Noisy Student run, each with the name it has in {@code state.json}, the folder of a
 * round that holds its output, and the record it reports.
 */
public enum Stage {
    TEACHER("teacher", "teacher", TrainingStageResult.class),
    PSEUDO("pseudo", "pseudo", PseudoLabelStageResult.class),
    SELECT("select", "selected", SelectionStageResult.class),
    STUDENT("student", "student", TrainingStageResult.class);

    private final String label;
    private final String folder;
    private final Class<? extends StageResult> resultType;

    Stage(String label, String folder, Class<? extends StageResult> resultType) {
        this.label = label;
        this.folder = folder;
        this.resultType = resultType;
    }

    String label() {
        return label;
    }

    String folder() {
        return folder;
    }

    Class<? extends StageResult> resultType() {
        return resultType;
    }
}
