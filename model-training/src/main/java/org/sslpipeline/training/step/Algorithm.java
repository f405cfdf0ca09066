package org.sslpipeline.training.step;

import org.sslpipeline.training.settings.SettingsBlock;

import java.io.Serializable;
import java.util.function.Function;

/**
 * An algorithm the pipeline trains: its configuration name, how its settings record (declared beside its step) is
 * read from its block {@code ssl.algorithms.<name>}, and how its step is built from those settings.
 *
 * @param <S> the settings record; it validates itself, naming the keys of its block
 */
public record Algorithm<S extends Serializable>(String name, Function<SettingsBlock, S> settingsReader,
                                                StepFactory<S> stepFactory) {

    /** Builds a step from its settings and what the run knows only once its data are counted. */
    @FunctionalInterface
    public interface StepFactory<S> {
        TrainingStep build(S settings, TrainingFacts facts);
    }

    /** The configuration block of the algorithm called {@code name}, e.g. {@code ssl.algorithms.fixmatch}. */
    public static String section(String name) {
        return Algorithms.SECTION + "." + name;
    }

    /** This algorithm with its settings read from {@code block}. */
    public Configured<S> configure(SettingsBlock block) {
        return new Configured<>(this, settingsReader.apply(block));
    }

    /** An algorithm with its settings: what a run trains. */
    public record Configured<S extends Serializable>(Algorithm<S> algorithm, S settings) {
        public String name() {
            return algorithm.name();
        }

        public TrainingStep step(TrainingFacts facts) {
            return algorithm.stepFactory().build(settings, facts);
        }

        /** Unlabeled rows per labeled row in its minibatches (its mu; 0 if it trains on labeled rows only). */
        public int unlabeledRatio() {
            return step(TrainingFacts.unknown()).unlabeledRatio();
        }
    }
}
