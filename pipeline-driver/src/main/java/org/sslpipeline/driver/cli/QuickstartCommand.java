package org.sslpipeline.driver.cli;

import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.sslpipeline.driver.run.SparkSessions;
import org.sslpipeline.driver.config.PipelineConfig;
import org.sslpipeline.driver.run.RunFolder;
import org.sslpipeline.driver.run.NoisyStudentRun;
import org.sslpipeline.jobs.corpus.CorpusLayout;
import org.sslpipeline.jobs.ingest.IngestJob;
import org.sslpipeline.training.io.HadoopFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = {"Fashion-MNIST end to end on this machine: make sure the dataset is installed (Debian package "
                + "dataset-fashion-mnist), ingest it into a Parquet corpus (once), then with conf/quickstart.conf train a "
                + "FixMatch teacher on 250 labels and one Noisy Student round on Spark local[*], and print the test "
                + "accuracies."})
public final class QuickstartCommand implements Callable<Integer> {
    static final String DEBIAN_PACKAGE = "dataset-fashion-mnist";
    static final List<String> IDX_FILES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        PipelineConfig pipeline = config.load(java.nio.file.Path.of(System.getProperty("ssl.home", "."), "conf", "quickstart.conf"));
        long started = System.nanoTime();
        if (!fashionMnistPresent(pipeline.ingest().source()) && !installFashionMnist(pipeline.ingest().source())) {
            System.err.println("Fashion-MNIST is not in " + pipeline.ingest().source() + ". Install it with:\n"
                    + "  sudo apt-get update && sudo apt-get install -y " + DEBIAN_PACKAGE + "\nthen run the quick start again.");
            return 3;
        }
        String corpus = pipeline.data().corpus();
        String id = pipeline.run().id().isEmpty() ? RunFolder.newId("quickstart") : pipeline.run().id();
        try (SparkSession spark = SparkSessions.start(pipeline)) {
            Path manifest = CorpusLayout.of(corpus).manifest();
            if (HadoopFiles.exists(spark.sparkContext().hadoopConfiguration(), manifest)) {
                System.out.println("corpus " + corpus + " already ingested; reusing it");
            } else {
                System.out.println(IngestJob.run(spark, pipeline.ingest().request(corpus)).format());
            }
            NoisyStudentRun.Result result = new NoisyStudentRun(spark, pipeline,
                    RunFolder.of(pipeline.run().dir(), id).root()).run();
            double minutes = (System.nanoTime() - started) / 60e9;
            System.out.printf("%nquick start done in %.1f min%n", minutes);
            System.out.printf("teacher (%s, %d labels per class): test accuracy %.4f%n", pipeline.train().algorithm(),
                    pipeline.data().labelsPerClass(), result.teacherAccuracy());
            for (NoisyStudentRun.Round round : result.rounds()) {
                System.out.printf("Noisy Student round %d: %d pseudo-labels, %d selected; student test accuracy %.4f%n",
                        round.round(), round.pseudoLabels(), round.selected(), round.studentAccuracy());
            }
            System.out.println("models, labels and metrics: " + result.root());
        }
        return 0;
    }

    static boolean fashionMnistPresent(String folder) {
        for (String name : IDX_FILES) {
            if (!new File(folder, name + ".gz").isFile() && !new File(folder, name).isFile()) return false;
        }
        return true;
    }

    /** Installs Debian's package when this process may (root with apt-get); true if the files are then there. */
    private static boolean installFashionMnist(String folder) throws IOException, InterruptedException {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root || !Files.isExecutable(java.nio.file.Path.of("/usr/bin/apt-get"))) return false;
        System.out.println("installing Debian package " + DEBIAN_PACKAGE + "...");
        if (exec("apt-get", "install", "-y", DEBIAN_PACKAGE) != 0) {
            exec("apt-get", "update");
            exec("apt-get", "install", "-y", DEBIAN_PACKAGE);
        }
        return fashionMnistPresent(folder);
    }

    private static int exec(String... command) throws IOException, InterruptedException {
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }
}
