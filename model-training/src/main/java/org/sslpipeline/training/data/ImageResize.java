package org.sslpipeline.training.data;

/**
 * Brings an image to a given shape. Channels: RGB to grayscale by luma (ITU-R BT.601: 0.299 R + 0.587 G + 0.114 B),
 * grayscale to RGB by repeating the one channel. Size: stretched to exactly the target height and width (the aspect
 * ratio is not kept), each axis on its own: averaging the source pixels a target pixel covers when shrinking (so a
 * large image does not alias), interpolating linearly between pixel centres when enlarging. Values are rounded to
 * the nearest 8-bit level.
 */
public final class ImageResize {
    private ImageResize() {}

    /** The image in the given shape; the same object if it already has it. */
    public static ImagePixels to(ImagePixels image, int height, int width, int channels) {
        ImagePixels converted = toChannels(image, channels);
        if (converted.height() == height && converted.width() == width) return converted;
        float[] pixels = new float[converted.hwc().length];
        for (int i = 0; i < pixels.length; i++) pixels[i] = converted.hwc()[i] & 0xFF;
        float[] rows = resample(pixels, 1, converted.height(), height, converted.width() * channels);
        float[] both = resample(rows, height, converted.width(), width, channels);
        byte[] out = new byte[both.length];
        for (int i = 0; i < both.length; i++) out[i] = (byte) Math.max(0, Math.min(255, Math.round(both[i])));
        return new ImagePixels(height, width, channels, out);
    }

    static ImagePixels toChannels(ImagePixels image, int channels) {
        if (channels != 1 && channels != 3) throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        if (image.channels() == channels) return image;
        byte[] in = image.hwc();
        int pixels = image.height() * image.width();
        byte[] out = new byte[pixels * channels];
        for (int p = 0; p < pixels; p++) {
            if (channels == 1) {
                double luma = 0.299 * (in[3 * p] & 0xFF) + 0.587 * (in[3 * p + 1] & 0xFF) + 0.114 * (in[3 * p + 2] & 0xFF);
                out[p] = (byte) Math.min(255, Math.round(luma));
            } else {
                out[3 * p] = out[3 * p + 1] = out[3 * p + 2] = in[p];
            }
        }
        return new ImagePixels(image.height(), image.width(), channels, out);
    }

    /**
     * Resamples the middle axis of an array laid out as [outer][from][inner] to [outer][to][inner]: with outer = 1 and
     * inner = width x channels it resizes rows (the height), with outer = height and inner = channels the columns.
     */
    private static float[] resample(float[] in, int outer, int from, int to, int inner) {
        return from == to ? in : resampleAxis(in, outer, from, to, inner);
    }

    private static float[] resampleAxis(float[] in, int outer, int from, int to, int inner) {
        float[] out = new float[outer * to * inner];
        double scale = (double) from / to;
        for (int t = 0; t < to; t++) {
            int first;
            int last;
            double[] weights;
            if (scale > 1) { // shrinking: the source interval [t*scale, (t+1)*scale) averaged
                double start = t * scale, end = (t + 1) * scale;
                first = (int) Math.floor(start);
                last = Math.min(from - 1, (int) Math.ceil(end) - 1);
                weights = new double[last - first + 1];
                for (int s = first; s <= last; s++) {
                    weights[s - first] = (Math.min(end, s + 1) - Math.max(start, s)) / scale;
                }
            } else { // enlarging: linear between the two nearest source pixel centres
                double centre = Math.max(0, Math.min(from - 1, (t + 0.5) * scale - 0.5));
                first = (int) Math.floor(centre);
                last = Math.min(from - 1, first + 1);
                double fraction = centre - first;
                weights = last == first ? new double[] {1} : new double[] {1 - fraction, fraction};
            }
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    double sum = 0;
                    for (int s = first; s <= last; s++) sum += weights[s - first] * in[(o * from + s) * inner + i];
                    out[(o * to + t) * inner + i] = (float) sum;
                }
            }
        }
        return out;
    }
}
