package org.engram.simulator.engine;

import org.engram.simulator.ParameterException;

/**
 * How an {@link Engine} runs a network.
 *
 * @param threads                number of worker threads, {@code >= 1}; results do not depend on it
 * @param mode                   grid or precise-time mode
 * @param minParallelNeuronSteps slices with fewer neuron-steps than this run on the calling thread,
 *                               since waking workers would cost more than the work (default
 *                               {@value #DEFAULT_MIN_PARALLEL_NEURON_STEPS}); results do not depend on it
 */
public record EngineOptions(int threads, Mode mode, int minParallelNeuronSteps) {
    /** The most worker threads an engine takes. */
    public static final int MAX_THREADS = 1024;

    /** The default of {@code minParallelNeuronSteps}: a few microseconds of neuron updates. */
    public static final int DEFAULT_MIN_PARALLEL_NEURON_STEPS = 20_000;

    /** Validates the thread count. */
    public EngineOptions {
        requireThreads("engine", threads);
        if (mode == null) {
            throw new ParameterException("engine", "mode", "grid or precise", "null");
        }
        if (minParallelNeuronSteps < 0) {
            throw new ParameterException("engine", "min_parallel_neuron_steps", "an integer >= 0",
                    minParallelNeuronSteps);
        }
    }

    /**
     * Checks a count of worker threads, for the engine and for everything else that starts workers:
     * beyond {@value #MAX_THREADS} a typo would start a thread per unit and run out of memory.
     *
     * @param owner   what the count is for, for the message
     * @param threads the count
     * @throws ParameterException unless {@code 1 <= threads <= MAX_THREADS}
     */
    public static void requireThreads(String owner, int threads) {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new ParameterException(owner, "threads", "an integer in [1, " + MAX_THREADS + "]", threads);
        }
    }

    /**
     * Options with the default parallel threshold.
     *
     * @param threads worker threads
     * @param mode    grid or precise
     */
    public EngineOptions(int threads, Mode mode) {
        this(threads, mode, DEFAULT_MIN_PARALLEL_NEURON_STEPS);
    }

    /**
     * The same options with another parallel threshold; 0 shares every slice between the threads.
     *
     * @param neuronSteps the threshold
     * @return the options
     */
    public EngineOptions withMinParallelNeuronSteps(int neuronSteps) {
        return new EngineOptions(threads, mode, neuronSteps);
    }

    /**
     * Grid mode.
     *
     * @param threads number of worker threads
     * @return the options
     */
    public static EngineOptions grid(int threads) {
        return new EngineOptions(threads, Mode.GRID);
    }

    /**
     * Precise-time mode.
     *
     * @param threads number of worker threads
     * @return the options
     */
    public static EngineOptions precise(int threads) {
        return new EngineOptions(threads, Mode.PRECISE);
    }
}
