package org.sslpipeline.jobs.pseudo;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sslpipeline.training.nn.ModelFiles;
import org.sslpipeline.training.nn.NetworkArchitecture;
import org.sslpipeline.training.nn.NetworkOutputs;
import org.sslpipeline.training.nn.NetworkSpec;
import org.sslpipeline.training.optim.OptimizerSettings;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The executor's teacher pool: built once per model, one replica per task inferring at once, weights shared. */
class ExecutorTeacherTest {
    private static final INDArray INPUT = Nd4j.rand(DataType.FLOAT, 8, 1, 28, 28);

    @Test
    void tasksInferringAtOnceGetReplicasThatShareTheTeachersWeightsAndOutputs() {
        byte[] model = model(31);
        String checksum = PseudoLabelJob.checksum(model);
        AtomicInteger builds = new AtomicInteger();
        ComputationGraph first = ExecutorTeacher.borrow(checksum, () -> counted(builds, model));
        ComputationGraph second = ExecutorTeacher.borrow(checksum, () -> counted(builds, model));

        assertEquals(1, builds.get(), "the model is read from its bytes once");
        assertNotSame(first, second);
        assertSame(first.params().data(), second.params().data(), "one weight array for both");
        assertEquals(logits(first), logits(second));

        ExecutorTeacher.giveBack(checksum, second);
        assertSame(second, ExecutorTeacher.borrow(checksum, () -> counted(builds, model)), "an idle one is reused");
        ExecutorTeacher.giveBack(checksum, first);
        ExecutorTeacher.giveBack(checksum, second);
    }

    @Test
    void aNewModelReplacesTheKeptOne() {
        byte[] before = model(31);
        byte[] after = model(32);
        ComputationGraph old = ExecutorTeacher.borrow(PseudoLabelJob.checksum(before), () -> before);
        ExecutorTeacher.giveBack(PseudoLabelJob.checksum(before), old);

        INDArray logits = ExecutorTeacher.outputs(PseudoLabelJob.checksum(after), () -> after, INPUT).logits();

        assertEquals(logits(ModelFiles.fromBytes(after, false)), logits);
    }

    private static byte[] model(long seed) {
        return ModelFiles.toBytes(NetworkArchitecture.SMALL_CNN.build(new NetworkSpec(28, 28, 1, 10, 1, 0.5, seed),
                OptimizerSettings.fixMatchDefaults().updater(10), 5e-4), false);
    }

    private static byte[] counted(AtomicInteger builds, byte[] model) {
        builds.incrementAndGet();
        return model;
    }

    private static INDArray logits(ComputationGraph network) {
        return network.output(false, INPUT)[NetworkOutputs.LOGITS_INDEX];
    }
}
