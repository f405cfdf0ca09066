package org.sslpipeline.training.data;

import java.io.Serializable;
import java.util.Objects;

/**
 * One example of a corpus as the trainers see it: its id, its label ({@link #UNLABELED} if none), its decoded
 * pixels, and for a soft pseudo-label the teacher's class distribution, which then is the training target.
 */
public final class LabeledImage implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final int UNLABELED = -1;

    private final String id;
    private final int label;
    private final ImagePixels pixels;
    private final float[] softLabel; // null: the target is the one-hot label

    public LabeledImage(String id, int label, ImagePixels pixels) {
        this(id, label, pixels, null);
    }

    /** @param softLabel a class distribution to learn instead of the one-hot label (label is then its argmax) */
    public LabeledImage(String id, int label, ImagePixels pixels, float[] softLabel) {
        this.id = Objects.requireNonNull(id, "id");
        this.label = label;
        this.pixels = Objects.requireNonNull(pixels, "pixels");
        if (softLabel != null && label == UNLABELED) {
            throw new IllegalArgumentException("example " + id + " has a soft label but no hard label");
        }
        this.softLabel = softLabel == null ? null : softLabel.clone();
    }

    public String id() { return id; }
    public int label() { return label; }
    public boolean isLabeled() { return label != UNLABELED; }
    public ImagePixels pixels() { return pixels; }
    /** The soft target, or null when the target is the one-hot {@link #label()}. */
    public float[] softLabel() { return softLabel == null ? null : softLabel.clone(); }
}
