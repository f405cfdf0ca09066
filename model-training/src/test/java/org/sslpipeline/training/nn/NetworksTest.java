package org.sslpipeline.training.nn;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.sslpipeline.training.SyntheticImages;
import org.sslpipeline.training.augment.Augmentations;
import org.sslpipeline.training.optim.CosineDecaySchedule;
import org.sslpipeline.training.step.SupervisedStep;
import org.sslpipeline.training.step.TrainingBatch;
import org.sslpipeline.training.step.TrainingRows;
import org.sslpipeline.training.train.OptimizerStep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworksTest {

    @Test
    void wideResNet28x2OnGeneratedRgbImagesHasTheReferenceShapeAndTrains() {
        ComputationGraph graph = NetworkArchitecture.byName("wrn-28-2").build(
                new NetworkSpec(32, 32, 3, 10, 1, 0.0, 1), new Nesterovs(0.03, 0.9), 5e-4);
        // WRN-28-2 has about 1.47M parameters (FixMatch paper, appendix)
        long params = graph.numParams();
        assertTrue(params > 1_400_000 && params < 1_550_000, "parameters: " + params);

        assertOutputsAndOneStepTrains(graph, 32, 3, 128);
    }

    @Test
    void pooledCnnEmbedsBySpatialAverageAndTrains() {
        ComputationGraph graph = NetworkArchitecture.byName("pooled-cnn").build(
                new NetworkSpec(28, 28, 1, 10, 2, 0.0, 1), new Nesterovs(0.03, 0.9), 5e-4);
        // width 2: the last block's 64 x 2 channels, averaged over positions
        assertOutputsAndOneStepTrains(graph, 28, 1, 128);
    }

    @Test
    void threeBlockSmallCnnEmbedsItsPooledMapsAndTrains() {
        ComputationGraph graph = NetworkArchitecture.byName("small-cnn-3").build(
                new NetworkSpec(28, 28, 1, 10, 1, 0.0, 1), new Nesterovs(0.03, 0.9), 5e-4);
        assertEquals(64, graph.getLayer("conv3").getParam("W").size(0), "the third block doubles the second's 32 channels");
        assertOutputsAndOneStepTrains(graph, 28, 1, 128);
    }

    /** Four generated images of 10 classes give 10 logits and {@code features} features each; one step moves the weights. */
    private static void assertOutputsAndOneStepTrains(ComputationGraph graph, int size, int channels, int features) {
        var rows = new TrainingRows(10, Augmentations.byName("weak"), null, 1);
        TrainingBatch batch = new TrainingBatch(rows.batch(SyntheticImages.bars(4, 10, size, channels, 1), 0));
        INDArray[] outputs = graph.output(false, batch.weakView());
        assertArrayEquals(new long[]{4, 10}, outputs[NetworkOutputs.LOGITS_INDEX].shape());
        assertArrayEquals(new long[]{4, features}, outputs[NetworkOutputs.FEATURES_INDEX].shape());

        INDArray before = graph.params().dup();
        OptimizerStep.run(graph, new SupervisedStep(), batch, 10);
        assertEquals(1, graph.getConfiguration().getIterationCount());
        assertTrue(graph.params().distance2(before) > 0, "one step moved the weights");
    }

    @Test
    void smallCnnOutputsAndUnknownNamesFailClearly() {
        ComputationGraph graph = NetworkArchitecture.SMALL_CNN.build(
                new NetworkSpec(28, 28, 1, 10, 1, 0.5, 1), new Nesterovs(new CosineDecaySchedule(0.03, 100), 0.9), 5e-4);
        assertEquals(NetworkOutputs.LOGITS, graph.getConfiguration().getNetworkOutputs().get(NetworkOutputs.LOGITS_INDEX));
        assertEquals(NetworkOutputs.FEATURES, graph.getConfiguration().getNetworkOutputs().get(NetworkOutputs.FEATURES_INDEX));
        var e = assertThrows(IllegalArgumentException.class, () -> NetworkArchitecture.byName("resnet-9000"));
        assertTrue(e.getMessage().contains("resnet-9000") && e.getMessage().contains("small-cnn"));
    }

    @Test
    void cosineScheduleFollowsFixMatchAndSurvivesJsonRoundTrip() {
        CosineDecaySchedule s = new CosineDecaySchedule(0.03, 1000);
        assertEquals(0.03, s.valueAt(0, 0), 1e-12);
        assertEquals(0.03 * Math.cos(7 * Math.PI / 16), s.valueAt(1000, 3), 1e-12);
        ComputationGraph graph = NetworkArchitecture.SMALL_CNN.build(
                new NetworkSpec(28, 28, 1, 10, 1, 0.0, 1), new Nesterovs(s, 0.9), 5e-4);
        String json = graph.getConfiguration().toJson();
        var restored = org.deeplearning4j.nn.conf.ComputationGraphConfiguration.fromJson(json);
        assertEquals(graph.getConfiguration(), restored);
    }
}
