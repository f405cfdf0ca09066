package org.sslpipeline.training.augment;

import org.sslpipeline.training.data.ImagePixels;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/** Writes a PNG contact sheet of augmented views, for eyeballing what an augmenter does. */
public final class AugmentationGrid {
    static final int GUTTER = 2;
    static final int GUTTER_GRAY = 128;
    /** Cells are enlarged by an integer factor to about this many pixels: 28x28 images get 4x. */
    static final int TARGET_CELL_PIXELS = 112;

    private AugmentationGrid() {}

    /**
     * One row per image: the original, then {@code viewsPerImage} views from {@code augmenter}. Cells are as large
     * as the largest image (smaller ones sit in the top-left corner) and are separated by a gray gutter.
     * The views depend only on {@code seed}.
     */
    public static void writePng(List<ImagePixels> images, ImageAugmenter augmenter, int viewsPerImage, long seed,
                                Path png) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images to draw");
        }
        if (viewsPerImage < 0) {
            throw new IllegalArgumentException("views per image must not be negative, got " + viewsPerImage);
        }
        int cellHeight = images.stream().mapToInt(ImagePixels::height).max().getAsInt();
        int cellWidth = images.stream().mapToInt(ImagePixels::width).max().getAsInt();
        int scale = scaleFor(Math.max(cellHeight, cellWidth));
        int columns = 1 + viewsPerImage;
        BufferedImage sheet = new BufferedImage(
                GUTTER + columns * (cellWidth * scale + GUTTER),
                GUTTER + images.size() * (cellHeight * scale + GUTTER),
                BufferedImage.TYPE_INT_RGB);
        fill(sheet, GUTTER_GRAY);

        SplittableRandom random = new SplittableRandom(seed);
        for (int row = 0; row < images.size(); row++) {
            ImagePixels original = images.get(row);
            int top = GUTTER + row * (cellHeight * scale + GUTTER);
            for (int column = 0; column < columns; column++) {
                ImagePixels cell = column == 0 ? original : augmenter.apply(original, random.split());
                draw(sheet, cell, GUTTER + column * (cellWidth * scale + GUTTER), top, scale);
            }
        }
        write(sheet, png);
    }

    static int scaleFor(int largestSide) {
        return Math.max(1, TARGET_CELL_PIXELS / largestSide);
    }

    private static void fill(BufferedImage sheet, int gray) {
        int rgb = gray << 16 | gray << 8 | gray;
        for (int y = 0; y < sheet.getHeight(); y++) {
            for (int x = 0; x < sheet.getWidth(); x++) {
                sheet.setRGB(x, y, rgb);
            }
        }
    }

    private static void draw(BufferedImage sheet, ImagePixels image, int left, int top, int scale) {
        boolean gray = image.channels() == 1;
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                int r = image.at(y, x, 0);
                int g = gray ? r : image.at(y, x, 1);
                int b = gray ? r : image.at(y, x, 2);
                int rgb = r << 16 | g << 8 | b;
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        sheet.setRGB(left + x * scale + dx, top + y * scale + dy, rgb);
                    }
                }
            }
        }
    }

    private static void write(BufferedImage sheet, Path png) {
        try {
            Path parent = png.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(sheet, "png", png.toFile())) {
                throw new IOException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write augmentation grid " + png + ": " + e.getMessage(), e);
        }
    }
}
