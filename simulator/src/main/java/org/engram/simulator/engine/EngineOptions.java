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
 * @param listedInputFromBytes   grid mode: the populations whose kernel takes listed input
 *                               ({@link org.engram.simulator.model.Kernel#takesListedInput()}) and that no
 *                               Poisson drive feeds get their synaptic input listed, block by block and step by
 *                               step while few events reach a block, rather than read from rows of every
 *                               neuron, when a step's pass over the neurons of the busiest worker, of every
 *                               population together (a double per state variable and per row of input), moves
 *                               at least this many bytes (default {@value #DEFAULT_LISTED_INPUT_FROM_BYTES}); 0
 *                               lists every such population, {@link Long#MAX_VALUE} none; results do not
 *                               depend on it
 */
public record EngineOptions(int threads, Mode mode, int minParallelNeuronSteps, long listedInputFromBytes) {
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
     * The default of {@code listedInputFromBytes}: 1.5 MiB, about where a step's pass over a worker's neurons
     * outgrows a core's second-level cache. Below it the rows are read from the cache faster than few events are listed
     * and summed; past it they are streamed from farther, and listing is faster. Measured with CUBA's network
     * ({@code lif_exp}, 40 bytes a neuron-step: potential, two currents and a row per receptor; 4.6% of the
     * neurons receive input in a step) on one thread of a core with 2 MB of it, 3 s of network time, medians
     * of 3 alternating runs: 16,000 neurons took 0.94 s listed against 0.85 s read from rows, 32,000 neurons
     * 2.01 s against 2.02 s, 48,000 neurons 3.16 s against 3.56 s, and 64,000 neurons 4.58 s against 5.41 s.
     */
    public static final long DEFAULT_LISTED_INPUT_FROM_BYTES = 3L << 19;

    /**
     * Validates the thread count, the mode (not null) and the thresholds ({@code >= 0}).
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
     * @param listedInputFromBytes   grid mode: the populations whose kernel takes listed input
     *                               ({@link org.engram.simulator.model.Kernel#takesListedInput()}) and that no
     *                               Poisson drive feeds get their synaptic input listed, block by block and step by
     *                               step while few events reach a block, rather than read from rows of every
     *                               neuron, when a step's pass over the neurons of the busiest worker, of every
     *                               population together (a double per state variable and per row of input), moves
     *                               at least this many bytes (default {@value #DEFAULT_LISTED_INPUT_FROM_BYTES}); 0
     *                               lists every such population, {@link Long#MAX_VALUE} none; results do not
     *                               depend on it
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
        if (listedInputFromBytes < 0) {
            throw ParameterException.outOfRange("engine", "listed_input_from_bytes", "an integer >= 0",
                    listedInputFromBytes);
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
     * Options with the default threshold of listed input.
     *
     * @param threads                worker threads
     * @param mode                   grid or precise
     * @param minParallelNeuronSteps the parallel threshold
     */
    public EngineOptions(int threads, Mode mode, int minParallelNeuronSteps) {
        this(threads, mode, minParallelNeuronSteps, DEFAULT_LISTED_INPUT_FROM_BYTES);
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
        return new EngineOptions(threads, mode, neuronSteps, listedInputFromBytes);
    }

    /**
     * The same options with another threshold of listed input; 0 lists the input of every population that can
     * take it, {@link Long#MAX_VALUE} of none, whatever the network's size.
     *
     * @param bytes the threshold, {@code >= 0}
     * @return the options
     */
    public EngineOptions withListedInputFromBytes(long bytes) {
        return new EngineOptions(threads, mode, minParallelNeuronSteps, bytes);
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
