package org.sslpipeline.driver.config;

import java.util.Map;
import java.util.Optional;

/**
 * Keys that were renamed, so that an older config (or a run folder's config.conf) is told where each setting went
 * rather than only that its key is unknown.
 */
final class RenamedKeys {
    /** The one section that was split: each algorithm's settings moved into a block of its own. */
    private static final String SEMI_SUPERVISED = "ssl.semi-supervised";
    private static final Map<String, String> SHARED_SETTINGS = Map.of(
            "mu", "ssl.algorithms.<algorithm>.mu (every algorithm that uses unlabeled rows has its own)",
            "threshold", "ssl.algorithms.fixmatch.threshold and ssl.algorithms.featdistloss.threshold",
            "unlabeled-weight", "ssl.algorithms.fixmatch.unlabeled-weight and ssl.algorithms.featdistloss.unlabeled-weight",
            "feature-distance-weight", "ssl.algorithms.featdistloss.feature-distance-weight");

    private RenamedKeys() {}

    /** Whether {@code path} is a renamed section, whose keys are each reported with their new name. */
    static boolean isRenamedSection(String path) {
        return path.equals(SEMI_SUPERVISED);
    }

    /** The new name of a renamed key, e.g. ssl.algorithms.pi-model.max-weight for ssl.semi-supervised.pi-model.max-weight. */
    static Optional<String> newName(String path) {
        if (!path.startsWith(SEMI_SUPERVISED + ".")) return Optional.empty();
        String key = path.substring(SEMI_SUPERVISED.length() + 1);
        return Optional.of(SHARED_SETTINGS.getOrDefault(key, "ssl.algorithms." + key));
    }
}
