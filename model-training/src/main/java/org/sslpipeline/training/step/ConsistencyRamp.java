package org.sslpipeline.training.step;

import java.io.Serializable;

/**
 * The consistency weight of the Pi-model, Temporal Ensembling and Mean Teacher: w(t) = w_max * exp(-5 (1 - T)^2)
 * (Laine and Aila 2017), T = the run's progress divided by the ramp's length, clipped to [0, 1].
 *
 * @param maxWeight  w_max as it applies (already scaled by the labeled fraction where the algorithm asks for it)
 * @param rampLength fraction of the run the ramp-up takes, in (0, 1]
 */
record ConsistencyRamp(double maxWeight, double rampLength) implements Serializable {

    double weightAt(double progress) {
        double t = Math.min(1.0, progress / rampLength);
        return maxWeight * Math.exp(-5.0 * (1.0 - t) * (1.0 - t));
    }
}
