package org.sslpipeline.training.step;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sslpipeline.training.settings.SettingsBlock;
import org.sslpipeline.training.settings.SettingsCheck;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * FeatDistLoss (Fan, Kukleva and Schiele, GCPR 2021): FixMatch's consistency on the class predictions plus a
 * term on the features that pushes the weak and strong views' features apart (equivariance) where FixMatch's
 * confidence mask holds. The distance is the cosine similarity with target -1,
 * as a squared error, {@code w * sum_masked (cos(f_weak, f_strong) + 1)^2 / #unlabeled}; both views get gradient.
 */
public final class FeatDistLossStep implements TrainingStep {
    private static final long serialVersionUID = 1L;
    private static final double TARGET_COSINE = -1.0;
    private static final double EPSILON = 1e-8;

    public static final String NAME = "featdistloss";
    public static final Algorithm<Settings> ALGORITHM = new Algorithm<>(NAME, Settings::read,
            (settings, facts) -> new FeatDistLossStep(settings));

    /**
     * FixMatch's settings ({@link FixMatchStep.Settings}) and the feature term's.
     *
     * @param featureDistanceWeight the weight w of the feature term (reference setting: 1)
     */
    public record Settings(int mu, double threshold, double unlabeledWeight, double featureDistanceWeight)
            implements Serializable {
        public Settings {
            SettingsCheck.section(Algorithm.section(NAME))
                    .positive("mu", mu)
                    .probability("threshold", threshold)
                    .nonNegative("unlabeled-weight", unlabeledWeight)
                    .nonNegative("feature-distance-weight", featureDistanceWeight)
                    .done();
        }

        static Settings read(SettingsBlock block) {
            return new Settings(block.integer("mu"), block.number("threshold"), block.number("unlabeled-weight"),
                    block.number("feature-distance-weight"));
        }
    }

    private final FixMatchStep fixMatch;
    private final double featureWeight;

    public FeatDistLossStep(Settings settings) {
        this.fixMatch = new FixMatchStep(new FixMatchStep.Settings(settings.mu(), settings.threshold(),
                settings.unlabeledWeight()));
        this.featureWeight = settings.featureDistanceWeight();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SecondView secondView() {
        return SecondView.STRONG;
    }

    @Override
    public int unlabeledRatio() {
        return fixMatch.unlabeledRatio();
    }

    @Override
    public INDArray trainingInput(TrainingBatch batch) {
        return fixMatch.trainingInput(batch);
    }

    @Override
    public StepLoss loss(TrainingBatch batch, INDArray logits, INDArray features, StepContext context) {
        FixMatchStep.Parts fixMatchParts = fixMatch.parts(batch, logits);
        int n = batch.size();
        INDArray weak = Rows.of(features, 0, n);
        INDArray strong = Rows.of(features, n, 2L * n);

        INDArray weakNorm = weak.norm2(true, 1).addi(EPSILON);
        INDArray strongNorm = strong.norm2(true, 1).addi(EPSILON);
        INDArray cosine = weak.mul(strong).sum(true, 1).divi(weakNorm).divi(strongNorm);
        INDArray gap = cosine.sub(TARGET_COSINE);
        double scale = featureWeight / fixMatchParts.numUnlabeled();
        double distanceLoss = gap.mul(gap).muli(fixMatchParts.mask()).sumNumber().doubleValue() * scale;

        // d/dcos = 2 (cos - target) * mask * scale; dcos/da = b/(|a||b|) - cos a/|a|^2 (and symmetrically for b)
        INDArray dCosine = gap.mul(2.0 * scale).muli(fixMatchParts.mask());
        INDArray normProduct = weakNorm.mul(strongNorm);
        INDArray dWeak = strong.divColumnVector(normProduct)
                .subi(weak.mulColumnVector(cosine).divColumnVector(weakNorm.mul(weakNorm))).muliColumnVector(dCosine);
        INDArray dStrong = weak.divColumnVector(normProduct)
                .subi(strong.mulColumnVector(cosine).divColumnVector(strongNorm.mul(strongNorm))).muliColumnVector(dCosine);
        INDArray featuresError = Nd4j.zerosLike(features);
        Rows.of(featuresError, 0, n).assign(dWeak);
        Rows.of(featuresError, n, 2L * n).assign(dStrong);

        Map<String, Double> terms = new HashMap<>(fixMatchParts.terms());
        terms.put("feature_distance", distanceLoss);
        return new StepLoss(fixMatchParts.value() + distanceLoss, fixMatchParts.logitsError(), featuresError, terms);
    }
}
