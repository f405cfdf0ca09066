package org.sslpipeline.driver;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OffHeapErrorTest {
    @Test
    void anExecutorOutOfNd4jMemoryIsNamedWithTheSettingsThatRaiseIt() {
        // what the driver gets: Spark's stage failure, the executor's error in its message and as a cause
        Throwable stageFailure = new RuntimeException("Job aborted due to stage failure: Task 0 in stage 53.0 failed 1 "
                + "times, most recent failure: Lost task 0.0 (executor 1): java.lang.OutOfMemoryError: Cannot allocate "
                + "new FloatPointer(200704): totalBytes = 784K, physicalBytes = 549M\n\tat org.bytedeco...",
                new IllegalStateException("wrapped"));
        String named = SslPipeline.offHeapExhaustion(stageFailure);
        assertTrue(named.startsWith("ND4J ran out of its off-heap memory (Cannot allocate new FloatPointer(200704): "
                + "totalBytes = 784K, physicalBytes = 549M)"), named);
        assertTrue(named.contains("org.bytedeco.javacpp.maxbytes") && named.contains("SSL_EXECUTOR_OFFHEAP"), named);

        assertTrue(SslPipeline.offHeapExhaustion(new RuntimeException("outer",
                new OutOfMemoryError("Cannot allocate new BytePointer(1024)"))).contains("BytePointer(1024)"));
        assertNull(SslPipeline.offHeapExhaustion(new RuntimeException("corpus not found")));
    }
}
