package org.sslpipeline.training.augment;

import org.junit.jupiter.api.Test;
import org.sslpipeline.training.data.ImagePixels;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StrongAugmentTest {
    private final StrongAugment strong = new StrongAugment();

    @Test
    void sameSeedGivesSamePixelsAndKeepsTheShape() {
        for (int channels : new int[]{1, 3}) {
            ImagePixels image = AugmentTestImages.gradientWithSquare(28, 28, channels);
            for (int seed = 0; seed < 20; seed++) {
                ImagePixels a = strong.apply(image, new SplittableRandom(seed));
                ImagePixels b = strong.apply(image, new SplittableRandom(seed));
                assertArrayEquals(a.hwc(), b.hwc());
                assertEquals(28, a.height());
                assertEquals(28, a.width());
                assertEquals(channels, a.channels());
            }
        }
    }

    @Test
    void survivesJavaSerializationAsSparkShipsIt() throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new StrongAugment());
        }
        ImageAugmenter copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (ImageAugmenter) in.readObject();
        }
        ImagePixels image = AugmentTestImages.gradientWithSquare(16, 16, 3);
        assertArrayEquals(new StrongAugment().apply(image, new SplittableRandom(5)).hwc(),
                copy.apply(image, new SplittableRandom(5)).hwc());
    }

    @Test
    void registeredAsStrong() {
        assertTrue(Augmentations.names().contains("strong"));
        assertInstanceOf(StrongAugment.class, Augmentations.byName("strong"));
        assertInstanceOf(StrongAugment.class, Augmentations.byName("STRONG"));
    }
}
