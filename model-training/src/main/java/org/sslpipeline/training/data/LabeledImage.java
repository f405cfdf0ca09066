package org.sslpipeline.training.data;

import java.io.Serializable;
import java.util.Objects;

/**
 * One example of a corpus as the trainers see it: its id, its label ({@link #UNLABELED} if none)
 * and its decoded pixels.
 */
public final class LabeledImage implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final int UNLABELED = -1;

    private final String id;
    private final int label;
    private final ImagePixels pixels;

    public LabeledImage(String id, int label, ImagePixels pixels) {
        this.id = Objects.requireNonNull(id, "id");
        this.label = label;
        this.pixels = Objects.requireNonNull(pixels, "pixels");
    }

    public String id() { return id; }
    public int label() { return label; }
    public boolean isLabeled() { return label != UNLABELED; }
    public ImagePixels pixels() { return pixels; }
}
