package org.sslpipeline.driver.run;

import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress of a driver stage that runs Spark jobs: tasks finished out of tasks submitted so far, logged at most
 * every {@code intervalSeconds}, with the time left estimated from the rate so far.
 */
final class SparkProgress extends SparkListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SparkProgress.class);

    private final SparkContext sc;
    private final String stage;
    private final long intervalNanos;
    private final long started = System.nanoTime();
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong lastLog = new AtomicLong(System.nanoTime());

    private SparkProgress(SparkContext sc, String stage, double intervalSeconds) {
        this.sc = sc;
        this.stage = stage;
        this.intervalNanos = (long) (intervalSeconds * 1e9);
    }

    static SparkProgress watch(SparkContext sc, String stage) {
        SparkProgress progress = new SparkProgress(sc, stage, 10);
        sc.addSparkListener(progress);
        return progress;
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted event) {
        submitted.addAndGet(event.stageInfo().numTasks());
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd event) {
        long finished = done.incrementAndGet();
        long now = System.nanoTime();
        long last = lastLog.get();
        if (now - last < intervalNanos || !lastLog.compareAndSet(last, now)) return;
        long total = Math.max(submitted.get(), finished);
        double elapsed = (now - started) / 1e9;
        double left = elapsed / finished * (total - finished);
        log.info(String.format("%s: %d/%d tasks, %.0fs, about %.0fs left of the jobs started so far",
                stage, finished, total, elapsed, left));
    }

    @Override
    public void close() {
        sc.removeSparkListener(this);
    }
}
