package org.engram.simulator.engine;

import org.engram.simulator.ParameterException;

/**
 * How an {@link Engine} runs a network.
 *
 * @param threads                number of worker threads, 1 to {@value #MAX_THREADS}; results do not
 *                               depend on it. In grid mode, threads that share the slices have rows of
 *                               input of their own, up to (threads + 1) / 2 times the memory of one
 *                               set, while the extra stays under a sixteenth of the heap
 * @param mode                   grid or precise-time mode
 * @param minParallelNeuronSteps slices with fewer neuron-steps than this run on the calling thread,
 *                               since waking workers would cost more than the work; each population's
 *                               neuron-steps count times its model's {@code stepCost()} (default
 *                               {@value #DEFAULT_MIN_PARALLEL_NEURON_STEPS} in grid mode,
 *                               {@value #DEFAULT_MIN_PARALLEL_NEURON_STEPS_PRECISE} in precise mode);
 *                               results do not depend on it
 */
public record EngineOptions(int threads, Mode mode, int minParallelNeuronSteps) {
    /** The most worker threads an engine takes. */
    public static final int MAX_THREADS = 1024;

    /**
     * The default of {@code minParallelNeuronSteps} in grid mode, about five microseconds of neuron
     * updates. Measured on two cores with CUBA networks in one-step slices, 10 s of network time
     * (medians of 5 runs): two threads took 4% longer than one at 4,000 neuron-steps per slice, and
     * were 1.23x faster at 6,000, 1.4x at 8,000 and 1.4x at 16,000 (medians; these runs vary by 50%).
     */
    public static final int DEFAULT_MIN_PARALLEL_NEURON_STEPS = 5_000;

    /**
     * The default of {@code minParallelNeuronSteps} in precise mode, whose slices of one step share
     * less well: CUBA's took 1.4x longer on two threads at 16,000 neurons and were 1.13x faster at 32,000.
     */
    public static final int DEFAULT_MIN_PARALLEL_NEURON_STEPS_PRECISE = 20_000;

    /**
     * Validates the thread count, the mode (not null) and the threshold ({@code >= 0}).
     *
     * @param threads                number of worker threads, 1 to {@value #MAX_THREADS}; results do not
     *                               depend on it. In grid mode, threads that share the slices have rows of
     *                               input of their own, up to (threads + 1) / 2 times the memory of one
     *                               set, while the extra stays under a sixteenth of the heap
     * @param mode                   grid or precise-time mode
     * @param minParallelNeuronSteps slices with fewer neuron-steps than this run on the calling thread,
     *                               since waking workers would cost more than the work; each population's
     *                               neuron-steps count times its model's {@code stepCost()} (default
     *                               {@value #DEFAULT_MIN_PARALLEL_NEURON_STEPS} in grid mode,
     *                               {@value #DEFAULT_MIN_PARALLEL_NEURON_STEPS_PRECISE} in precise mode);
     *                               results do not depend on it
     */
    public EngineOptions {
        requireThreads("engine", threads);
        if (mode == null) {
            throw new ParameterException("engine", "mode", "grid or precise", "null");
        }
        if (minParallelNeuronSteps < 0) {
            throw ParameterException.outOfRange("engine", "min_parallel_neuron_steps", "an integer >= 0",
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
            throw ParameterException.outOfRange(owner, "threads", "an integer in [1, " + MAX_THREADS + "]", threads);
        }
    }

    /**
     * Options with the mode's default parallel threshold.
     *
     * @param threads worker threads
     * @param mode    grid or precise
     */
    public EngineOptions(int threads, Mode mode) {
        this(threads, mode, mode == Mode.PRECISE ? DEFAULT_MIN_PARALLEL_NEURON_STEPS_PRECISE
                : DEFAULT_MIN_PARALLEL_NEURON_STEPS);
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
