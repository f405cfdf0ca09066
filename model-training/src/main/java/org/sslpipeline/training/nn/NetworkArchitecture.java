package org.sslpipeline.training.nn;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.Arrays;
import java.util.Locale;

/** The networks the pipeline can build, by configuration name. */
public enum NetworkArchitecture {
    /** One conv block and a dense embedding: the quick-start network for 28x28 grayscale images. */
    SMALL_CNN("small-cnn") {
        @Override
        public ComputationGraph build(NetworkSpec spec, IUpdater updater, double l2) {
            return SmallCnn.build(spec, 1, updater, l2);
        }
    },
    /** The small CNN with three conv blocks before its dense embedding: about 3 points more for FixMatch, 1.5x the step time. */
    SMALL_CNN_3("small-cnn-3") {
        @Override
        public ComputationGraph build(NetworkSpec spec, IUpdater updater, double l2) {
            return SmallCnn.build(spec, 3, updater, l2);
        }
    },
    /** Three conv blocks and global average pooling: translation-tolerant features at about 3x the small CNN's multiply-adds. */
    POOLED_CNN("pooled-cnn") {
        @Override
        public ComputationGraph build(NetworkSpec spec, IUpdater updater, double l2) {
            return PooledCnn.build(spec, updater, l2);
        }
    },
    /** Wide ResNet 28-2, the network of the FixMatch paper for 32x32 RGB images. */
    WRN_28_2("wrn-28-2") {
        @Override
        public ComputationGraph build(NetworkSpec spec, IUpdater updater, double l2) {
            return WideResNet.build(spec, 28, 2, updater, l2);
        }
    };

    private final String configName;

    NetworkArchitecture(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** Builds and initialises a graph with outputs {@code logits} and {@code features}. */
    public abstract ComputationGraph build(NetworkSpec spec, IUpdater updater, double l2);

    public static NetworkArchitecture byName(String name) {
        for (NetworkArchitecture a : values()) {
            if (a.configName.equals(name.toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown network '" + name + "'; known: "
                + Arrays.stream(values()).map(NetworkArchitecture::configName).toList());
    }
}
