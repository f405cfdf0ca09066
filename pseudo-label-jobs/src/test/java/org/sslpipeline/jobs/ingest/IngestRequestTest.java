package org.sslpipeline.jobs.ingest;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IngestRequestTest {

    @Test
    void anUnknownFormatFailsListingTheKnownOnes() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> new IngestRequest("cifar", "/data", "/out")).getMessage();

        assertTrue(message.contains("'cifar'") && message.contains("fashion-mnist, image-folder, parquet"), message);
    }

    @Test
    void fillsDefaults() {
        IngestRequest request = new IngestRequest("fashion-mnist", null, "hdfs://nn/corpora/fmnist/");

        assertEquals("/usr/share/datasets/fashion-mnist", request.source());
        assertEquals("fmnist", request.name());
        assertEquals("train", request.split());
        assertEquals(IngestRequest.DEFAULT_SHARD_ROWS, request.shardRows());
    }

    @Test
    void rejectsBadValues() {
        assertThrows(IllegalArgumentException.class, () -> new IngestRequest("image-folder", null, "/out"));
        assertThrows(IllegalArgumentException.class, () -> new IngestRequest("parquet", "/in", " "));
        assertThrows(IllegalArgumentException.class, () -> new IngestRequest("parquet", "/in", "/out", null, "_quarantine", 10, false));
        assertThrows(IllegalArgumentException.class, () -> new IngestRequest("parquet", "/in", "/out", null, null, 0, false));
    }
}
