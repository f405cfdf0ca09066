package org.sslpipeline.driver.run;

import org.apache.hadoop.fs.Path;

import java.util.List;

/**
 * One stage of a Noisy Student run: the first teacher, or a round's pseudo-labeling, selection or student. Its
 * {@link #toString() name} keys {@code state.json} ("round-1/teacher", "round-2/select"); its output lives in
 * {@code <run>/round-R/<folder>}.
 */
public record StageId(int round, Stage kind) {
    public StageId {
        if (round < 1) throw new IllegalArgumentException("rounds count from 1, got " + round);
        if (kind == Stage.TEACHER && round != 1) {
            throw new IllegalArgumentException("only round 1 trains a teacher; later rounds' teachers are students");
        }
    }

    public static StageId teacher() {
        return new StageId(1, Stage.TEACHER);
    }

    public static StageId pseudo(int round) {
        return new StageId(round, Stage.PSEUDO);
    }

    public static StageId select(int round) {
        return new StageId(round, Stage.SELECT);
    }

    public static StageId student(int round) {
        return new StageId(round, Stage.STUDENT);
    }

    /** A round's stages after its teacher, in the order they run. */
    public static List<StageId> ofRound(int round) {
        return List.of(pseudo(round), select(round), student(round));
    }

    /** The folder of this stage's output under the run folder {@code runRoot}. */
    public Path folder(Path runRoot) {
        return new Path(new Path(runRoot, roundFolder()), kind.folder());
    }

    /** The run folder of a training stage (the teacher or a student). */
    public RunFolder trainingFolder(Path runRoot) {
        if (kind.resultType() != TrainingStageResult.class) throw new IllegalStateException(this + " trains no model");
        return new RunFolder(folder(runRoot));
    }

    @Override
    public String toString() {
        return roundFolder() + "/" + kind.label();
    }

    private String roundFolder() {
        return "round-" + round;
    }
}
