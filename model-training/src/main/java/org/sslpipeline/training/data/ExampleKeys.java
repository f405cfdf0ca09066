package org.sslpipeline.training.data;

import java.nio.charset.StandardCharsets;

/** Stable numeric keys for example ids and seeds derived from them. */
public final class ExampleKeys {
    private ExampleKeys() {}

    /** 53 bits, so that the key survives a round trip through a double column of a training batch. */
    private static final long KEY_MASK = (1L << 53) - 1;

    /** A stable 53-bit key of an example id (64-bit FNV-1a of its UTF-8 bytes, mixed and truncated). */
    public static long keyOf(String id) {
        long h = 0xcbf29ce484222325L;
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xFF);
            h *= 0x100000001b3L;
        }
        return mix(h) & KEY_MASK;
    }

    /** A seed for one example in one epoch of one run: augmentations drawn from it are reproducible. */
    public static long seedFor(long runSeed, int epoch, long exampleKey) {
        return mix(mix(runSeed * 0x9E3779B97F4A7C15L + epoch) ^ exampleKey);
    }

    /** MurmurHash3's 64-bit finaliser. */
    public static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
