package org.sslpipeline.jobs.ingest;

import org.sslpipeline.jobs.corpus.ImageShape;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * How an image folder becomes a corpus: which root folders are splits, the test split drawn when the source has
 * none, the image shape of the corpus, and what happens to an image of another shape.
 *
 * @param splitFolders root folder names that mark the {@code root/<split>/<class>/<image>} layout
 * @param testFraction share of each class's labeled images drawn into a test split when the source has none, in
 *                     [0, 1); 0 = none is drawn
 * @param seed         seed of that draw
 * @param imageShape   {@code HxWxC} (e.g. 28x28x1, 32x32x3), or {@value #AUTO}: the shape of the first image, in
 *                     path order, that decodes
 * @param otherShapes  {@value #RESIZE}: an image of another size or channel count is converted and resized (see
 *                     {@link org.sslpipeline.training.data.ImageResize}); {@value #QUARANTINE}: it is set aside with
 *                     its shape as the reason
 */
public record ImageFolderOptions(List<String> splitFolders, double testFraction, long seed, String imageShape,
                                 String otherShapes) implements Serializable {
    public static final String AUTO = "auto";
    public static final String RESIZE = "resize";
    public static final String QUARANTINE = "quarantine";
    public static final ImageFolderOptions DEFAULTS =
            new ImageFolderOptions(List.of("train", "val", "validation", "test"), 0.2, 1, AUTO, RESIZE);

    public ImageFolderOptions {
        splitFolders = List.copyOf(splitFolders);
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be in [0, 1), got " + testFraction);
        }
        if (!AUTO.equals(imageShape)) parseShape(imageShape);
        if (!RESIZE.equals(otherShapes) && !QUARANTINE.equals(otherShapes)) {
            throw new IllegalArgumentException("other shapes must be " + RESIZE + " or " + QUARANTINE + ", got '"
                    + otherShapes + "'");
        }
    }

    /** The fixed target shape, or null for {@value #AUTO}. */
    public ImageShape fixedShape() {
        return AUTO.equals(imageShape) ? null : parseShape(imageShape);
    }

    public boolean resizes() {
        return RESIZE.equals(otherShapes);
    }

    public ImageFolderOptions withImageShape(ImageShape shape) {
        return new ImageFolderOptions(splitFolders, testFraction, seed, shape.toString(), otherShapes);
    }

    public ImageFolderOptions withTestFraction(double fraction) {
        return new ImageFolderOptions(splitFolders, fraction, seed, imageShape, otherShapes);
    }

    static ImageShape parseShape(String text) {
        String[] parts = text == null ? new String[0] : text.toLowerCase(Locale.ROOT).split("x");
        try {
            if (parts.length == 3) {
                ImageShape shape = new ImageShape(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()),
                        Integer.parseInt(parts[2].trim()));
                if (shape.height() > 0 && shape.width() > 0 && (shape.channels() == 1 || shape.channels() == 3)) {
                    return shape;
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("image shape must be " + AUTO + " or HEIGHTxWIDTHxCHANNELS with 1 or 3 "
                + "channels (e.g. 28x28x1, 32x32x3), got '" + text + "'");
    }
}
