package org.sslpipeline.driver.config;

import org.sslpipeline.training.settings.SettingsCheck;

import java.util.List;

/**
 * The network ({@code ssl.model}).
 *
 * @param network architecture: one of {@link #NETWORKS}
 * @param dropout dropout probability before the classifier, in [0, 1)
 * @param width   channel multiplier of the architecture (1 = its reference width)
 * @param stochasticDepth drop probability of the last residual block (linear decay over blocks), 0 = off;
 *                        networks without residual blocks ignore it
 */
public record ModelSettings(String network, double dropout, int width, double stochasticDepth) {
    public static final List<String> NETWORKS = java.util.Arrays.stream(
            org.sslpipeline.training.nn.NetworkArchitecture.values())
            .map(org.sslpipeline.training.nn.NetworkArchitecture::configName).toList();

    public ModelSettings {
        SettingsCheck.section("ssl.model")
                .oneOf("network", network, NETWORKS)
                .fraction("dropout", dropout)
                .atLeast("width", width, 1)
                .fraction("stochastic-depth", stochasticDepth)
                .done();
    }
}
