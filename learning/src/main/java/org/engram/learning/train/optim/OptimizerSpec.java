package org.engram.learning.train.optim;

import org.engram.simulator.ParameterException;

/**
 * Which optimiser to use and its hyperparameters.
 *
 * @param kind     SGD or Adam
 * @param momentum SGD momentum in [0, 1)
 * @param beta1    Adam first-moment decay in [0, 1)
 * @param beta2    Adam second-moment decay in [0, 1)
 * @param epsilon  Adam denominator offset, {@code > 0} also when rounded to float (at least {@code Float.MIN_VALUE})
 */
public record OptimizerSpec(Kind kind, double momentum, double beta1, double beta2, double epsilon) {
    private static final String OWNER = "optimizer";

    /** The optimiser family. */
    public enum Kind {
        /** Stochastic gradient descent with (heavy-ball) momentum. */
        SGD,
        /** Adam (Kingma and Ba 2015). */
        ADAM
    }

    /**
     * Validates the hyperparameters.
     *
     * @param kind     SGD or Adam
     * @param momentum SGD momentum in [0, 1)
     * @param beta1    Adam first-moment decay in [0, 1)
     * @param beta2    Adam second-moment decay in [0, 1)
     * @param epsilon  Adam denominator offset, {@code > 0} also when rounded to float (at least
     *                 {@code Float.MIN_VALUE})
     */
    public OptimizerSpec {
        if (kind == null) {
            throw new ParameterException(OWNER, "kind", "sgd or adam", "null");
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new ParameterException(OWNER, "momentum", "a number in [0, 1)", momentum);
        }
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new ParameterException(OWNER, "beta1", "a number in [0, 1)", beta1);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new ParameterException(OWNER, "beta2", "a number in [0, 1)", beta2);
        }
        ParameterException.requirePositive(OWNER, "epsilon", epsilon, "dimensionless");
        if (!((float) epsilon > 0)) {
            // Adam adds epsilon in float: one that rounds to 0 makes 0 / 0 = NaN for a weight whose
            // gradient has been 0 so far.
            throw new ParameterException(OWNER, "epsilon", "a number >= " + Float.MIN_VALUE
                    + " (the smallest positive float; Adam computes in float)", epsilon);
        }
    }

    /**
     * SGD with momentum.
     *
     * @param momentum the momentum in [0, 1), 0 for plain SGD
     * @return the spec
     */
    public static OptimizerSpec sgd(double momentum) {
        return new OptimizerSpec(Kind.SGD, momentum, 0.9, 0.999, 1e-8);
    }

    /** {@return Adam with beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8} */
    public static OptimizerSpec adam() {
        return new OptimizerSpec(Kind.ADAM, 0, 0.9, 0.999, 1e-8);
    }

    /**
     * Creates the optimiser for matrices of the given sizes.
     *
     * @param sizes number of weights of each matrix
     * @return the optimiser
     */
    public Optimizer create(int[] sizes) {
        return switch (kind) {
            case SGD -> new Sgd((float) momentum, sizes);
            case ADAM -> new Adam(beta1, beta2, (float) epsilon, sizes);
        };
    }
}
