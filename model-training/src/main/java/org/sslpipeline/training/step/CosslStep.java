package org.sslpipeline.training.step;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sslpipeline.training.data.ExampleKeys;
import org.sslpipeline.training.nn.NetworkHead;
import org.sslpipeline.training.nn.NetworkOutputs;
import org.sslpipeline.training.settings.SettingsBlock;
import org.sslpipeline.training.settings.SettingsCheck;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * CoSSL (Fan, Dai, Kukleva and Schiele, CVPR 2022) for long-tailed data: representation learning and classifier
 * learning decoupled, and co-learned.
 * <ul>
 *   <li>The encoder learns by FixMatch through a classifier of its own ({@link NetworkHead#ENCODER_LOGITS}):
 *   cross-entropy on the labeled rows' weak views, and on the unlabeled rows' strong views against pseudo-labels
 *   of their weak views (confidence at least tau), averaged over the unlabeled rows.</li>
 *   <li>The network's classifier ({@code logits}, what predictions and pseudo-label jobs use) sits behind a
 *   stop-gradient and learns class-balanced on the labeled rows' strong views, each row weighted by 1 / N_y (the
 *   reference code samples the labeled rows class-balanced instead), with tail-class feature enhancement
 *   ({@link TailFeatureEnhancement}).</li>
 *   <li>Co-learning: from {@code co-learning-start} on, the encoder's pseudo-labels come from the rebalanced
 *   classifier; before, from the encoder's own classifier (the reference code pre-trains with plain FixMatch for
 *   401 epochs, then co-learns for 100).</li>
 * </ul>
 * The reference trains the rebalanced classifier on the EMA encoder's features with Adam, and warms it up on
 * offline-mixed features; here it learns on the trained encoder's features, with the run's optimizer.
 */
public final class CosslStep implements TrainingStep {
    private static final long serialVersionUID = 1L;

    public static final String NAME = "cossl";
    public static final Algorithm<Settings> ALGORITHM = new Algorithm<>(NAME, Settings::read,
            (settings, facts) -> new CosslStep(settings, facts.labeledPerClass()));

    /**
     * @param mu               unlabeled rows per labeled row in a minibatch (reference: 2, 128 of 64)
     * @param threshold        confidence tau a pseudo-label needs (reference: 0.95)
     * @param unlabeledWeight  lambda_u of the encoder's unlabeled loss (reference: 1)
     * @param maxLambda        the low end of TFE's mixing weight, drawn from U(max-lambda, 1) (reference scripts: 0.6)
     * @param coLearningStart  fraction of the run after which pseudo-labels come from the rebalanced classifier
     *                         (reference: 401 of 501 epochs)
     */
    public record Settings(int mu, double threshold, double unlabeledWeight, double maxLambda, double coLearningStart)
            implements Serializable {
        public Settings {
            SettingsCheck.section(Algorithm.section(NAME))
                    .positive("mu", mu)
                    .probability("threshold", threshold)
                    .nonNegative("unlabeled-weight", unlabeledWeight)
                    .fraction("max-lambda", maxLambda)
                    .fraction("co-learning-start", coLearningStart)
                    .done();
        }

        static Settings read(SettingsBlock block) {
            return new Settings(block.integer("mu"), block.number("threshold"), block.number("unlabeled-weight"),
                    block.number("max-lambda"), block.number("co-learning-start"));
        }
    }

    private final Settings settings;
    private final long[] labeledPerClass;

    /** @param labeledPerClass the run's labeled rows per class; empty when unknown (no row is then mixed) */
    public CosslStep(Settings settings, long[] labeledPerClass) {
        this.settings = settings;
        this.labeledPerClass = labeledPerClass.clone();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int unlabeledRatio() {
        return settings.mu();
    }

    @Override
    public SecondView secondView() {
        return SecondView.STRONG;
    }

    @Override
    public List<NetworkHead> heads() {
        return List.of(NetworkHead.ENCODER_LOGITS);
    }

    @Override
    public INDArray trainingInput(TrainingBatch batch) {
        return Nd4j.concat(0, batch.weakView(), batch.secondView());
    }

    @Override
    public StepLoss loss(TrainingBatch batch, INDArray logits, INDArray features, Map<String, INDArray> heads,
                         StepContext context) {
        int n = batch.size();
        INDArray encoderLogits = heads.get(NetworkOutputs.ENCODER_LOGITS);
        if (encoderLogits == null) throw new IllegalStateException(NAME + " needs the outputs of its encoder classifier");
        INDArray unlabeled = batch.unlabeledMask();
        double numUnlabeled = Math.max(1.0, unlabeled.sumNumber().doubleValue());

        // the encoder: FixMatch, its pseudo-labels from the rebalanced classifier once co-learning starts
        boolean coLearning = context.progress() >= settings.coLearningStart();
        var supervised = SoftmaxCrossEntropy.onLabeledRows(Rows.of(encoderLogits, 0, n), batch);
        HardTargets pseudo = HardTargets.of(Rows.of(coLearning ? logits : encoderLogits, 0, n));
        INDArray mask = pseudo.confident(settings.threshold()).muli(unlabeled);
        var consistency = SoftmaxCrossEntropy.of(Rows.of(encoderLogits, n, 2L * n), pseudo.oneHot(), mask, numUnlabeled);

        // the rebalanced classifier: class-balanced, tail-class features enhanced, on the strong views
        INDArray strongLogits = Rows.of(logits, n, 2L * n);
        TailFeatureEnhancement.Mix mix = TailFeatureEnhancement.draw(batch, labeledPerClass, settings.maxLambda(),
                new SplittableRandom(ExampleKeys.mix(context.iteration() * 0x9E3779B97F4A7C15L + batch.exampleKey(0))));
        var classifier = TailFeatureEnhancement.loss(strongLogits, batch.labels(), balancedWeights(batch), mix);

        INDArray encoderError = Nd4j.zerosLike(encoderLogits);
        Rows.of(encoderError, 0, n).assign(supervised.gradient());
        Rows.of(encoderError, n, 2L * n).assign(consistency.gradient().muli(settings.unlabeledWeight()));
        INDArray logitsError = Nd4j.zerosLike(logits);
        Rows.of(logitsError, n, 2L * n).assign(classifier.gradient());

        long mixed = java.util.Arrays.stream(mix.partner()).filter(partner -> partner >= 0).count();
        double labeledRows = Math.max(1.0, batch.labeledMask().sumNumber().doubleValue());
        Map<String, Double> terms = Map.of(
                "supervised", supervised.value(),
                "unsupervised", consistency.value(),
                "mask_rate", mask.sumNumber().doubleValue() / numUnlabeled,
                "classifier", classifier.value(),
                "mixed_rate", mixed / labeledRows,
                "co_learning", coLearning ? 1.0 : 0.0);
        double value = supervised.value() + settings.unlabeledWeight() * consistency.value() + classifier.value();
        return new StepLoss(value, logitsError, null, terms, null, Map.of(NetworkOutputs.ENCODER_LOGITS, encoderError));
    }

    /** [n, 1]: 1 / N_y for labeled rows (normalised by the loss), 0 for the others; 1 for all when N is unknown. */
    private INDArray balancedWeights(TrainingBatch batch) {
        INDArray weights = batch.labeledMask().dup();
        INDArray labels = batch.labels();
        for (int row = 0; row < batch.size(); row++) {
            if (weights.getDouble(row, 0) == 0) continue;
            int y = labels.getRow(row).argMax().getInt(0);
            long count = y < labeledPerClass.length ? labeledPerClass[y] : 0;
            weights.putScalar(row, 0, count > 0 ? 1.0 / count : 1.0);
        }
        return weights;
    }
}
