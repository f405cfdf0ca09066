package org.sslpipeline.training.step;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.sslpipeline.training.augment.ImageAugmenter;
import org.sslpipeline.training.data.ExampleKeys;
import org.sslpipeline.training.data.ImagePixels;
import org.sslpipeline.training.data.LabeledImage;

import java.io.Serializable;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds {@link TrainingBatch} rows from decoded images: views drawn with a generator seeded by
 * (run seed, epoch, example), so a rerun reproduces every pixel.
 */
public final class TrainingRows implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int numClasses;
    private final ImageAugmenter weak;
    private final List<ImageAugmenter> others; // the views after the weak one, drawn in this order
    private final long seed;

    /** @param second augmentation of the second view, or null for rows with the weak view only */
    public TrainingRows(int numClasses, ImageAugmenter weak, ImageAugmenter second, long seed) {
        this(numClasses, weak, second == null ? List.of() : List.of(second), seed);
    }

    private TrainingRows(int numClasses, ImageAugmenter weak, List<ImageAugmenter> others, long seed) {
        this.numClasses = numClasses;
        this.weak = weak;
        this.others = List.copyOf(others);
        this.seed = seed;
    }

    /** @param others augmentations of the views after the weak one, in order */
    public static TrainingRows withViews(int numClasses, ImageAugmenter weak, List<ImageAugmenter> others, long seed) {
        return new TrainingRows(numClasses, weak, others, seed);
    }

    public MultiDataSet batch(List<LabeledImage> examples, int epoch) {
        if (examples.isEmpty()) throw new IllegalArgumentException("empty batch");
        ImagePixels first = examples.get(0).pixels();
        int n = examples.size();
        int c = first.channels(), h = first.height(), w = first.width();
        float[][] views = new float[1 + others.size()][n * c * h * w];
        float[] labels = new float[n * numClasses];
        double[] meta = new double[n * 2];
        for (int i = 0; i < n; i++) {
            LabeledImage example = examples.get(i);
            ImagePixels pixels = example.pixels();
            if (pixels.channels() != c || pixels.height() != h || pixels.width() != w) {
                throw new IllegalArgumentException("example " + example.id() + " is " + pixels.height() + "x"
                        + pixels.width() + "x" + pixels.channels() + " but the batch is " + h + "x" + w + "x" + c);
            }
            long key = ExampleKeys.keyOf(example.id());
            SplittableRandom random = new SplittableRandom(ExampleKeys.seedFor(seed, epoch, key));
            writeChw(weak.apply(pixels, random), views[0], i);
            for (int view = 1; view < views.length; view++) {
                writeChw(others.get(view - 1).apply(pixels, random), views[view], i);
            }
            if (example.isLabeled()) {
                if (example.label() < 0 || example.label() >= numClasses) {
                    throw new IllegalArgumentException("example " + example.id() + " has label " + example.label()
                            + " outside 0.." + (numClasses - 1));
                }
                float[] soft = example.softLabel();
                if (soft == null) {
                    labels[i * numClasses + example.label()] = 1f;
                } else if (soft.length == numClasses) {
                    System.arraycopy(soft, 0, labels, i * numClasses, numClasses);
                } else {
                    throw new IllegalArgumentException("example " + example.id() + " has a soft label of "
                            + soft.length + " classes, not " + numClasses);
                }
                meta[i * 2 + TrainingBatch.META_LABELED] = 1.0;
            }
            meta[i * 2 + TrainingBatch.META_EXAMPLE_KEY] = key;
        }
        long[] imageShape = {n, c, h, w};
        INDArray[] features = new INDArray[views.length];
        for (int view = 0; view < views.length; view++) features[view] = floats(views[view], imageShape);
        INDArray[] labelArrays = {
                floats(labels, n, numClasses),
                Nd4j.create(meta, new long[]{n, 2}, DataType.DOUBLE)};
        return new MultiDataSet(features, labelArrays);
    }

    /** Network input of un-augmented images, [n, c, h, w], pixels scaled to [0, 1]. */
    public static INDArray input(List<ImagePixels> images) {
        ImagePixels first = images.get(0);
        int c = first.channels(), h = first.height(), w = first.width();
        float[] data = new float[images.size() * c * h * w];
        for (int i = 0; i < images.size(); i++) {
            writeChw(images.get(i), data, i);
        }
        return floats(data, images.size(), c, h, w);
    }

    /**
     * A c-ordered float array holding a copy of {@code data}, made in one native copy: {@code Nd4j.create(float[],
     * ...)} writes its buffer one element at a time (ND4J 1.0.0-M2.1), which showed in profiles of both training
     * and the pseudo-label job. Detached from any workspace: a batch outlives the scopes it is used in.
     */
    static INDArray floats(float[] data, long... shape) {
        return Nd4j.create(Nd4j.createBufferDetached(data), shape);
    }

    private static void writeChw(ImagePixels pixels, float[] target, int row) {
        int c = pixels.channels(), h = pixels.height(), w = pixels.width();
        int base = row * c * h * w;
        byte[] hwc = pixels.hwc();
        if (c == 1) { // HWC and CHW are the same layout
            for (int i = 0; i < hwc.length; i++) target[base + i] = (hwc[i] & 0xFF) / 255f;
            return;
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int ch = 0; ch < c; ch++) {
                    target[base + (ch * h + y) * w + x] = (hwc[(y * w + x) * c + ch] & 0xFF) / 255f;
                }
            }
        }
    }
}
