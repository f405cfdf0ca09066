package org.sslpipeline.driver.run;

import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

import java.util.List;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The executors that ran a driver stage's Spark tasks, by Spark's executor id ("driver" in local mode, "0", "1", ...
 * on a cluster), recorded with the stage so that a run shows where its work happened.
 */
final class TaskExecutors extends SparkListener implements AutoCloseable {
    private final SparkContext sc;
    private final ConcurrentSkipListSet<String> ids = new ConcurrentSkipListSet<>();

    private TaskExecutors(SparkContext sc) {
        this.sc = sc;
    }

    static TaskExecutors watch(SparkContext sc) {
        TaskExecutors executors = new TaskExecutors(sc);
        sc.addSparkListener(executors);
        return executors;
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd event) {
        ids.add(event.taskInfo().executorId());
    }

    /** The executor ids seen so far, sorted. */
    List<String> ids() {
        return List.copyOf(ids);
    }

    @Override
    public void close() {
        sc.removeSparkListener(this);
    }
}
