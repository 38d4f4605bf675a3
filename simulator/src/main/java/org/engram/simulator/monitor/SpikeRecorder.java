package org.engram.simulator.monitor;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import org.engram.simulator.EngramException;
import org.engram.simulator.IndexArguments;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.event.SpikeListener;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.Population;

/**
 * Records the spikes of one population, or of chosen neurons of it, as (time, neuron) pairs in
 * canonical order: by time, then by neuron index.
 *
 * <p>Storage is two growable primitive arrays: 12 bytes per spike, amortised O(1) per spike. A
 * spike that finds the heap too full to grow them stops the run with {@link SpikesPastTheHeap}.
 * Create it with {@code Engine.recordSpikes(population)} or
 * {@code Engine.recordSpikes(population, neurons)}.
 */
public final class SpikeRecorder implements SpikeListener {
    /** The longest array a JVM allocates, with a margin (as {@code ArrayList} keeps). */
    private static final int MAX_SPIKES = Integer.MAX_VALUE - 8;

    private final Population<?, ?> population;
    /** Which neurons are recorded, or null for every neuron. */
    private final boolean[] recorded;
    private final int recordedCount;
    private final int maxSpikes;
    /** The step of the network last joined, NaN before: a spike at a step's end is written as its decimal time. */
    private double dtMs = Double.NaN;
    private int count;
    private double[] timesMs = new double[1024];
    private int[] neurons = new int[1024];

    /**
     * Creates a recorder for a population (register it with the engine to receive spikes).
     *
     * @param population the population to record
     */
    public SpikeRecorder(Population<?, ?> population) {
        this(population, null, MAX_SPIKES);
    }

    /**
     * Creates a recorder of chosen neurons of a population (register it with the engine to receive
     * spikes), as NEST records a few neurons of a large network.
     *
     * @param population the population to record
     * @param neurons    population-local indices, distinct and ascending, or {@code null} for every neuron
     * @throws ParameterException if an index is outside the population, repeated or out of order, or
     *                            the list is empty
     */
    public SpikeRecorder(Population<?, ?> population, int[] neurons) {
        this(population, neurons, MAX_SPIKES);
    }

    /** A recorder that holds at most {@code maxSpikes} (tests: the real bound needs 25 GB). */
    SpikeRecorder(Population<?, ?> population, int[] neurons, int maxSpikes) {
        this.population = ParameterException.requireNonNull("spike recorder", "population", population,
                "the population to record");
        if (neurons == null) {
            recorded = null;
            recordedCount = population.size();
        } else {
            RecordedNeurons.require("spike recorder of '" + population.name() + "'", population, neurons);
            recorded = new boolean[population.size()];
            for (int i : neurons) {
                recorded[i] = true;
            }
            recordedCount = neurons.length;
        }
        this.maxSpikes = maxSpikes;
    }

    @Override
    public void onSpike(Population<?, ?> p, int neuron, double timeMs) {
        if (p != population || recorded != null && !recorded[neuron]) {
            return;
        }
        if (count == neurons.length) {
            grow(timeMs);
        }
        timesMs[count] = timeMs;
        neurons[count] = neuron;
        count++;
    }

    /** Refuses an engine whose clock is before the last spike recorded, which would break the time order. */
    @Override
    public void joining(Network network, double timeMs) {
        SpikeListener.requireNotPast("spike recorder of '" + population.name() + "'",
                count == 0 ? Double.NEGATIVE_INFINITY : timesMs[count - 1], timeMs,
                "record the new engine's spikes with a new recorder (engine.recordSpikes)");
        dtMs = network.grid().dtMs();
    }

    /** Makes room for one more spike, the one at {@code timeMs}, or refuses it by its time. */
    private void grow(double timeMs) {
        if (count == maxSpikes) {
            throw new EngramException("spike recorder of '" + population.name() + "'", null, "at most " + maxSpikes
                    + " spikes, the most one Java array holds", "one more at " + timeMs + " ms",
                    "record shorter runs and write each out, or record the spikes with a listener of one's own");
        }
        int length = (int) Math.min(2L * count, maxSpikes);
        double[] longerTimes;
        int[] longerNeurons;
        try {
            longerTimes = Arrays.copyOf(timesMs, length);
            longerNeurons = Arrays.copyOf(neurons, length);
        } catch (OutOfMemoryError e) {
            // Only the longer arrays are lost: the spikes so far stay with the recorder.
            throw new SpikesPastTheHeap(population.name(), recordedCount, count, length, timeMs);
        }
        timesMs = longerTimes;
        neurons = longerNeurons;
    }

    /** {@return the recorded population} */
    public Population<?, ?> population() {
        return population;
    }

    /** {@return how many neurons are recorded: the population's size, or the chosen neurons' count} */
    public int recordedNeuronCount() {
        return recordedCount;
    }

    /**
     * {@return whether the recorder records that neuron's spikes}
     *
     * @param neuron a population-local index
     */
    public boolean records(int neuron) {
        return neuron >= 0 && neuron < population.size() && (recorded == null || recorded[neuron]);
    }

    /** {@return the number of spikes recorded} */
    public int count() {
        return count;
    }

    /**
     * {@return a copy of the spike times in ms, made on each call: code reading spikes one by one
     * (a listener's, a loop over the train) reads them with {@link #timeMs(int)}}
     */
    public double[] timesMs() {
        return Arrays.copyOf(timesMs, count);
    }

    /** {@return a copy of the population-local neuron indices, parallel to {@link #timesMs()}} */
    public int[] neurons() {
        return Arrays.copyOf(neurons, count);
    }

    /**
     * The time of one spike, without a copy of the train.
     *
     * @param k the spike's index, 0 to {@link #count()} - 1, in the order recorded (time, then neuron)
     * @return its time in ms
     * @throws IndexOutOfBoundsException if {@code k} is outside the spikes recorded, with a message naming the
     *         method, {@code k}, the range and the value
     */
    public double timeMs(int k) {
        return timesMs[IndexArguments.check("SpikeRecorder.timeMs", "k", k, count)];
    }

    /**
     * The neuron of one spike, without a copy of the train.
     *
     * @param k the spike's index, 0 to {@link #count()} - 1
     * @return its population-local neuron index
     * @throws IndexOutOfBoundsException if {@code k} is outside the spikes recorded, with a message naming the
     *         method, {@code k}, the range and the value
     */
    public int neuron(int k) {
        return neurons[IndexArguments.check("SpikeRecorder.neuron", "k", k, count)];
    }

    /**
     * The spike times of one neuron.
     *
     * @param neuron population-local index
     * @return its spike times in ms, ascending
     * @throws ParameterException if the recorder does not record that neuron
     */
    public double[] timesOf(int neuron) {
        if (!records(neuron)) {
            // An unrecorded neuron's empty list would read as a silent neuron.
            throw new ParameterException("spike recorder of '" + population.name() + "'", "neuron",
                    recorded == null ? "a neuron of the population, 0 to " + (population.size() - 1)
                            : "one of the " + recordedCount + " recorded neurons", neuron);
        }
        int n = 0;
        for (int k = 0; k < count; k++) {
            if (neurons[k] == neuron) {
                n++;
            }
        }
        double[] t = new double[n];
        n = 0;
        for (int k = 0; k < count; k++) {
            if (neurons[k] == neuron) {
                t[n++] = timesMs[k];
            }
        }
        return t;
    }

    /**
     * Writes {@code time_ms,neuron} lines with a header. Times have 9 decimals (1 ps); a grid time, the
     * double that a step count times the step of the network joined makes, is written as the decimal
     * step count times the step (exact however long the run: {@link TimeGrid#appendDecimalMs}); a
     * precise-mode time is rounded to the picosecond, and its exact value enters the run's
     * {@link SpikeTrainDigest}.
     *
     * @param out where the CSV text goes; flushed, not closed
     * @throws IOException if writing fails
     */
    public void writeCsv(Writer out) throws IOException {
        out.write("time_ms,neuron\n");
        String time = null;
        CsvRows rows = new CsvRows(out);
        for (int k = 0; k < count; k++) {
            // Grid-mode spikes of one step share their time: formatted once, not once per spike.
            if (k == 0 || timesMs[k] != timesMs[k - 1]) {
                time = writtenTime(timesMs[k]) + ",";
            }
            rows.row().append(time).append(neurons[k]);
            rows.endRow();
        }
        rows.flush();
    }

    /** A spike time with 9 decimals: a grid time as its step's decimal time, another as the double's decimal. */
    private String writtenTime(double t) {
        long step = Math.round(t / dtMs);   // 0 for NaN: a recorder that joined no network
        if (step > 0 && step * dtMs == t) {
            return TimeGrid.appendDecimalMs(new StringBuilder(24), 0, step, dtMs).toString();
        }
        return FixedDecimals.format(t, 9);
    }
}
