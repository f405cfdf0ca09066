package org.sslpipeline.driver.config;

import org.sslpipeline.jobs.protocol.SemiSupervisedProtocol;
import org.sslpipeline.training.settings.SettingsCheck;

/**
 * The corpus to train on and the labels to keep ({@code ssl.data}).
 *
 * @param corpus         Hadoop path or URI of an ingested corpus
 * @param labelsPerClass labeled examples kept per class; 0 keeps every label
 * @param labelSeed      seed of the draw of those labeled examples
 * @param maxUnlabeled   at most this many unlabeled rows (a seeded sample); 0 keeps the whole pool
 */
public record DataSettings(String corpus, int labelsPerClass, long labelSeed, long maxUnlabeled) {
    public DataSettings {
        SettingsCheck.section("ssl.data")
                .notBlank("corpus", corpus)
                .atLeast("labels-per-class", labelsPerClass, 0)
                .atLeast("max-unlabeled", maxUnlabeled, 0)
                .done();
    }

    /** The division of the train split into labeled rows and the unlabeled pool that these settings ask for. */
    public SemiSupervisedProtocol protocol() {
        return new SemiSupervisedProtocol(labelsPerClass, labelSeed, maxUnlabeled);
    }
}
