package org.sslpipeline.driver.config;

/**
 * The corpus to train on and the labels to keep ({@code ssl.data}).
 *
 * @param corpus         Hadoop path or URI of an ingested corpus
 * @param labelsPerClass labeled examples kept per class; 0 keeps every label
 * @param labelSeed      seed of the draw of those labeled examples
 */
public record DataSettings(String corpus, int labelsPerClass, long labelSeed) {
    public DataSettings {
        SettingsCheck.section("ssl.data")
                .notBlank("corpus", corpus)
                .atLeast("labels-per-class", labelsPerClass, 0)
                .done();
    }
}
