package org.engram.learning.train;

import org.engram.learning.train.optim.LearningRateSchedule;
import org.engram.learning.train.optim.OptimizerSpec;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.EngineOptions;

/**
 * Settings of a {@link Trainer}. Build from {@link #defaults()} with the {@code with...} methods.
 *
 * @param surrogate      the surrogate derivative
 * @param slope          its slope, finite and {@code > 0}
 * @param detachReset    whether the spike in the reset ({@code s_t} in {@code u_t = v_t - th_t s_t} or
 *                       {@code v_t (1 - s_t)}) is treated as a constant in the backward pass, as snnTorch
 *                       does by default (the factors {@code th_t} and {@code v_t} keep their gradient);
 *                       {@code false} gives the full gradient
 * @param optimizer      the optimiser
 * @param schedule       the learning rate per step
 * @param weightDecay    L2 coefficient added to the gradient ({@code g += wd * w}), finite and {@code >= 0}
 * @param clipNorm       largest global gradient L2 norm; larger gradients are scaled down; 0 = off
 * @param batchSize      samples per batch, {@code >= 1}
 * @param blockSize      samples per gradient block, {@code >= 1}: the unit of parallel work and of
 *                       the fixed-order reduction; results depend on it, never on {@code threads}
 * @param threads        worker threads, {@code >= 1}
 * @param seed           seed of shuffling and encoding streams
 * @param activityTauMs  time constant of the {@link LayerActivity} rates (ms), {@code > 0}
 */
public record TrainerOptions(Surrogate surrogate, double slope, boolean detachReset, OptimizerSpec optimizer,
                             LearningRateSchedule schedule, double weightDecay, double clipNorm, int batchSize,
                             int blockSize, int threads, long seed, double activityTauMs) {
    private static final String OWNER = "trainer";

    /**
     * Validates every setting.
     *
     * @param surrogate     the surrogate derivative
     * @param slope         its slope, finite and {@code > 0}
     * @param detachReset   whether the spike in the reset ({@code s_t} in {@code u_t = v_t - th_t s_t} or
     *                      {@code v_t (1 - s_t)}) is treated as a constant in the backward pass, as snnTorch
     *                      does by default (the factors {@code th_t} and {@code v_t} keep their gradient);
     *                      {@code false} gives the full gradient
     * @param optimizer     the optimiser
     * @param schedule      the learning rate per step
     * @param weightDecay   L2 coefficient added to the gradient ({@code g += wd * w}), finite and {@code >= 0}
     * @param clipNorm      largest global gradient L2 norm; larger gradients are scaled down; 0 = off
     * @param batchSize     samples per batch, {@code >= 1}
     * @param blockSize     samples per gradient block, {@code >= 1}: the unit of parallel work and of
     *                      the fixed-order reduction; results depend on it, never on {@code threads}
     * @param threads       worker threads, {@code >= 1}
     * @param seed          seed of shuffling and encoding streams
     * @param activityTauMs time constant of the {@link LayerActivity} rates (ms), {@code > 0}
     */
    public TrainerOptions {
        if (surrogate == null || optimizer == null || schedule == null) {
            throw new ParameterException(OWNER, "surrogate/optimizer/schedule", "non-null values", "null");
        }
        ParameterException.requirePositive(OWNER, "slope", slope, "1/threshold");
        ParameterException.requireFinite(OWNER, "slope", slope, "1/threshold");
        ParameterException.requireNonNegative(OWNER, "weight_decay", weightDecay, "dimensionless");
        ParameterException.requireFinite(OWNER, "weight_decay", weightDecay, "dimensionless");
        ParameterException.requireNonNegative(OWNER, "clip_norm", clipNorm, "dimensionless");
        if (batchSize < 1) {
            throw new ParameterException(OWNER, "batch_size", "an integer >= 1", batchSize);
        }
        if (blockSize < 1) {
            throw new ParameterException(OWNER, "block_size", "an integer >= 1", blockSize);
        }
        EngineOptions.requireThreads(OWNER, threads);
        ParameterException.requirePositive(OWNER, "activity_tau", activityTauMs, "ms");
    }

    /**
     * Fast sigmoid (slope 10), full gradient through the reset, Adam at a constant 1e-3, no decay or
     * clipping, batch 128 in blocks of 16, one thread, seed 1, activity tau 20 ms.
     *
     * @return the defaults
     */
    public static TrainerOptions defaults() {
        return new TrainerOptions(Surrogate.FAST_SIGMOID, 10.0, false, OptimizerSpec.adam(),
                LearningRateSchedule.constant(1e-3), 0.0, 0.0, 128, 16, 1, 1L, 20.0);
    }

    /**
     * {@return these options with another surrogate}
     *
     * @param s     the surrogate
     * @param slopeValue its slope
     */
    public TrainerOptions withSurrogate(Surrogate s, double slopeValue) {
        return new TrainerOptions(s, slopeValue, detachReset, optimizer, schedule, weightDecay, clipNorm, batchSize,
                blockSize, threads, seed, activityTauMs);
    }

    /**
     * {@return these options with the reset switched}
     *
     * @param detach whether the reset is detached
     */
    public TrainerOptions withDetachReset(boolean detach) {
        return new TrainerOptions(surrogate, slope, detach, optimizer, schedule, weightDecay, clipNorm, batchSize,
                blockSize, threads, seed, activityTauMs);
    }

    /**
     * {@return these options with another optimiser and schedule}
     *
     * @param spec the optimiser
     * @param lr   the learning-rate schedule
     */
    public TrainerOptions withOptimizer(OptimizerSpec spec, LearningRateSchedule lr) {
        return new TrainerOptions(surrogate, slope, detachReset, spec, lr, weightDecay, clipNorm, batchSize,
                blockSize, threads, seed, activityTauMs);
    }

    /**
     * {@return these options with other regularisation}
     *
     * @param decay the weight decay
     * @param clip  the clipping norm (0 = off)
     */
    public TrainerOptions withRegularisation(double decay, double clip) {
        return new TrainerOptions(surrogate, slope, detachReset, optimizer, schedule, decay, clip, batchSize,
                blockSize, threads, seed, activityTauMs);
    }

    /**
     * {@return these options with other batching}
     *
     * @param batch samples per batch
     * @param block samples per block
     */
    public TrainerOptions withBatch(int batch, int block) {
        return new TrainerOptions(surrogate, slope, detachReset, optimizer, schedule, weightDecay, clipNorm, batch,
                block, threads, seed, activityTauMs);
    }

    /**
     * {@return these options with another thread count}
     *
     * @param n worker threads
     */
    public TrainerOptions withThreads(int n) {
        return new TrainerOptions(surrogate, slope, detachReset, optimizer, schedule, weightDecay, clipNorm, batchSize,
                blockSize, n, seed, activityTauMs);
    }

    /**
     * {@return these options with another seed}
     *
     * @param s the seed
     */
    public TrainerOptions withSeed(long s) {
        return new TrainerOptions(surrogate, slope, detachReset, optimizer, schedule, weightDecay, clipNorm, batchSize,
                blockSize, threads, s, activityTauMs);
    }

    /**
     * How many batches of {@code size} samples hold {@code samples} samples, the last one possibly smaller, as an
     * epoch or a batch's gradient blocks cut them. In long: {@code samples + size - 1} passes 2^31 for a size near
     * it, and a batch or block of 2^31 - 1 wrapped the count to a negative one (from a fuzz audit).
     *
     * @param samples the samples, {@code >= 0}
     * @param size    samples per batch, {@code >= 1}
     * @return the number of batches
     */
    public static int batches(int samples, int size) {
        return (int) (((long) samples + size - 1) / size);
    }
}
