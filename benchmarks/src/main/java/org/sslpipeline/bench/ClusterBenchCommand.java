package org.sslpipeline.bench;

import org.apache.hadoop.conf.Configuration;
import org.sslpipeline.bench.results.LocalFiles;
import org.sslpipeline.bench.results.ResultsCsv;
import org.sslpipeline.driver.cli.ConfigOptions;
import org.sslpipeline.driver.config.PipelineConfig;
import org.sslpipeline.driver.run.PseudoLabelStageResult;
import org.sslpipeline.driver.run.StageId;
import org.sslpipeline.driver.run.StageLog;
import org.sslpipeline.driver.run.TrainingStageResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = {"What crossing processes costs: the same one-round run submitted with deploy/spark-submit.sh "
                + "(the spark-submit jar of `mvn -DskipTests package`) to local[2] and to a standalone cluster of "
                + "two one-core workers on this machine (deploy/local-cluster.sh), in one run: FixMatch training "
                + "for a fixed number of steps on two workers, then the pseudo-label job over the same pool with "
                + "the teacher each trained (the same model up to float rounding). Rows go to "
                + "<results>/cluster.csv (mode,stage,images,seconds,images_per_second): train images are the rows "
                + "the workers stepped through, seconds the training loop's (train_seconds); pseudo-label images "
                + "the pool, seconds the job's. Settings: the config and --set, on top of FixMatch on 25 labels "
                + "per class."})
public final class ClusterBenchCommand implements Callable<Integer> {
    static final String HEADER = "mode,stage,images,seconds,images_per_second";

    @Mixin
    ConfigOptions config;

    @Option(names = "--steps", defaultValue = "60", description = "FixMatch steps per worker (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--images", defaultValue = "60000",
            description = "Unlabeled images to pseudo-label (default: ${DEFAULT-VALUE}).")
    int images;

    @Mixin
    ResultsFolder results;

    @Override
    public Integer call() throws Exception {
        Path home = Path.of(System.getProperty("ssl.home", ".")).toAbsolutePath();
        PipelineConfig pipeline = config.load();
        Path work = Path.of(pipeline.run().dir()).toAbsolutePath().resolve("bench-cluster");
        LocalFiles.deleteTree(work);
        Files.createDirectories(work);
        List<String> run = new ArrayList<>(List.of("run", "--set", "train.algorithm=fixmatch",
                "--set", "data.labels-per-class=25", "--set", "data.max-unlabeled=" + images,
                "--set", "train.steps-per-epoch=" + steps, "--set", "train.epochs=1",
                "--set", "train.eval-every-epochs=1000", "--set", "train.spark.workers=2",
                "--set", "noisy-student.student-epochs=1", "--set", "spark.conf.\"spark.ui.enabled\"=false"));
        if (config.configFile() != null) run.addAll(List.of("--config", config.configFile()));
        for (String override : config.overrides()) run.addAll(List.of("--set", override));

        Map<String, StageLog> states = new LinkedHashMap<>();
        states.put("local[2]", submit(home, work, "local[2]", "local", run));
        Path clusterDir = work.resolve("cluster");
        int masterPort = freePort();
        Map<String, String> clusterEnv = Map.of("SSL_CLUSTER_DIR", clusterDir.toString(),
                "SSL_MASTER_PORT", Integer.toString(masterPort), "SSL_MASTER_UI_PORT", Integer.toString(freePort()),
                "SSL_WORKER_UI_PORT", Integer.toString(freePort()));
        script(home, clusterEnv, work.resolve("local-cluster.log"), "deploy/local-cluster.sh", "start",
                "--workers", "2", "--cores", "1", "--memory", "2g");
        try {
            states.put("standalone", submit(home, work, "spark://127.0.0.1:" + masterPort, "standalone", run));
        } finally {
            script(home, clusterEnv, work.resolve("local-cluster.log"), "deploy/local-cluster.sh", "stop");
        }

        StageId pseudoLabeling = StageId.pseudo(1);
        String checksum = states.get("local[2]").result(pseudoLabeling, PseudoLabelStageResult.class).modelChecksum();
        if (!checksum.equals(states.get("standalone").result(pseudoLabeling, PseudoLabelStageResult.class).modelChecksum())) {
            System.out.println("note: the two teachers' weights are not bit-identical (their checksums differ: float "
                    + "rounding in each JVM's libnd4j); both label the same pool");
        }
        List<String> rows = new ArrayList<>();
        Map<String, double[]> rates = new LinkedHashMap<>();
        for (var entry : states.entrySet()) {
            TrainingStageResult teacher = entry.getValue().result(StageId.teacher(), TrainingStageResult.class);
            PseudoLabelStageResult pseudo = entry.getValue().result(pseudoLabeling, PseudoLabelStageResult.class);
            var train = pipeline.train();
            long trainImages = teacher.iterations() * train.batchSize()
                    * (1L + pipeline.algorithm().unlabeledRatio()) * 2;
            double trainSeconds = teacher.trainSeconds();
            long labeled = pseudo.pseudoLabels();
            double labelSeconds = pseudo.seconds();
            rows.add(row(entry.getKey(), "train", trainImages, trainSeconds));
            rows.add(row(entry.getKey(), "pseudo-label", labeled, labelSeconds));
            rates.put(entry.getKey(), new double[] {trainImages / trainSeconds, labeled / labelSeconds});
        }
        new ResultsCsv(results.resolve(pipeline).resolve("cluster.csv"), HEADER).append(rows);
        rows.forEach(System.out::println);
        double[] local = rates.get("local[2]");
        double[] standalone = rates.get("standalone");
        System.out.printf(Locale.ROOT, "standalone / local[2]: train %.2fx, pseudo-label %.2fx (target 0.8x)%n",
                standalone[0] / local[0], standalone[1] / local[1]);
        return 0;
    }

    private static StageLog submit(Path home, Path work, String master, String name, List<String> run) throws Exception {
        List<String> args = new ArrayList<>(List.of("--master", master, "--"));
        args.addAll(run);
        args.addAll(List.of("--set", "run.dir=" + work.resolve("runs-" + name), "--run-id", "bench"));
        Path log = work.resolve(name + ".log");
        System.out.println(name + ": deploy/spark-submit.sh " + String.join(" ", args) + "  (log: " + log + ")");
        script(home, Map.of("SPARK_LOCAL_IP", "127.0.0.1"), log, "deploy/spark-submit.sh", args.toArray(String[]::new));
        Path state = work.resolve("runs-" + name).resolve("bench/state.json");
        return StageLog.open(new Configuration(), new org.apache.hadoop.fs.Path(state.toUri()));
    }

    private static void script(Path home, Map<String, String> env, Path log, String script, String... args)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", home.resolve(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().remove("SPARK_HOME");
        builder.environment().putAll(env);
        int exit = builder.start().waitFor();
        if (exit != 0) throw new IllegalStateException(script + " " + args[0] + " ended with " + exit + "; see " + log);
    }

    private static String row(String mode, String stage, long images, double seconds) {
        return String.format(Locale.ROOT, "%s,%s,%d,%.2f,%.1f", mode, stage, images, seconds, images / seconds);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
