package org.sslpipeline.training.augment;

import java.util.List;
import java.util.Locale;

/** Augmentation pipelines by configuration name. */
public final class Augmentations {
    private Augmentations() {}

    public static final ImageAugmenter NONE = (image, random) -> image;

    public static List<String> names() {
        return List.of("none", "weak", "strong");
    }

    public static ImageAugmenter byName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "none" -> NONE;
            case "weak" -> new WeakAugment();
            case "strong" -> new StrongAugment();
            default -> throw new IllegalArgumentException("unknown augmentation '" + name + "'; known: " + names());
        };
    }
}
