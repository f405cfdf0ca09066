package org.sslpipeline.training.step;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sslpipeline.training.nn.NetworkHead;
import org.sslpipeline.training.nn.NetworkOutputs;
import org.sslpipeline.training.settings.SettingsBlock;
import org.sslpipeline.training.settings.SettingsCheck;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * OpenMatch (Saito, Kim and Saenko, NeurIPS 2021) for unlabeled data holding classes the labels never name: one-vs-all
 * heads ({@link NetworkHead#OVA}) beside the closed-set classifier, trained on every row's two weak views (a, b):
 * <ul>
 *   <li>labeled rows, both views: cross-entropy of the classifier and the OVA loss with the hardest negative;</li>
 *   <li>unlabeled rows: the OVA heads' entropy (weight 0.1) and the soft open-set consistency between the views
 *   (weight 0.5), which let them learn what the labeled classes do not cover;</li>
 *   <li>after the first part of the run: FixMatch on the unlabeled rows the OVA heads call inliers (outlier
 *   probability of the predicted class below 0.5), pseudo-labels from the classifier on view a, learned on the
 *   strong view.</li>
 * </ul>
 * The reference code picks the inliers once per epoch with the EMA model over the whole pool; here they are picked
 * in each minibatch by the trained network, with no gradient. Its FixMatch threshold is 0 (every inlier counts).
 */
public final class OpenMatchStep implements TrainingStep {
    private static final long serialVersionUID = 1L;

    public static final String NAME = "openmatch";
    public static final Algorithm<Settings> ALGORITHM = new Algorithm<>(NAME, Settings::read,
            (settings, facts) -> new OpenMatchStep(settings));
    /** An unlabeled row is an inlier when the outlier probability of its predicted class is below this. */
    public static final double INLIER_BELOW = 0.5;

    /**
     * @param mu                unlabeled rows per labeled row in a minibatch (reference: 2)
     * @param entropyWeight     weight of the OVA entropy on unlabeled rows (reference: 0.1)
     * @param consistencyWeight weight of the soft open-set consistency (reference: 0.5 on CIFAR-10)
     * @param fixMatchStart     fraction of the run after which FixMatch joins (reference: epoch 10 of 512)
     * @param threshold         confidence a pseudo-label needs besides being an inlier (reference: 0)
     */
    public record Settings(int mu, double entropyWeight, double consistencyWeight, double fixMatchStart,
                           double threshold) implements Serializable {
        public Settings {
            SettingsCheck.section(Algorithm.section(NAME))
                    .positive("mu", mu)
                    .nonNegative("entropy-weight", entropyWeight)
                    .nonNegative("consistency-weight", consistencyWeight)
                    .fraction("fixmatch-start", fixMatchStart)
                    .probability("threshold", threshold)
                    .done();
        }

        static Settings read(SettingsBlock block) {
            return new Settings(block.integer("mu"), block.number("entropy-weight"),
                    block.number("consistency-weight"), block.number("fixmatch-start"), block.number("threshold"));
        }
    }

    private final Settings settings;

    public OpenMatchStep(Settings settings) {
        this.settings = settings;
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
        return SecondView.WEAK_AND_STRONG;
    }

    @Override
    public List<NetworkHead> heads() {
        return List.of(NetworkHead.OVA);
    }

    @Override
    public INDArray trainingInput(TrainingBatch batch) {
        return Nd4j.concat(0, batch.weakView(), batch.secondView(), batch.thirdView());
    }

    @Override
    public StepLoss loss(TrainingBatch batch, INDArray logits, INDArray features, Map<String, INDArray> heads,
                         StepContext context) {
        int n = batch.size();
        INDArray ova = heads.get(NetworkOutputs.OVA);
        if (ova == null) throw new IllegalStateException(NAME + " needs the outputs of its one-vs-all heads");
        INDArray bothViews = Nd4j.concat(0, batch.labeledMask(), batch.labeledMask());
        INDArray labels = Nd4j.concat(0, batch.labels(), batch.labels());
        INDArray unlabeled = batch.unlabeledMask();
        INDArray ovaViews = Rows.of(ova, 0, 2L * n);

        var supervised = SoftmaxCrossEntropy.of(Rows.of(logits, 0, 2L * n), labels, bothViews,
                Math.max(1.0, bothViews.sumNumber().doubleValue()));
        OneVsAll.Loss ovaLoss = OneVsAll.labeled(ovaViews, labels, bothViews);
        OneVsAll.Loss entropy = OneVsAll.entropy(ovaViews, Nd4j.concat(0, unlabeled, unlabeled));
        OneVsAll.Consistency consistency = OneVsAll.consistency(Rows.of(ova, 0, n), Rows.of(ova, n, 2L * n), unlabeled);

        // FixMatch on the inliers: pseudo-labels and the inlier test are constants of the loss
        INDArray weakLogits = Rows.of(logits, 0, n);
        HardTargets pseudo = HardTargets.of(weakLogits);
        INDArray inliers = OneVsAll.outlierScores(pseudo, Rows.of(ova, 0, n)).lt(INLIER_BELOW)
                .castTo(pseudo.oneHot().dataType()).muli(unlabeled);
        INDArray mask = pseudo.confident(settings.threshold()).muli(inliers);
        double fixMatchWeight = context.progress() >= settings.fixMatchStart() ? 1.0 : 0.0;
        var fixMatch = SoftmaxCrossEntropy.of(Rows.of(logits, 2L * n, 3L * n), pseudo.oneHot(), mask,
                Math.max(1.0, inliers.sumNumber().doubleValue()));

        INDArray logitsError = Nd4j.zerosLike(logits);
        Rows.of(logitsError, 0, 2L * n).assign(supervised.gradient());
        Rows.of(logitsError, 2L * n, 3L * n).assign(fixMatch.gradient().muli(fixMatchWeight));
        INDArray ovaError = Nd4j.zerosLike(ova);
        Rows.of(ovaError, 0, 2L * n).assign(ovaLoss.gradient().add(entropy.gradient().mul(settings.entropyWeight())));
        Rows.of(ovaError, 0, n).addi(consistency.gradientA().mul(settings.consistencyWeight()));
        Rows.of(ovaError, n, 2L * n).addi(consistency.gradientB().mul(settings.consistencyWeight()));

        double value = supervised.value() + ovaLoss.value() + settings.entropyWeight() * entropy.value()
                + settings.consistencyWeight() * consistency.value() + fixMatchWeight * fixMatch.value();
        double unlabeledRows = Math.max(1.0, unlabeled.sumNumber().doubleValue());
        Map<String, Double> terms = Map.of(
                "supervised", supervised.value(),
                "ova", ovaLoss.value(),
                "ova_entropy", entropy.value(),
                "open_consistency", consistency.value(),
                "fixmatch", fixMatch.value(),
                "inlier_rate", inliers.sumNumber().doubleValue() / unlabeledRows,
                "mask_rate", fixMatchWeight * mask.sumNumber().doubleValue() / unlabeledRows);
        return new StepLoss(value, logitsError, null, terms, null, Map.of(NetworkOutputs.OVA, ovaError));
    }

}
