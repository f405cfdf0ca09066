package org.sslpipeline.training;

import org.sslpipeline.training.data.ImagePixels;
import org.sslpipeline.training.data.LabeledImage;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small generated image classification problems for tests: class c draws a bright bar at a class-specific place. */
public final class SyntheticImages {
    private SyntheticImages() {}

    public static List<LabeledImage> bars(int count, int numClasses, int size, int channels, long seed) {
        Random random = new Random(seed);
        List<LabeledImage> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int label = i % numClasses;
            byte[] hwc = new byte[size * size * channels];
            for (int p = 0; p < hwc.length; p++) {
                hwc[p] = (byte) random.nextInt(60);
            }
            int position = (label * size) / numClasses;
            boolean vertical = label % 2 == 0;
            for (int t = 0; t < size; t++) {
                for (int thick = 0; thick < Math.max(1, size / numClasses); thick++) {
                    int y = vertical ? t : Math.min(size - 1, position + thick);
                    int x = vertical ? Math.min(size - 1, position + thick) : t;
                    for (int c = 0; c < channels; c++) {
                        hwc[(y * size + x) * channels + c] = (byte) (200 + random.nextInt(55));
                    }
                }
            }
            out.add(new LabeledImage("synthetic/" + i, label, new ImagePixels(size, size, channels, hwc)));
        }
        return out;
    }
}
