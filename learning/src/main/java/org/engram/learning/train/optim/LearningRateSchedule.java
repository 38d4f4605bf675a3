package org.engram.learning.train.optim;

import org.engram.simulator.ParameterException;

/**
 * The learning rate as a function of the optimisation step (0 for the first batch).
 *
 * <pre>
 *   constant(lr):                  lr
 *   step(lr, every, gamma):        lr gamma^floor(step / every)
 *   cosine(lr, minLr, total):      minLr + (lr - minLr) (1 + cos(pi min(step, total) / total)) / 2
 * </pre>
 */
public interface LearningRateSchedule {

    /**
     * {@return the learning rate}
     *
     * @param step the optimisation step, from 0
     */
    double rate(long step);

    /** {@return the learning rate of step 0} */
    default double initial() {
        return rate(0);
    }

    /**
     * {@return a constant schedule}
     *
     * @param lr the learning rate, finite and {@code > 0}
     */
    static LearningRateSchedule constant(double lr) {
        requireRate(lr);
        return step -> lr;
    }

    /**
     * {@return a step-decay schedule}
     *
     * @param lr    the initial learning rate, finite and {@code > 0}
     * @param every steps between decays, {@code >= 1}
     * @param gamma factor per decay, in (0, 1]
     */
    static LearningRateSchedule step(double lr, long every, double gamma) {
        requireRate(lr);
        if (every < 1) {
            throw new ParameterException("learning rate schedule", "every", "an integer >= 1 (steps)", every);
        }
        if (!(gamma > 0 && gamma <= 1)) {
            throw new ParameterException("learning rate schedule", "gamma", "a factor in (0, 1]", gamma);
        }
        return step -> lr * StrictMath.pow(gamma, (double) (step / every));
    }

    /**
     * {@return a cosine schedule, constant at {@code minLr} after {@code total} steps}
     *
     * @param lr    the initial learning rate, finite and {@code > 0}
     * @param minLr the final learning rate, in [0, lr]
     * @param total the steps over which the rate falls, {@code >= 1}
     */
    static LearningRateSchedule cosine(double lr, double minLr, long total) {
        requireRate(lr);
        if (!(minLr >= 0 && minLr <= lr)) {
            throw new ParameterException("learning rate schedule", "min_lr", "a rate in [0, lr = " + lr + "]", minLr);
        }
        if (total < 1) {
            throw new ParameterException("learning rate schedule", "total", "an integer >= 1 (steps)", total);
        }
        return step -> minLr + (lr - minLr) * (1 + StrictMath.cos(Math.PI * Math.min(step, total) / total)) / 2;
    }

    /** A rate must be finite as well as positive: an infinite one turns the weights into NaN at once. */
    private static void requireRate(double lr) {
        ParameterException.requirePositive("learning rate schedule", "lr", lr, "dimensionless");
        ParameterException.requireFinite("learning rate schedule", "lr", lr, "dimensionless");
    }
}
