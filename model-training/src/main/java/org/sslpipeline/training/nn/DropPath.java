package org.sslpipeline.training.nn;

import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The drop path of stochastic depth (Huang et al. 2016) as a DL4J dropout: in training, each example's activations
 * are kept whole with probability {@code survival} and then scaled by 1/survival, or zeroed whole. The scaling is
 * done in training so that inference, where DL4J applies no dropout, is the identity.
 * <p>
 * Meant for a {@link org.deeplearning4j.nn.conf.layers.DropoutLayer} at the end of a residual branch: DL4J's
 * {@code ActivationLayer} ignores its dropout setting. The mask is drawn from {@code Nd4j.getRandom()}, so
 * {@code Nd4j.getRandom().setSeed(..)} before a forward pass reproduces it.
 */
public final class DropPath implements IDropout {
    private static final long serialVersionUID = 1L;

    @JsonProperty
    private final double survival;
    /** One value per example, 0 or 1/survival, kept from the forward pass for backprop. */
    private transient INDArray mask;

    /** @param survival probability in (0, 1] that an example keeps the branch */
    @JsonCreator
    public DropPath(@JsonProperty("survival") double survival) {
        if (!(survival > 0 && survival <= 1)) {
            throw new IllegalArgumentException("survival probability must be in (0,1], got " + survival);
        }
        this.survival = survival;
    }

    public double survival() {
        return survival;
    }

    @Override
    public INDArray applyDropout(INDArray input, INDArray output, int iteration, int epoch, LayerWorkspaceMgr workspaceMgr) {
        mask = workspaceMgr.createUninitialized(ArrayType.INPUT, output.dataType(), input.size(0));
        Nd4j.getExecutioner().exec(new BernoulliDistribution(mask, survival));
        mask.divi(survival);
        return Broadcast.mul(input, mask, output, 0);
    }

    @Override
    public INDArray backprop(INDArray gradAtOutput, INDArray gradAtInput, int iteration, int epoch) {
        if (mask == null) {
            throw new IllegalStateException("no drop-path mask: backprop needs a training forward pass first");
        }
        INDArray m = mask.dataType() == gradAtOutput.dataType() ? mask : mask.castTo(gradAtOutput.dataType());
        Broadcast.mul(gradAtOutput, m, gradAtInput, 0);
        mask = null;
        return gradAtInput;
    }

    @Override
    public void clear() {
        mask = null;
    }

    @Override
    public DropPath clone() {
        return new DropPath(survival);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DropPath other && Double.compare(survival, other.survival) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(survival);
    }

    @Override
    public String toString() {
        return "DropPath(survival=" + survival + ")";
    }
}
