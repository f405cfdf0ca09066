package org.sslpipeline.training.train;

import org.sslpipeline.training.augment.Augmentations;
import org.sslpipeline.training.optim.OptimizerSettings;
import org.sslpipeline.training.settings.SettingsCheck;
import org.sslpipeline.training.step.Algorithms;

import java.util.List;

/**
 * How a model is trained, whatever the algorithm and wherever it runs ({@code ssl.train}, without its {@code spark}
 * subsection: see {@link org.sslpipeline.training.spark.SparkTrainSettings}).
 *
 * @param algorithm             training algorithm: one of {@link #ALGORITHMS}
 * @param trainer               "spark" (parameter averaging on executors) or "local" (a single JVM)
 * @param epochs                epochs of the run; each ends with an evaluation and possibly a checkpoint
 * @param stepsPerEpoch         optimizer steps per epoch; 0 = one pass over the training stream (the labeled rows,
 *                              or the unlabeled pool for semi-supervised algorithms)
 * @param batchSize             examples per minibatch; per worker on Spark
 * @param learningRate          initial SGD learning rate
 * @param momentum              Nesterov momentum, in [0, 1)
 * @param nesterov              whether momentum is Nesterov momentum; DL4J has no other kind
 * @param weightDecay           L2 weight decay
 * @param lrSchedule            "cosine" (lr·cos(7πk/16K), as FixMatch) or "constant"
 * @param emaDecay              decay of the exponential moving average of the weights used for evaluation
 * @param augment               augmentation of labeled images: "none" or "weak"
 * @param seed                  seed of initialisation, shuffling and augmentation
 * @param checkpointEveryEpochs epochs between checkpoints
 * @param evalEveryEpochs       epochs between evaluations
 */
public record TrainSettings(String algorithm, String trainer, int epochs, int stepsPerEpoch, int batchSize, double learningRate,
                            double momentum, boolean nesterov, double weightDecay, String lrSchedule,
                            double emaDecay, String augment, long seed, int checkpointEveryEpochs,
                            int evalEveryEpochs) {
    public static final List<String> ALGORITHMS = Algorithms.names();
    public static final List<String> TRAINERS = List.of("spark", "local");
    public static final List<String> LR_SCHEDULES = OptimizerSettings.SCHEDULES;
    public static final List<String> AUGMENTATIONS = Augmentations.names();

    public TrainSettings {
        SettingsCheck.section("ssl.train")
                .oneOf("algorithm", algorithm, ALGORITHMS)
                .oneOf("trainer", trainer, TRAINERS)
                .positive("epochs", epochs)
                .nonNegative("steps-per-epoch", stepsPerEpoch)
                .positive("batch-size", batchSize)
                .positive("learning-rate", learningRate)
                .fraction("momentum", momentum)
                .require(nesterov || momentum == 0, "momentum",
                        "must be 0 when nesterov = false (DL4J offers momentum only as Nesterov momentum)", momentum)
                .nonNegative("weight-decay", weightDecay)
                .oneOf("lr-schedule", lrSchedule, LR_SCHEDULES)
                .fraction("ema-decay", emaDecay)
                .oneOf("augment", augment, AUGMENTATIONS)
                .positive("checkpoint-every-epochs", checkpointEveryEpochs)
                .positive("eval-every-epochs", evalEveryEpochs)
                .done();
    }

    /** The optimizer these settings describe. */
    public OptimizerSettings optimizer() {
        return new OptimizerSettings(learningRate, momentum, nesterov, weightDecay, lrSchedule);
    }

    public TrainSettings withAlgorithm(String algorithm) {
        return copy(algorithm, epochs, augment, seed);
    }

    public TrainSettings withEpochs(int epochs) {
        return copy(algorithm, epochs, augment, seed);
    }

    public TrainSettings withAugment(String augment) {
        return copy(algorithm, epochs, augment, seed);
    }

    public TrainSettings withSeed(long seed) {
        return copy(algorithm, epochs, augment, seed);
    }

    /** These settings with the fields a Noisy Student round changes between teacher and student replaced. */
    private TrainSettings copy(String algorithm, int epochs, String augment, long seed) {
        return new TrainSettings(algorithm, trainer, epochs, stepsPerEpoch, batchSize, learningRate, momentum, nesterov,
                weightDecay, lrSchedule, emaDecay, augment, seed, checkpointEveryEpochs, evalEveryEpochs);
    }
}
