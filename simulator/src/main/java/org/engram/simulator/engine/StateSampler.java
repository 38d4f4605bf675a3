package org.engram.simulator.engine;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.engram.simulator.IndexArguments;
import org.engram.simulator.ParameterException;
import org.engram.simulator.monitor.StateRecorder;
import org.engram.simulator.network.Population;

/**
 * The engine's {@link StateRecorder}: it makes room before each run, its workers store the values of
 * the neurons they own, and it counts the samples after the run. Workers write disjoint values, so
 * sampling needs no synchronisation of its own.
 */
final class StateSampler implements StateRecorder {
    private final Population<?, ?> population;
    private final String variable;
    private final int[] neurons;
    private final double[] source;
    private final int intervalSteps;
    private final double intervalMs;
    private int samples;
    private double[] values = new double[0];

    /**
     * @param population    the population
     * @param variable      a recordable state variable, e.g. {@code "v"}
     * @param neurons       population-local neurons to sample, ascending and distinct, or {@code null}
     *                      for every neuron (as a spike recorder takes it)
     * @param intervalSteps sampling interval in steps, checked by {@link EngineChecks#stateIntervalSteps}
     * @param intervalMs    the same interval in ms
     * @throws ParameterException if the population is null, the variable is not one of its model's, or
     *                            the neurons break {@link StateRecorder#requireNeurons}'s rules
     */
    StateSampler(Population<?, ?> population, String variable, int[] neurons, int intervalSteps, double intervalMs) {
        assert intervalSteps >= 1 : intervalSteps;
        this.population = ParameterException.requireNonNull("state recorder", "population", population,
                "the population to record");
        this.variable = variable;
        this.source = population.values(variable);
        this.neurons = neurons == null ? IntStream.range(0, population.size()).toArray()
                : neurons.clone();
        StateRecorder.requireNeurons(population, this.neurons);
        this.intervalSteps = intervalSteps;
        this.intervalMs = intervalMs;
    }

    /**
     * Makes room for samples up to {@code total}; before a run, so that a recording the heap cannot
     * hold is refused before anything changes, and the samples so far are kept.
     *
     * @param total the number of samples the recorder will hold after the run
     */
    void reserve(int total) {
        EngineChecks.requireStateCapacity(population.name(), variable, total, neurons.length);
        long needed = (long) total * neurons.length;
        if (needed > values.length) {
            // Doubling: a loop of short runs would otherwise copy every earlier sample at each run.
            // Where the heap cannot hold the doubled array, exactly the samples the run needs.
            int doubled = (int) Math.min(Integer.MAX_VALUE - 8, 2L * values.length);
            try {
                try {
                    values = Arrays.copyOf(values, (int) Math.max(needed, doubled));
                } catch (OutOfMemoryError e) {
                    values = Arrays.copyOf(values, (int) needed);
                }
            } catch (OutOfMemoryError e) {
                // Before the run: nothing has changed, and the samples so far are kept.
                throw new StatesPastTheHeap(population.name(), variable, total, neurons.length);
            }
        }
    }

    /**
     * The first position whose neuron is {@code >= neuron} (binary search).
     *
     * @param neuron a population-local neuron index
     * @return a position in {@code [0, neuronCount()]}
     */
    int firstPositionAtOrAbove(int neuron) {
        // The neurons are distinct, so the search's insertion point is the first position at or above.
        int found = Arrays.binarySearch(neurons, neuron);
        return found >= 0 ? found : -found - 1;
    }

    /**
     * Stores the current values of the recorded neurons in {@code [lo, hi)} as sample
     * {@code index}; called by the workers, each for the neurons it owns. Only the values are
     * written here (disjoint per worker); the count is set once by {@link #complete}.
     *
     * @param index the sample index
     * @param lo    first neuron of the caller's range
     * @param hi    end of the caller's range, exclusive
     */
    void sample(int index, int lo, int hi) {
        int first = firstPositionAtOrAbove(lo);
        int end = firstPositionAtOrAbove(hi);
        for (int k = first; k < end; k++) {
            sampleOne(index, k);
        }
    }

    /**
     * Stores the current value of the recorded neuron at {@code position} in sample
     * {@code index}; for precise mode, which brings neurons to the sample time one at a time.
     *
     * @param index    the sample index
     * @param position the neuron's position in {@link #neurons()}
     */
    void sampleOne(int index, int position) {
        values[index * neurons.length + position] = source[neurons[position]];
    }

    /**
     * Marks how many samples the runs produced; after each run.
     *
     * @param total the sample count
     */
    void complete(int total) {
        samples = total;
    }

    @Override
    public Population<?, ?> population() {
        return population;
    }

    @Override
    public String variable() {
        return variable;
    }

    @Override
    public int[] neurons() {
        return neurons.clone();
    }

    @Override
    public int neuronCount() {
        return neurons.length;
    }

    @Override
    public int neuronAt(int position) {
        return neurons[IndexArguments.check("StateRecorder.neuronAt", "position", position, neurons.length)];
    }

    /** {@link #neuronAt} unchecked, for the engine's sampling loop, whose positions come from this recorder. */
    int neuronAtPosition(int position) {
        return neurons[position];
    }

    @Override
    public int intervalSteps() {
        return intervalSteps;
    }

    @Override
    public double intervalMs() {
        return intervalMs;
    }

    @Override
    public int sampleCount() {
        return samples;
    }

    @Override
    public double value(int sample, int position) {
        IndexArguments.check("StateRecorder.value", "sample", sample, samples);
        IndexArguments.check("StateRecorder.value", "position", position, neurons.length);
        return values[sample * neurons.length + position];
    }
}
