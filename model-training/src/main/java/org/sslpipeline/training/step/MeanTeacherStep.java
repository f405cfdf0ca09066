package org.sslpipeline.training.step;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sslpipeline.training.settings.SettingsBlock;
import org.sslpipeline.training.settings.SettingsCheck;

import java.io.Serializable;

/**
 * Mean Teacher (Tarvainen and Valpola 2017): cross-entropy on the labeled rows (their own pass,
 * {@link SeparateLabeledPassStep}) plus w(t) times the squared difference between the student's softmax on one weak view of
 * an unlabeled row and the teacher's softmax on another, averaged over classes and rows. The teacher is
 * the EMA of the student's weights ({@link EmaTeacher}); no gradient reaches it. w(t) follows the same exp(-5 (1 - T)^2) ramp-up as the
 * Pi-model.
 */
public final class MeanTeacherStep implements SeparateLabeledPassStep {
    private static final long serialVersionUID = 1L;

    public static final String NAME = "mean-teacher";
    public static final Algorithm<Settings> ALGORITHM = new Algorithm<>(NAME, Settings::read,
            (settings, facts) -> new MeanTeacherStep(settings));

    /**
     * The teacher's EMA decay is {@code ssl.train.ema-decay}, shared with the EMA every run evaluates.
     *
     * @param mu         unlabeled rows per labeled row in a minibatch
     * @param maxWeight  the consistency weight's maximum (USB: 50)
     * @param rampLength fraction of the run over which it ramps up as exp(-5(1-T)^2)
     */
    public record Settings(int mu, double maxWeight, double rampLength) implements Serializable {
        public Settings {
            SettingsCheck.section(Algorithm.section(NAME))
                    .positive("mu", mu)
                    .nonNegative("max-weight", maxWeight)
                    .partOfRun("ramp-length", rampLength)
                    .done();
        }

        static Settings read(SettingsBlock block) {
            return new Settings(block.integer("mu"), block.number("max-weight"), block.number("ramp-length"));
        }
    }

    private final int mu;
    private final ConsistencyRamp ramp;

    public MeanTeacherStep(Settings settings) {
        this.mu = settings.mu();
        this.ramp = new ConsistencyRamp(settings.maxWeight(), settings.rampLength());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int unlabeledRatio() {
        return mu;
    }

    @Override
    public SecondView secondView() {
        return SecondView.WEAK;
    }

    @Override
    public AlgorithmState newState(int classes) {
        return new EmaTeacher();
    }

    @Override
    public RoundTargets roundTargets(byte[] snapshot, ComputationGraphConfiguration network) {
        return EmaTeacher.fromSnapshot(snapshot, network);
    }

    @Override
    public INDArray trainingInput(TrainingBatch batch) {
        return batch.weakView();
    }

    @Override
    public StepLoss loss(TrainingBatch batch, INDArray logits, INDArray features, StepContext context) {
        if (context.targets() == null) throw new IllegalStateException("Mean Teacher needs its teacher's targets");
        double weight = ramp.weightAt(context.progress());
        var consistency = SoftmaxSquaredDifference.towards(logits, context.targets().probabilities(), null, weight);
        return new StepLoss(consistency.value(), consistency.gradientA(), null, consistency.terms(weight));
    }
}
