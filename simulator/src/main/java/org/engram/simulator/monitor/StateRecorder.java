package org.engram.simulator.monitor;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.IntStream;
import org.engram.simulator.HeapLimitExceeded;
import org.engram.simulator.ParameterException;
import org.engram.simulator.network.Population;

/**
 * Samples one state variable of chosen neurons at a fixed interval.
 *
 * <p>Samples are taken at the end of every step whose end time is a multiple of the interval
 * ({@code interval, 2 interval, ...}). Each worker samples the neurons it owns, so recording
 * needs no extra synchronisation. Create it with {@code Engine.recordState(...)}.
 */
public final class StateRecorder {
    private final Population<?, ?> population;
    private final String variable;
    private final int[] neurons;
    private final double[] source;
    private final int intervalSteps;
    private final double intervalMs;
    private int samples;
    private double[] values = new double[0];

    /**
     * Creates a recorder; the engine checks the interval against its time grid.
     *
     * @param population    the population
     * @param variable      a recordable state variable, e.g. {@code "v"}
     * @param neurons       population-local neurons to sample, ascending and distinct, or {@code null}
     *                      for every neuron (as a spike recorder takes it)
     * @param intervalSteps sampling interval in steps, {@code >= 1}
     * @param intervalMs    the same interval in ms
     * @throws ParameterException if the population is null, the variable is not one of its model's,
     *                            the neurons break {@link #requireNeurons}'s rules, or the interval is
     *                            not {@code >= 1} step
     */
    public StateRecorder(Population<?, ?> population, String variable, int[] neurons, int intervalSteps,
                         double intervalMs) {
        this.population = ParameterException.requireNonNull("state recorder", "population", population,
                "the population to record");
        this.variable = variable;
        this.source = population.values(variable);
        this.neurons = neurons == null ? IntStream.range(0, population.size()).toArray()
                : neurons.clone();
        requireNeurons(population, this.neurons);
        requireInterval(intervalSteps, intervalMs);
        this.intervalSteps = intervalSteps;
        this.intervalMs = intervalMs;
    }

    /**
     * Checks the neurons to sample as the constructor does, so that a config can report bad neurons
     * together with its other problems.
     *
     * @param population the population
     * @param neurons    population-local neuron indices
     * @throws ParameterException if there are none (a recorder that records nothing is a mistake), or
     *                            at the first index that is outside the population or not above the one before it
     */
    public static void requireNeurons(Population<?, ?> population, int[] neurons) {
        requireNeurons("state recorder of '" + population.name() + "'", population, neurons);
    }

    /**
     * Checks the neurons a monitor records: at least one, distinct and ascending, in the population.
     *
     * @param owner      the monitor, for messages
     * @param population the population
     * @param neurons    population-local indices
     * @throws ParameterException naming the first index that breaks a rule, and its place
     */
    static void requireNeurons(String owner, Population<?, ?> population, int[] neurons) {
        if (neurons.length == 0) {
            throw new ParameterException(owner, "neurons", "at least one population-local neuron", "none");
        }
        for (int k = 0; k < neurons.length; k++) {
            int i = neurons[k];
            boolean outside = i < 0 || i >= population.size();
            if (outside || (k > 0 && i <= neurons[k - 1])) {
                // Which entry: in a long list the value alone may not find it.
                throw new ParameterException(owner, "neurons", "distinct ascending indices in [0, "
                        + population.size() + ")", i + (outside ? "" : " after " + neurons[k - 1]) + " at neurons["
                        + k + "]");
            }
        }
    }

    /**
     * Checks a sampling interval as the constructor does, so that a config can report a bad interval
     * together with its other problems.
     *
     * @param intervalSteps the interval in steps
     * @param intervalMs    the same interval in ms, for the message
     * @throws ParameterException if the interval is shorter than one step
     */
    public static void requireInterval(int intervalSteps, double intervalMs) {
        if (intervalSteps < 1) {
            throw new ParameterException("state recorder", "interval", "at least one time step", intervalMs);
        }
    }

    /**
     * Checks that one recorder can hold {@code samples} samples of {@code neurons} neurons, as
     * {@link #reserve} does before a run, so that a config can report a recording too large for one
     * recorder together with its other problems, before anything runs.
     *
     * @param population the recorded population's name, for the message
     * @param samples    samples per neuron over all runs
     * @param neurons    recorded neurons
     * @throws ParameterException if samples x neurons exceeds what one array can hold, or their
     *                            8 bytes each what the heap can
     */
    public static void requireCapacity(String population, long samples, int neurons) {
        if (samples * neurons > Integer.MAX_VALUE - 8) {
            throw new ParameterException("state recorder of '" + population + "'", "interval",
                    "at most " + (Integer.MAX_VALUE - 8) + " samples x neurons in one recorder (a longer interval, "
                            + "fewer neurons or a shorter run)", samples + " samples x " + neurons + " neurons");
        }
        if (samples * (double) neurons * Double.BYTES > Runtime.getRuntime().maxMemory()) {
            throw pastTheHeap(population, samples, neurons);
        }
    }

    private static ParameterException pastTheHeap(String population, long samples, int neurons) {
        return new HeapLimitExceeded("state recorder of '" + population + "'", "interval",
                String.format(java.util.Locale.ROOT, "samples that fit the Java heap (%.0f MB in all; a longer"
                        + " interval, fewer neurons or a shorter run)", Runtime.getRuntime().maxMemory() / 1e6),
                String.format(java.util.Locale.ROOT, "%d samples x %d neurons (%.0f MB)", samples, neurons,
                        samples * (double) neurons * Double.BYTES / 1e6), null);
    }

    /** @return the sampling interval in steps */
    public int intervalSteps() {
        return intervalSteps;
    }

    /** @return the sampled neurons */
    public int[] neurons() {
        return neurons.clone();
    }

    /** @return the population */
    public Population<?, ?> population() {
        return population;
    }

    /** @return the recorded variable's name */
    public String variable() {
        return variable;
    }

    /**
     * Makes room for samples up to {@code total}; called by the engine before a run.
     *
     * @param total the number of samples the recorder will hold after the run
     */
    public void reserve(int total) {
        requireCapacity(population.name(), total, neurons.length);
        long needed = (long) total * neurons.length;
        if (needed > values.length) {
            // Doubling: a loop of short runs would otherwise copy every earlier sample at each run.
            try {
                values = Arrays.copyOf(values, (int) Math.max(needed, Math.min(Integer.MAX_VALUE - 8,
                        2L * values.length)));
            } catch (OutOfMemoryError e) {
                // Before the run: nothing has changed, and the samples so far are kept.
                throw pastTheHeap(population.name(), total, neurons.length);
            }
        }
    }

    /** @return the number of recorded neurons */
    public int neuronCount() {
        return neurons.length;
    }

    /**
     * The recorded neuron at a position.
     *
     * @param position index into the recorded neurons, in {@code [0, neuronCount())}
     * @return the population-local neuron index
     */
    public int neuronAt(int position) {
        return neurons[position];
    }

    /**
     * The first position whose neuron is {@code >= neuron} (binary search).
     *
     * @param neuron a population-local neuron index
     * @return a position in {@code [0, neuronCount()]}
     */
    public int firstPositionAtOrAbove(int neuron) {
        // The neurons are distinct, so the search's insertion point is the first position at or above.
        int found = Arrays.binarySearch(neurons, neuron);
        return found >= 0 ? found : -found - 1;
    }

    /**
     * Stores the current values of the recorded neurons in {@code [lo, hi)} as sample
     * {@code index}; called by the engine's workers, each for the neurons it owns. Only the
     * values are written here (disjoint per worker); the count is set once by {@link #complete}.
     *
     * @param index the sample index
     * @param lo    first neuron of the caller's range
     * @param hi    end of the caller's range, exclusive
     */
    public void sample(int index, int lo, int hi) {
        int first = firstPositionAtOrAbove(lo);
        int end = firstPositionAtOrAbove(hi);
        for (int k = first; k < end; k++) {
            sampleOne(index, k);
        }
    }

    /**
     * Stores the current value of the recorded neuron at {@code position} in sample
     * {@code index}; for an engine that brings neurons to the sample time one at a time.
     *
     * @param index    the sample index
     * @param position the neuron's position in {@link #neurons()}
     */
    public void sampleOne(int index, int position) {
        values[index * neurons.length + position] = source[neurons[position]];
    }

    /**
     * Marks how many samples the run produced; called by the engine after each run.
     *
     * @param total the sample count
     */
    public void complete(int total) {
        samples = total;
    }

    /** @return the number of samples */
    public int sampleCount() {
        return samples;
    }

    /** @return the sample times in ms */
    public double[] timesMs() {
        double[] t = new double[samples];
        for (int k = 0; k < samples; k++) {
            t[k] = (k + 1) * intervalMs;
        }
        return t;
    }

    /**
     * The samples of the recorded neuron at a position of {@link #neurons()}; {@link #traceOf}
     * takes the neuron's index instead.
     *
     * @param position the neuron's position in {@link #neurons()}, from 0
     * @return its values, one per sample time
     * @throws IndexOutOfBoundsException if there is no such position
     */
    public double[] trace(int position) {
        if (position < 0 || position >= neurons.length) {
            throw new IndexOutOfBoundsException("position " + position + " of a recorder of " + neurons.length
                    + " neurons (positions 0 to " + (neurons.length - 1) + "); traceOf(neuron) takes a neuron's index");
        }
        double[] t = new double[samples];
        for (int k = 0; k < samples; k++) {
            t[k] = values[k * neurons.length + position];
        }
        return t;
    }

    /**
     * The samples of one recorded neuron, as {@code SpikeRecorder.timesOf} gives its spikes.
     *
     * @param neuron the neuron's population-local index
     * @return its values, one per sample time
     * @throws ParameterException if the recorder does not sample that neuron
     */
    public double[] traceOf(int neuron) {
        int position = Arrays.binarySearch(neurons, neuron);
        if (position < 0) {
            String recorded = neurons.length <= 8 ? Arrays.toString(neurons)
                    : neurons.length + ", from " + neurons[0] + " to " + neurons[neurons.length - 1];
            throw new ParameterException("state recorder of '" + population.name() + "'", "neuron",
                    "one of the recorded neurons " + recorded, neuron);
        }
        return trace(position);
    }

    /**
     * Writes {@code time_ms,neuron,<variable>} lines with a header. Values are written in full
     * precision (the shortest decimal that reads back as the same {@code double}), so an analysis
     * of the file sees what the engine computed.
     *
     * @param out where the CSV text goes; flushed, not closed
     * @throws IOException if writing fails
     */
    public void writeCsv(Writer out) throws IOException {
        out.write("time_ms,neuron," + variable + "\n");
        for (int s = 0; s < samples; s++) {
            // Formatted once per sample: a format per line cost ten times the simulation when every
            // neuron was sampled every step.
            String time = String.format(Locale.ROOT, "%.9f,", (s + 1) * intervalMs);
            for (int k = 0; k < neurons.length; k++) {
                out.write(time);
                out.write(Integer.toString(neurons[k]));
                out.write(',');
                out.write(Double.toString(values[s * neurons.length + k]));
                out.write('\n');
            }
        }
        out.flush();
    }
}
