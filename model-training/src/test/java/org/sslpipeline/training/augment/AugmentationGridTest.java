package org.sslpipeline.training.augment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sslpipeline.training.data.ImagePixels;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AugmentationGridTest {
    @TempDir
    Path dir;

    @Test
    void writesOneRowPerImageWithOriginalAndViews() throws IOException {
        List<ImagePixels> images = List.of(
                AugmentTestImages.gradientWithSquare(28, 28, 1),
                AugmentTestImages.gradientWithSquare(28, 28, 3));
        Path png = dir.resolve("sub/grid.png");
        AugmentationGrid.writePng(images, new StrongAugment(), 3, 7L, png);

        BufferedImage sheet = ImageIO.read(png.toFile());
        assertNotNull(sheet, "not a decodable PNG");
        int cell = 28 * 4 + 2; // 4x upscaling plus one gutter
        assertEquals(2 + 4 * cell, sheet.getWidth());
        assertEquals(2 + 2 * cell, sheet.getHeight());
        assertEquals(0x808080, sheet.getRGB(0, 0) & 0xFFFFFF);
        // the first cell of the first row is the original, upscaled
        int gray = images.get(0).at(5, 9, 0);
        assertEquals(gray << 16 | gray << 8 | gray, sheet.getRGB(2 + 9 * 4 + 3, 2 + 5 * 4 + 1) & 0xFFFFFF);
    }

    @Test
    void sameSeedSameFile() throws IOException {
        List<ImagePixels> images = List.of(AugmentTestImages.gradientWithSquare(16, 16, 3));
        Path a = dir.resolve("a.png");
        Path b = dir.resolve("b.png");
        AugmentationGrid.writePng(images, new StrongAugment(), 2, 3L, a);
        AugmentationGrid.writePng(images, new StrongAugment(), 2, 3L, b);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void failureNamesTheFile() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        Path png = notADirectory.resolve("grid.png");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AugmentationGrid.writePng(
                List.of(AugmentTestImages.gradientWithSquare(8, 8, 1)), new RandAugment(), 1, 0L, png));
        assertTrue(e.getMessage().contains(png.toString()), e.getMessage());
    }
}
