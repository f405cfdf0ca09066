package org.sslpipeline.bench.measure;

import org.sslpipeline.bench.measure.Statistics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * A measured pass over images.
 *
 * @param name    the mode or stage measured
 * @param images  images processed
 * @param seconds wall-clock seconds
 */
public record Throughput(String name, long images, double seconds) {

    /**
     * One untimed warm-up pass, then the median of {@code repeats} timed passes, each pass returning its seconds;
     * every pass is printed as it ends.
     */
    public static Throughput medianAfterWarmUp(String name, long images, int repeats, DoubleSupplier pass) {
        if (repeats <= 0) throw new IllegalArgumentException("repeats must be > 0, got " + repeats);
        System.out.printf(Locale.ROOT, "%s, %d images: warm-up pass %.2f s%n", name, images, pass.getAsDouble());
        List<Double> seconds = new ArrayList<>(repeats);
        for (int i = 1; i <= repeats; i++) {
            seconds.add(pass.getAsDouble());
            System.out.printf(Locale.ROOT, "%s, %d images: pass %d %.2f s%n", name, images, i, seconds.get(i - 1));
        }
        return new Throughput(name, images, Statistics.median(seconds));
    }

    public double imagesPerSecond() {
        return images / seconds;
    }

    /** Achieved GFLOP/s for a model of {@code flopsPerImage}. */
    public double gflops(long flopsPerImage) {
        return imagesPerSecond() * flopsPerImage / 1e9;
    }
}
