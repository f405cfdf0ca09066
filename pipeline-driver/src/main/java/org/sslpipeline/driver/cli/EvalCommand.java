package org.sslpipeline.driver.cli;

import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.sslpipeline.driver.run.SavedModel;
import org.sslpipeline.driver.run.SparkSessions;
import org.sslpipeline.driver.config.PipelineConfig;
import org.sslpipeline.jobs.corpus.CorpusManifest;
import org.sslpipeline.jobs.corpus.CorpusReader;
import org.sslpipeline.training.eval.ClassificationMetrics;
import org.sslpipeline.training.eval.Evaluator;
import org.sslpipeline.training.io.HadoopFiles;
import org.sslpipeline.training.nn.ModelFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a model.zip on a split of a corpus (default: data.corpus, split test): accuracy, "
                + "per-class accuracy and confusion matrix.")
public final class EvalCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Option(names = "--model", required = true, paramLabel = "URI", description = "A DL4J model zip (e.g. runs/<id>/train/model.zip).")
    String model;

    @Option(names = "--split", defaultValue = "test", description = "Corpus split to evaluate on (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--output", paramLabel = "URI", description = "Also write the metrics as JSON here.")
    String output;

    @Override
    public Integer call() throws Exception {
        PipelineConfig pipeline = config.load();
        try (SparkSession spark = SparkSessions.start(pipeline)) {
            var hadoop = spark.sparkContext().hadoopConfiguration();
            CorpusManifest manifest = CorpusReader.manifest(spark, pipeline.data().corpus());
            String corpus = "corpus " + pipeline.data().corpus();
            // models saved before descriptions existed are evaluated unchecked
            ModelFiles.description(new Path(model), hadoop).map(d -> new SavedModel(model, null, d)).ifPresent(saved -> {
                saved.requireInputShape(manifest.imageShape(), corpus);
                saved.requireClasses(manifest.classNames(), corpus);
            });
            ComputationGraph graph = ModelFiles.read(new Path(model), false, hadoop);
            ClassificationMetrics metrics = new Evaluator(manifest.numClasses(), pipeline.eval().batchSize())
                    .evaluate(JavaSparkContext.fromSparkContext(spark.sparkContext()), graph,
                            CorpusReader.images(spark, pipeline.data().corpus(), split));
            System.out.printf("%s on %s/%s: accuracy %.4f over %d examples%n", model, pipeline.data().corpus(), split,
                    metrics.accuracy(), metrics.examples());
            Map<String, Double> perClass = new LinkedHashMap<>();
            for (int c = 0; c < manifest.numClasses(); c++) {
                perClass.put(manifest.classNames().get(c), metrics.perClassAccuracy().get(c));
                System.out.printf("  %-14s %.4f%n", manifest.classNames().get(c), metrics.perClassAccuracy().get(c));
            }
            if (output != null) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("model", model);
                json.put("split", split);
                json.put("examples", metrics.examples());
                json.put("accuracy", metrics.accuracy());
                json.put("per_class_accuracy", perClass);
                json.put("confusion", metrics.confusion());
                HadoopFiles.writeText(hadoop, new Path(output),
                        new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
            }
        }
        return 0;
    }
}
