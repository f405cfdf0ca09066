package org.sslpipeline.training.eval;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sslpipeline.training.data.LabeledImage;
import org.sslpipeline.training.nn.ModelFiles;
import org.sslpipeline.training.nn.NetworkOutputs;
import org.sslpipeline.training.spark.TaskNativeThreads;
import org.sslpipeline.training.step.HardTargets;
import org.sslpipeline.training.step.OneVsAll;
import org.sslpipeline.training.step.TrainingRows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * How well a model tells images of unknown classes from known ones, as OpenMatch measures it: AUROC of the outlier
 * score with the unknown rows as positives, and the binary error of calling a row an outlier when its score exceeds
 * 0.5. The score of a model with one-vs-all heads is the OVA outlier probability of the class its classifier
 * predicts; of another model, one minus its largest softmax probability (the maximum-softmax baseline the OpenMatch
 * paper compares with).
 *
 * @param score       {@value #OVA_SCORE} or {@value #SOFTMAX_SCORE}
 * @param known       rows of known classes
 * @param unknown     rows of unknown classes (no label)
 * @param auroc       area under the ROC curve of the outlier score (ties count half)
 * @param binaryError share of rows the 0.5 cut puts on the wrong side
 */
public record OutlierMetrics(String score, long known, long unknown, double auroc, double binaryError) {
    /** A row is called an outlier when its score exceeds this. */
    public static final double OUTLIER_ABOVE = 0.5;
    public static final String OVA_SCORE = "ova";
    public static final String SOFTMAX_SCORE = "1 - max softmax";

    /** As a Spark job over test rows: known-class rows labeled, unknown-class rows unlabeled. */
    public static OutlierMetrics evaluate(JavaSparkContext sc, ComputationGraph graph, JavaRDD<LabeledImage> rows,
                                          int batchSize) {
        String score = NetworkOutputs.has(graph, NetworkOutputs.OVA) ? OVA_SCORE : SOFTMAX_SCORE;
        Broadcast<byte[]> model = sc.broadcast(ModelFiles.toBytes(graph, false));
        try {
            List<double[]> scored = rows.mapPartitions(it -> TaskNativeThreads.call(
                    () -> scores(ModelFiles.fromBytes(model.value(), false), it, batchSize)).iterator()).collect();
            double[] knownScores = scored.stream().filter(s -> s[1] == 0).mapToDouble(s -> s[0]).toArray();
            double[] unknownScores = scored.stream().filter(s -> s[1] == 1).mapToDouble(s -> s[0]).toArray();
            return of(score, knownScores, unknownScores);
        } finally {
            model.destroy();
        }
    }

    /** From the outlier scores of known and of unknown rows. */
    public static OutlierMetrics of(String score, double[] knownScores, double[] unknownScores) {
        long wrong = Arrays.stream(knownScores).filter(s -> s > OUTLIER_ABOVE).count()
                + Arrays.stream(unknownScores).filter(s -> s <= OUTLIER_ABOVE).count();
        long total = knownScores.length + unknownScores.length;
        return new OutlierMetrics(score, knownScores.length, unknownScores.length, auroc(knownScores, unknownScores),
                total == 0 ? Double.NaN : (double) wrong / total);
    }

    /** The Mann-Whitney statistic: the chance that an unknown row scores above a known one, ties counting half. */
    static double auroc(double[] negatives, double[] positives) {
        if (negatives.length == 0 || positives.length == 0) return Double.NaN;
        double[] sorted = negatives.clone();
        Arrays.sort(sorted);
        double wins = 0;
        for (double p : positives) {
            int below = lowerBound(sorted, p);
            int notAbove = upperBound(sorted, p);
            wins += below + 0.5 * (notAbove - below);
        }
        return wins / ((double) negatives.length * positives.length);
    }

    private static int lowerBound(double[] sorted, double value) {
        int low = 0, high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < value) low = mid + 1; else high = mid;
        }
        return low;
    }

    private static int upperBound(double[] sorted, double value) {
        int low = 0, high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] <= value) low = mid + 1; else high = mid;
        }
        return low;
    }

    /** (score, 1 if unknown else 0) of every row. */
    private static List<double[]> scores(ComputationGraph graph, Iterator<LabeledImage> it, int batchSize) {
        List<double[]> scores = new ArrayList<>();
        List<LabeledImage> chunk = new ArrayList<>(batchSize);
        while (it.hasNext()) {
            chunk.clear();
            while (it.hasNext() && chunk.size() < batchSize) chunk.add(it.next());
            INDArray[] outputs = graph.output(false, TrainingRows.input(chunk.stream().map(LabeledImage::pixels).toList()));
            int ova = graph.getConfiguration().getNetworkOutputs().indexOf(NetworkOutputs.OVA);
            INDArray logits = outputs[NetworkOutputs.LOGITS_INDEX];
            INDArray outlier = ova >= 0 ? OneVsAll.outlierScores(HardTargets.of(logits), outputs[ova])
                    : HardTargets.of(logits).confidence().rsub(1.0).reshape(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                scores.add(new double[]{outlier.getDouble(i), chunk.get(i).isLabeled() ? 0 : 1});
            }
        }
        return scores;
    }

}
