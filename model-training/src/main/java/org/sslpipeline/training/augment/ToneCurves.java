package org.sslpipeline.training.augment;

import org.sslpipeline.training.data.ImagePixels;

import java.util.Arrays;

/** Point operations on pixel values, each channel mapped through a 256-entry lookup table. */
final class ToneCurves {
    private ToneCurves() {}

    /** Stretches each channel so that its darkest value becomes 0 and its brightest 255. */
    static ImagePixels autoContrast(ImagePixels image) {
        int[][] histograms = histograms(image);
        int[][] tables = new int[image.channels()][];
        for (int c = 0; c < tables.length; c++) {
            int lo = firstNonEmpty(histograms[c]);
            int hi = lastNonEmpty(histograms[c]);
            tables[c] = identityTable();
            if (hi > lo) {
                double scale = 255.0 / (hi - lo);
                for (int v = 0; v < 256; v++) {
                    tables[c][v] = clamp((int) Math.round((v - lo) * scale));
                }
            }
        }
        return mapPerChannel(image, tables);
    }

    /** Flattens each channel's histogram through its cumulative distribution. */
    static ImagePixels equalize(ImagePixels image) {
        int[][] histograms = histograms(image);
        int pixels = image.height() * image.width();
        int[][] tables = new int[image.channels()][];
        for (int c = 0; c < tables.length; c++) {
            int[] histogram = histograms[c];
            int lowestCount = histogram[firstNonEmpty(histogram)];
            tables[c] = identityTable();
            if (lowestCount == pixels) {
                continue; // a single value: nothing to spread
            }
            int cumulative = 0;
            for (int v = 0; v < 256; v++) {
                cumulative += histogram[v];
                double rank = (double) (cumulative - lowestCount) / (pixels - lowestCount);
                tables[c][v] = clamp((int) Math.round(rank * 255)); // below the lowest value: clamped, never looked up
            }
        }
        return mapPerChannel(image, tables);
    }

    /** Inverts every value at or above the threshold (PIL ImageOps.solarize); a threshold of 256 changes nothing. */
    static ImagePixels solarize(ImagePixels image, double threshold) {
        int[] table = new int[256];
        for (int v = 0; v < 256; v++) {
            table[v] = v >= threshold ? 255 - v : v;
        }
        return mapAllChannels(image, table);
    }

    /** Keeps only the {@code bits} most significant bits of every value. */
    static ImagePixels posterize(ImagePixels image, int bits) {
        if (bits < 1 || bits > 8) {
            throw new IllegalArgumentException("posterize keeps 1 to 8 bits, got " + bits);
        }
        int mask = (0xFF << (8 - bits)) & 0xFF;
        int[] table = new int[256];
        for (int v = 0; v < 256; v++) {
            table[v] = v & mask;
        }
        return mapAllChannels(image, table);
    }

    static int[][] histograms(ImagePixels image) {
        int channels = image.channels();
        int[][] histograms = new int[channels][256];
        byte[] hwc = image.hwc();
        for (int i = 0; i < hwc.length; i++) {
            histograms[i % channels][hwc[i] & 0xFF]++;
        }
        return histograms;
    }

    static int clamp(int value) {
        return Math.max(0, Math.min(255, value));
    }

    private static ImagePixels mapAllChannels(ImagePixels image, int[] table) {
        int[][] tables = new int[image.channels()][];
        Arrays.fill(tables, table);
        return mapPerChannel(image, tables);
    }

    private static ImagePixels mapPerChannel(ImagePixels image, int[][] tables) {
        byte[] src = image.hwc();
        byte[] out = new byte[src.length];
        int channels = image.channels();
        for (int i = 0; i < src.length; i++) {
            out[i] = (byte) tables[i % channels][src[i] & 0xFF];
        }
        return new ImagePixels(image.height(), image.width(), channels, out);
    }

    private static int[] identityTable() {
        int[] table = new int[256];
        for (int v = 0; v < 256; v++) {
            table[v] = v;
        }
        return table;
    }

    private static int firstNonEmpty(int[] histogram) {
        int v = 0;
        while (v < 255 && histogram[v] == 0) v++;
        return v;
    }

    private static int lastNonEmpty(int[] histogram) {
        int v = 255;
        while (v > 0 && histogram[v] == 0) v--;
        return v;
    }
}
