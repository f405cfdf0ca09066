package org.sslpipeline.driver.cli;

import org.sslpipeline.driver.SslPipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The real Fashion-MNIST corpus, ingested once per build (per module) through the CLI into target/test-corpus. */
public final class TestCorpus {
    private TestCorpus() {}

    static final Path DIR = Path.of("target", "test-corpus").toAbsolutePath();
    static final String FASHION_MNIST = DIR.resolve("fashion-mnist").toString();

    /** Settings every CLI test uses: a small local Spark, Kryo registration enforced, runs in target. */
    public static List<String> settings(Path runDir) {
        return List.of(
                "spark.master=local[2]",
                "spark.conf.\"spark.ui.enabled\"=false",
                "spark.conf.\"spark.sql.shuffle.partitions\"=4",
                "spark.conf.\"spark.kryo.registrationRequired\"=true",
                "data.corpus=" + FASHION_MNIST,
                "run.dir=" + runDir);
    }

    /** {@link #settings} as --set options. */
    public static List<String> baseArgs(Path runDir) {
        List<String> args = new ArrayList<>();
        for (String setting : settings(runDir)) args.addAll(List.of("--set", setting));
        return args;
    }

    public static synchronized String fashionMnist() {
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
