package org.sslpipeline.deploy;

import org.apache.hadoop.fs.Path;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Fashion-MNIST ingested once per test run into the shared HDFS, by whichever cluster test needs it first. */
final class HdfsCorpus {
    private HdfsCorpus() {}

    /**
     * The corpus's URI; ingested through {@code master} if it is not there yet.
     */
    static synchronized String fashionMnist(String master) throws Exception {
        MiniHdfs hdfs = MiniHdfs.shared();
        String corpus = hdfs.uri() + "/ssl/corpus/fashion-mnist";
        if (!hdfs.fileSystem().exists(new Path(corpus, "_corpus.json"))) {
            Submission ingest = Submission.of(ClusterTestKit.work("logs").resolve("ingest.log"),
                    List.of("--master", master),
                    List.of("ingest", "--set", "data.corpus=" + corpus,
                            "--set", "run.dir=" + ClusterTestKit.work("ingest-runs")));
            assertEquals(0, ingest.run(6), "ingest of Fashion-MNIST into HDFS; see " + ingest.log());
        }
        return corpus;
    }
}
