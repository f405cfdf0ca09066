package org.sslpipeline.training.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.nd4j.nativeblas.NativeOps;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The OpenMP setting of the calling thread inside and after a task's native work, on a real local Spark. */
class TaskNativeThreadsTest {
    private static final NativeOps OPS = TaskNativeThreads.nativeOps();

    @Test
    void aTaskRunsItsNativeWorkOnSparkTaskCpusThreadsAndTheThreadGetsItsSettingBack() {
        assertEquals(List.of(List.of(2, 1, 2), List.of(2, 1, 2)), threadsSeenByTasks("local[2]", 1));
    }

    @Test
    void aTaskGrantedTwoCpusKeepsTwoThreads() {
        assertEquals(List.of(List.of(2, 2, 2)), threadsSeenByTasks("local[2]", 2));
    }

    @Test
    void outsideATaskTheWorkRunsUnchanged() {
        int before = OPS.ompGetMaxThreads();
        assertEquals(before, TaskNativeThreads.call(OPS::ompGetMaxThreads));
        assertEquals(before, OPS.ompGetMaxThreads());
    }

    /** Per task: its thread's OpenMP maximum before, inside and after {@link TaskNativeThreads#call}. */
    private static List<List<Integer>> threadsSeenByTasks(String master, int taskCpus) {
        SparkConf conf = new SparkConf().setMaster(master).setAppName("task-native-threads-test")
                .set("spark.ui.enabled", "false").set("spark.task.cpus", String.valueOf(taskCpus));
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            int tasks = 2 / taskCpus;
            return sc.parallelize(List.of(0, 1), tasks).mapPartitions(rows -> {
                OPS.setOmpNumThreads(2); // as a fresh thread on this 2-core machine would have it
                int before = OPS.ompGetMaxThreads();
                int inside = TaskNativeThreads.call(OPS::ompGetMaxThreads);
                return List.of(List.of(before, inside, OPS.ompGetMaxThreads())).iterator();
            }).collect();
        }
    }
}
