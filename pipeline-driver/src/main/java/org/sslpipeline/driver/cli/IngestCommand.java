package org.sslpipeline.driver.cli;

import org.apache.spark.sql.SparkSession;
import org.sslpipeline.driver.run.SparkSessions;
import org.sslpipeline.driver.config.IngestSettings;
import org.sslpipeline.driver.config.PipelineConfig;
import org.sslpipeline.jobs.ingest.IngestJob;
import org.sslpipeline.jobs.ingest.IngestRequest;
import org.sslpipeline.jobs.ingest.IngestSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Import a dataset (fashion-mnist IDX files, an image folder, or Parquet) into a sharded Parquet "
                + "corpus on any Hadoop file system. Corrupt files are quarantined with a reason, never fatal.",
                "An image folder is root/<split>/<class>/<image> or root/<class>/<image> (then a test split is "
                        + "drawn from it); unlabeled/ folders and files outside class folders become unlabeled rows.",
                "The corpus goes to data.corpus unless --output is given."})
public final class IngestCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Option(names = "--output", paramLabel = "URI", description = "Corpus folder to write (default: data.corpus).")
    String output;

    @Option(names = "--append", description = "Add the source's images to the existing corpus (new splits, or more "
            + "rows for its splits, e.g. unlabeled images) in one atomic step; same as --set ssl.ingest.append=true.")
    boolean append;

    @Override
    public Integer call() {
        PipelineConfig pipeline = config.load();
        IngestSettings s = append ? pipeline.ingest().withAppend(true) : pipeline.ingest();
        String target = output != null ? output : pipeline.data().corpus();
        IngestRequest request = s.request(target);
        try (SparkSession spark = SparkSessions.start(pipeline)) {
            IngestSummary summary = IngestJob.run(spark, request);
            System.out.println(summary.format());
            System.out.println((s.append() ? "images appended to corpus " : "corpus written to ") + target);
        }
        return 0;
    }
}
