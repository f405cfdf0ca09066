package org.sslpipeline.training.data;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** PNG encoding of pixels, and decoding of any image ImageIO reads (PNG, JPEG, ...) to pixels. */
public final class ImageCodec {
    private ImageCodec() {}

    static {
        // ImageIO otherwise puts a temporary file behind every stream: about 4x slower on small images.
        ImageIO.setUseCache(false);
    }

    /** Encodes 8-bit grayscale or RGB pixels as a lossless PNG. */
    public static byte[] encodePng(ImagePixels pixels) {
        return encode(pixels, "png");
    }

    /** Encodes 8-bit grayscale or RGB pixels as a JPEG of ImageIO's default quality (lossy). */
    public static byte[] encodeJpeg(ImagePixels pixels) {
        return encode(pixels, "jpg");
    }

    private static byte[] encode(ImagePixels pixels, String format) {
        int type = pixels.channels() == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR;
        BufferedImage image = new BufferedImage(pixels.width(), pixels.height(), type);
        byte[] target = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        byte[] source = pixels.hwc();
        if (pixels.channels() == 1) {
            System.arraycopy(source, 0, target, 0, source.length);
        } else {
            for (int i = 0; i < source.length; i += 3) { // RGB -> BGR
                target[i] = source[i + 2];
                target[i + 1] = source[i + 1];
                target[i + 2] = source[i];
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(pixels.hwc().length / 2 + 128);
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no " + format + " writer available in ImageIO");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Decodes image file bytes into pixels; grayscale stays one channel, everything else becomes RGB
     * (alpha dropped).
     *
     * @throws InvalidImageException if the bytes are empty or not an image ImageIO can decode
     */
    public static ImagePixels decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidImageException("empty file");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new InvalidImageException("undecodable image: " + e.getMessage());
        }
        if (image == null) {
            throw new InvalidImageException("not a recognised image format");
        }
        return toPixels(image);
    }

    static ImagePixels toPixels(BufferedImage image) {
        int h = image.getHeight();
        int w = image.getWidth();
        boolean gray = image.getType() == BufferedImage.TYPE_BYTE_GRAY
                || (image.getColorModel().getNumColorComponents() == 1 && image.getType() != BufferedImage.TYPE_BYTE_INDEXED);
        if (gray && image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            if (data.length == h * w) {
                return new ImagePixels(h, w, 1, data.clone());
            }
        }
        if (gray) {
            byte[] out = new byte[h * w];
            var raster = image.getRaster();
            int bits = image.getColorModel().getComponentSize(0);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int v = raster.getSample(x, y, 0);
                    out[y * w + x] = (byte) (bits > 8 ? v >> (bits - 8) : v);
                }
            }
            return new ImagePixels(h, w, 1, out);
        }
        byte[] out = new byte[h * w * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.getRGB(x, y);
                int i = (y * w + x) * 3;
                out[i] = (byte) (rgb >> 16);
                out[i + 1] = (byte) (rgb >> 8);
                out[i + 2] = (byte) rgb;
            }
        }
        return new ImagePixels(h, w, 3, out);
    }
}
