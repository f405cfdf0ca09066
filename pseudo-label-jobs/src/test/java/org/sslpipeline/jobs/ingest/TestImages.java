package org.sslpipeline.jobs.ingest;

import org.sslpipeline.training.data.ImageCodec;
import org.sslpipeline.training.data.ImagePixels;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/** Small generated images written as PNG or JPEG files, and broken files beside them. */
final class TestImages {
    private TestImages() {}

    static ImagePixels random(int height, int width, int channels, long seed) {
        byte[] hwc = new byte[height * width * channels];
        new Random(seed).nextBytes(hwc);
        return new ImagePixels(height, width, channels, hwc);
    }

    static Path png(Path file, ImagePixels pixels) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, ImageCodec.encodePng(pixels));
    }

    static Path jpeg(Path file, ImagePixels pixels) throws IOException {
        Files.createDirectories(file.getParent());
        boolean gray = pixels.channels() == 1;
        BufferedImage image = new BufferedImage(pixels.width(), pixels.height(),
                gray ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < pixels.height(); y++) {
            for (int x = 0; x < pixels.width(); x++) {
                if (gray) {
                    image.getRaster().setSample(x, y, 0, pixels.at(y, x, 0));
                } else {
                    image.setRGB(x, y, pixels.at(y, x, 0) << 16 | pixels.at(y, x, 1) << 8 | pixels.at(y, x, 2));
                }
            }
        }
        if (!ImageIO.write(image, "jpg", file.toFile())) {
            throw new IOException("no JPEG writer");
        }
        return file;
    }

    /** A PNG cut in half: the header is intact, the pixel data ends early. */
    static Path truncatedPng(Path file, ImagePixels pixels) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] png = ImageCodec.encodePng(pixels);
        return Files.write(file, Arrays.copyOf(png, png.length / 2));
    }

    static Path text(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}
