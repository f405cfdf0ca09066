package org.sslpipeline.driver.config;

import org.sslpipeline.jobs.protocol.BalancedProtocol;
import org.sslpipeline.jobs.protocol.LongTailedProtocol;
import org.sslpipeline.jobs.protocol.OpenSetProtocol;
import org.sslpipeline.jobs.protocol.SemiSupervisedProtocol;
import org.sslpipeline.training.settings.SettingsCheck;

import java.util.List;

/**
 * The corpus to train on and how its train split is divided ({@code ssl.data}).
 *
 * @param corpus         Hadoop path or URI of an ingested corpus
 * @param protocol       one of {@link #PROTOCOLS}: how the train split becomes labeled rows and an unlabeled pool
 * @param labelsPerClass labeled examples kept per class (per known class for open-set); 0 keeps every label
 * @param labelSeed      seed of the draw of those labeled examples
 * @param maxUnlabeled   at most this many unlabeled rows (a seeded sample); 0 keeps the whole pool
 * @param longTailed     the long-tailed protocol's counts
 * @param openSet        the open-set protocol's classes
 */
public record DataSettings(String corpus, String protocol, int labelsPerClass, long labelSeed, long maxUnlabeled,
                           LongTailed longTailed, OpenSet openSet) {
    public static final List<String> PROTOCOLS = List.of(BalancedProtocol.NAME, LongTailedProtocol.NAME, OpenSetProtocol.NAME);

    /**
     * @param labeledHead    N_1, labeled rows of the head class (class 0)
     * @param unlabeledHead  M_1, unlabeled rows of the head class
     * @param imbalanceRatio gamma = N_1 / N_K
     */
    public record LongTailed(int labeledHead, int unlabeledHead, double imbalanceRatio) {
        public LongTailed {
            SettingsCheck.section("ssl.data.long-tailed")
                    .positive("labeled-head", labeledHead)
                    .atLeast("unlabeled-head", unlabeledHead, 0)
                    .require(imbalanceRatio >= 1, "imbalance-ratio", "must be >= 1", imbalanceRatio)
                    .done();
        }
    }

    /**
     * @param knownClasses the classes the model learns; the corpus's others are unknown
     * @param unknownShare share of unknown-class rows in the pool; 0 = all of the train split's
     */
    public record OpenSet(List<String> knownClasses, double unknownShare) {
        public OpenSet {
            knownClasses = List.copyOf(knownClasses);
            SettingsCheck.section("ssl.data.open-set")
                    .require(unknownShare >= 0 && unknownShare < 1, "unknown-share", "must be in [0, 1)", unknownShare)
                    .require(knownClasses.stream().distinct().count() == knownClasses.size(), "known-classes",
                            "must not repeat a class", knownClasses)
                    .done();
        }
    }

    public DataSettings {
        boolean openSetProtocol = OpenSetProtocol.NAME.equals(protocol);
        SettingsCheck.section("ssl.data")
                .notBlank("corpus", corpus)
                .oneOf("protocol", protocol, PROTOCOLS)
                .atLeast("labels-per-class", labelsPerClass, 0)
                .atLeast("max-unlabeled", maxUnlabeled, 0)
                .require(!openSetProtocol || labelsPerClass > 0, "labels-per-class",
                        "must be > 0 for the open-set protocol (labels per known class)", labelsPerClass)
                .require(!openSetProtocol || !openSet.knownClasses().isEmpty(), "open-set.known-classes",
                        "must name the known classes for the open-set protocol", openSet.knownClasses())
                .done();
    }

    /** The division of the train split into labeled rows and the unlabeled pool that these settings ask for. */
    public SemiSupervisedProtocol semiSupervisedProtocol() {
        return switch (protocol) {
            case LongTailedProtocol.NAME -> new LongTailedProtocol(longTailed.labeledHead(), longTailed.unlabeledHead(),
                    longTailed.imbalanceRatio(), labelSeed);
            case OpenSetProtocol.NAME -> new OpenSetProtocol(openSet.knownClasses(), labelsPerClass,
                    openSet.unknownShare(), labelSeed, maxUnlabeled);
            default -> new BalancedProtocol(labelsPerClass, labelSeed, maxUnlabeled);
        };
    }
}
