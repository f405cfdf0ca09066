package org.sslpipeline.driver.config;

import org.sslpipeline.training.settings.SettingsCheck;
import org.sslpipeline.training.train.TrainSettings;

/**
 * The rounds of {@code ssl-pipeline run} ({@code ssl.noisy-student}): after the teacher is trained with
 * {@code train.algorithm}, each round pseudo-labels the unlabeled pool, selects and balances the labels, and
 * trains a noised student that becomes the next round's teacher (Xie et al. 2020).
 *
 * @param rounds                rounds of pseudo-label, select, student
 * @param pseudoLabelBatchSize  images per forward pass of the teacher in the pseudo-label job
 * @param threshold             confidence a pseudo-label needs to be selected (Noisy Student: 0.3)
 * @param maxOutlierScore       rows whose teacher gives an outlier score above this are dropped before the
 *                              threshold (teachers with one-vs-all heads: OpenMatch); 1 keeps them
 * @param perClass              pseudo-labeled examples per class after balancing; 0 = the pool size / classes
 * @param distributionAlignment align the teacher's probabilities to uniform classes before selecting (ReMixMatch's
 *                              distribution alignment; not part of Noisy Student)
 * @param softLabels            the student learns the teacher's probabilities (true) or its hard labels
 * @param pseudoRatio           pseudo-labeled rows per labeled row in a student minibatch
 * @param studentWidth          the student's width multiplier; at least the teacher's {@code model.width}
 * @param studentDropout        dropout before the student's classifier
 * @param studentStochasticDepth drop probability of the student's last residual block (Noisy Student: 0.2, i.e.
 *                              survival 0.8), for networks with residual blocks
 * @param studentAugment        augmentation of the student's images
 * @param studentEpochs         epochs of the student's training (of train.steps-per-epoch steps each when that is
 *                              set); 0 = train.epochs, as long as the teacher
 */
public record NoisyStudentSettings(int rounds, int pseudoLabelBatchSize, double threshold, double maxOutlierScore,
                                   int perClass,
                                   boolean distributionAlignment, boolean softLabels, int pseudoRatio,
                                   int studentWidth, double studentDropout, double studentStochasticDepth,
                                   String studentAugment, int studentEpochs) {
    public NoisyStudentSettings {
        SettingsCheck.section("ssl.noisy-student")
                .positive("rounds", rounds)
                .positive("pseudo-label-batch-size", pseudoLabelBatchSize)
                .probability("threshold", threshold)
                .require(maxOutlierScore > 0 && maxOutlierScore <= 1, "max-outlier-score", "must be in (0, 1]",
                        maxOutlierScore)
                .atLeast("per-class", perClass, 0)
                .positive("pseudo-ratio", pseudoRatio)
                .positive("student-width", studentWidth)
                .fraction("student-dropout", studentDropout)
                .fraction("student-stochastic-depth", studentStochasticDepth)
                .oneOf("student-augment", studentAugment, TrainSettings.AUGMENTATIONS)
                .atLeast("student-epochs", studentEpochs, 0)
                .done();
    }
}
