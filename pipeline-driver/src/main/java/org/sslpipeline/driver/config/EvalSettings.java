package org.sslpipeline.driver.config;

import org.sslpipeline.training.settings.SettingsCheck;

/**
 * Evaluation ({@code ssl.eval}).
 *
 * @param batchSize examples per inference batch
 */
public record EvalSettings(int batchSize) {
    public EvalSettings {
        SettingsCheck.section("ssl.eval")
                .positive("batch-size", batchSize)
                .done();
    }
}
