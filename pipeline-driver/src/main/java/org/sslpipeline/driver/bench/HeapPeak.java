package org.sslpipeline.driver.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * The peak heap use of this JVM over a stretch of work: {@link #reset()} collects garbage and clears the peaks of
 * the heap pools, {@link #megabytes()} adds up each pool's peak since. The pools (eden, survivor, old) do not peak
 * at the same moment, so the sum is an upper bound of the heap in use at any one time. On a local master the
 * executors are this JVM too, so their tasks count.
 */
public final class HeapPeak {
    private HeapPeak() {}

    public static void reset() {
        System.gc();
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** Sum of the heap pools' peak use since the last {@link #reset()}, in MiB. */
    public static double megabytes() {
        return heapPools().stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() / (1024.0 * 1024.0);
    }

    /** The heap limit of this JVM (-Xmx), in MiB. */
    public static double limitMegabytes() {
        return Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0);
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && pool.isValid())
                .toList();
    }
}
