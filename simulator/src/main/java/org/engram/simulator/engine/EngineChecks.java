package org.engram.simulator.engine;

import org.engram.simulator.ParameterException;
import org.engram.simulator.Plural;
import org.engram.simulator.monitor.RateMonitor;
import org.engram.simulator.network.Population;

/**
 * What an {@link Engine} would refuse, checked without one: for code that reads a whole
 * configuration (such as {@code engram simulate}) and reports every problem, with its place in the
 * file, before it builds anything. Each check is the one the engine itself applies, with the same
 * message, so the two cannot disagree.
 */
public final class EngineChecks {
    private EngineChecks() {
    }

    /**
     * Checks that a population takes a current input (a current source, constant currents, a
     * sinusoidal or a noise current) in a mode, as {@link Engine#Engine} does: grid mode feeds any model that takes
     * input (the builder refuses input into one that does not: spike sources), precise
     * mode a model whose exact kernel takes an injected current
     * ({@link org.engram.simulator.model.ExactKernel#injectedCurrentPa}; the built-in LIF models'
     * do). The kernel is prepared and dropped, as by {@link #requireRunnable}, which the population
     * must pass first.
     *
     * @param target the population the input feeds
     * @param mode   the mode
     * @param grid   the time grid of the network
     * @param kind   what the input is, e.g. {@code "a current source"} or {@code "a noise current"}
     * @throws ParameterException in precise mode, when the kernel takes no injected current
     */
    public static void requireCurrentInputFits(Population<?, ?> target, Mode mode, TimeGrid grid, String kind) {
        if (mode == Mode.PRECISE) {
            requireInjectedCurrent(BoundKernels.exact(target, grid), target, kind);
        }
    }

    /**
     * Refuses current input of a kind into a population whose exact kernel takes no injected current,
     * or gives an array of another length than the population's.
     */
    static void requireInjectedCurrent(BoundKernels.ExactUpdate<?> exact, Population<?, ?> target, String kind) {
        double[] injected = exact.injectedCurrentPa();
        if (injected == null) {
            throw new ParameterException("engine", "mode", "grid mode for current input into a model whose exact "
                    + "kernel takes no injected current (ExactKernel.injectedCurrentPa)", "precise, with " + kind
                    + " into '" + target.name() + "' (model '" + target.model().name() + "')");
        }
        if (injected.length != target.size()) {
            throw new ParameterException("model '" + target.model().name() + "'", "injectedCurrentPa",
                    "an array of one current per neuron of population '" + target.name() + "' (" + target.size()
                            + ")", "an array of " + injected.length);
        }
    }

    /**
     * Checks a rate monitor's bin as {@link Engine#recordRate} does.
     *
     * @param grid  the time grid of the network
     * @param binMs bin width in ms
     * @throws ParameterException unless the bin is a whole number of steps {@code >= 1}
     */
    public static void requireRateBin(TimeGrid grid, double binMs) {
        // The monitor's rule (> 0) first: the grid's alone would tell a negative bin that 0 is allowed.
        RateMonitor.requireBin(binMs);
        grid.positiveSteps("rate monitor", "bin", binMs);
    }

    /**
     * Checks a state recorder's sampling interval as {@link Engine#recordState} does, and gives it in
     * steps.
     *
     * @param grid       the time grid of the network
     * @param intervalMs sampling interval in ms
     * @return the interval in steps
     * @throws ParameterException unless the interval is a whole number of steps {@code >= 1}
     */
    public static int stateIntervalSteps(TimeGrid grid, double intervalMs) {
        // Below one step the recorder's rule speaks: the grid's alone would tell -1 ms that 0 is allowed.
        int steps = intervalMs > 0 ? grid.wholeSteps("state recorder", "interval", intervalMs) : 0;
        if (steps < 1) {
            throw new ParameterException("state recorder", "interval", "at least one time step", intervalMs);
        }
        return steps;
    }

    /**
     * Checks that one state recorder can hold {@code samples} samples of {@code neurons} neurons, as
     * the engine does before each run, so that a config can report a recording too large for one
     * recorder before anything runs.
     *
     * @param population the recorded population's name, for the message
     * @param variable   the recorded variable, which the heap's refusal carries
     * @param samples    samples per neuron over all runs
     * @param neurons    recorded neurons
     * @throws ParameterException if samples x neurons exceeds what one array can hold, or
     *                            {@link StatesPastTheHeap} if their 8 bytes each exceed what the heap can
     */
    public static void requireStateCapacity(String population, String variable, long samples, int neurons) {
        if (samples * neurons > Integer.MAX_VALUE - 8) {
            throw new ParameterException("state recorder of '" + population + "'", "interval",
                    "at most " + (Integer.MAX_VALUE - 8) + " samples x neurons in one recorder (a longer interval, "
                            + "fewer neurons or a shorter run)",
                    Plural.count(samples, "sample") + " x " + Plural.count(neurons, "neuron"));
        }
        if (samples * (double) neurons * Double.BYTES > Runtime.getRuntime().maxMemory()) {
            throw new StatesPastTheHeap(population, variable, samples, neurons);
        }
    }


    /**
     * Checks that a population's model prepares a kernel for a mode and time grid, as
     * {@link Engine#Engine} does for every population: the model implements
     * {@link org.engram.simulator.model.ExactPropagation} for precise mode, and its {@code prepare}
     * (or {@code prepareExact}) accepts the parameters at this step (a refractory time that is not a
     * whole number of steps, say) and gives a kernel. The kernel is prepared and dropped; the
     * population's state is not touched.
     *
     * @param population the population
     * @param mode       the mode it will run in
     * @param grid       the time grid of the network
     * @throws ParameterException if the model refuses, or gives no kernel
     * @throws RuntimeException   what the model's own {@code prepare} throws
     */
    public static void requireRunnable(Population<?, ?> population, Mode mode, TimeGrid grid) {
        if (mode == Mode.PRECISE) {
            BoundKernels.exact(population, grid);
        } else {
            BoundKernels.grid(population, grid);
        }
    }
}
