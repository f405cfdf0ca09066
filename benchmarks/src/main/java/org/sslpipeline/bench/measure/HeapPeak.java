package org.sslpipeline.bench.measure;

import com.sun.management.GarbageCollectorMXBean;
import com.sun.management.GcInfo;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The heap use of this JVM over a stretch of work, sampled every few milliseconds by a daemon thread from
 * {@link #start()} to {@link #close()}. Two figures: the peak of the heap in use at one moment (garbage not yet
 * collected included, so bounded by -Xmx and close to it when the collector lets the young generation fill), and
 * the peak of the heap still in use right after a collection, the live set the work really holds. On a local
 * master the executors are this JVM too, so their tasks count.
 */
public final class HeapPeak implements AutoCloseable {
    private static final long SAMPLE_MILLIS = 5;
    private static final double MIB = 1024.0 * 1024.0;

    // Looked up once: the sampler reads them every few milliseconds.
    private final List<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .toList();
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans().stream()
            .filter(GarbageCollectorMXBean.class::isInstance)
            .map(GarbageCollectorMXBean.class::cast)
            .toList();
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long peakUsed;
    private volatile long peakLive;

    private HeapPeak() {
        System.gc();
        sample();
        sampler = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(SAMPLE_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-peak-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Collects garbage, then samples until {@link #close()}. */
    public static HeapPeak start() {
        return new HeapPeak();
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample();
    }

    /** The most heap in use at one sampled moment, in MiB. */
    public double usedMegabytes() {
        return peakUsed / MIB;
    }

    /** The most heap in use right after a garbage collection, in MiB. */
    public double liveMegabytes() {
        return peakLive / MIB;
    }

    /** The heap limit of this JVM (-Xmx), in MiB. */
    public static double limitMegabytes() {
        return Runtime.getRuntime().maxMemory() / MIB;
    }

    private synchronized void sample() {
        peakUsed = Math.max(peakUsed, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        for (GarbageCollectorMXBean collector : collectors) {
            GcInfo last = collector.getLastGcInfo();
            if (last != null) peakLive = Math.max(peakLive, heapAfter(last.getMemoryUsageAfterGc()));
        }
    }

    private long heapAfter(Map<String, MemoryUsage> pools) {
        return heapPools.stream().map(pools::get).filter(Objects::nonNull).mapToLong(MemoryUsage::getUsed).sum();
    }
}
