package org.sslpipeline.driver.cli;

import org.sslpipeline.driver.SslPipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The real Fashion-MNIST corpus, ingested once per build through the CLI into target/test-corpus. */
final class TestCorpus {
    private TestCorpus() {}

    static final Path DIR = Path.of("target", "test-corpus").toAbsolutePath();
    static final String FASHION_MNIST = DIR.resolve("fashion-mnist").toString();

    /** Settings every CLI test uses: a small local Spark, Kryo registration enforced, runs in target. */
    static List<String> baseArgs(Path runDir) {
        return new ArrayList<>(List.of(
                "--set", "spark.master=local[2]",
                "--set", "spark.conf.\"spark.ui.enabled\"=false",
                "--set", "spark.conf.\"spark.sql.shuffle.partitions\"=4",
                "--set", "spark.conf.\"spark.kryo.registrationRequired\"=true",
                "--set", "data.corpus=" + FASHION_MNIST,
                "--set", "run.dir=" + runDir));
    }

    static synchronized String fashionMnist() {
        if (!Files.exists(DIR.resolve("fashion-mnist").resolve("_corpus.json"))) {
            List<String> args = new ArrayList<>(List.of("ingest"));
            args.addAll(baseArgs(DIR.resolve("runs")));
            assertEquals(0, SslPipeline.run(args.toArray(String[]::new)), "ingest of Fashion-MNIST");
        }
        return FASHION_MNIST;
    }

    static String[] args(List<String> base, String... more) {
        List<String> all = new ArrayList<>(List.of(more));
        all.addAll(1, base);
        return all.toArray(String[]::new);
    }
}
