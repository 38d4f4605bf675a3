package org.engram.simulator.monitor;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.network.Population;

/**
 * Samples one state variable of chosen neurons at a fixed interval; made by
 * {@code Engine.recordState(...)}, which fills it as it runs.
 *
 * <p>Samples are taken at the end of every step whose end time is a multiple of the interval
 * ({@code interval, 2 interval, ...}). Sample {@code s} (from 0) is taken at {@code (s + 1)}
 * intervals; the recorded neurons are numbered by position, from 0, in ascending order.
 */
public interface StateRecorder {
    /** The decimals of the sample times in ms, in {@link #timesMs()} and the CSV file: to a picosecond. */
    int TIME_DECIMALS = 9;

    /**
     * Checks the neurons to sample as {@code Engine.recordState(...)} does, so that a config can
     * report bad neurons together with its other problems.
     *
     * @param population the population
     * @param neurons    population-local neuron indices, or {@code null} for every neuron, which passes
     * @throws ParameterException if there are none (a recorder that records nothing is a mistake), or
     *                            at the first index that is outside the population or not above the one before it
     */
    static void requireNeurons(Population<?, ?> population, int[] neurons) {
        if (neurons != null) {
            RecordedNeurons.require("state recorder of '" + population.name() + "'", population, neurons);
        }
    }

    /** {@return the population} */
    Population<?, ?> population();

    /** {@return the recorded variable's name} */
    String variable();

    /** {@return the sampled neurons, population-local and ascending (a copy)} */
    int[] neurons();

    /** {@return the number of recorded neurons} */
    int neuronCount();

    /**
     * The recorded neuron at a position.
     *
     * @param position index into the recorded neurons, in {@code [0, neuronCount())}
     * @return the population-local neuron index
     * @throws IndexOutOfBoundsException if {@code position} is outside {@code [0, neuronCount())}, with a message
     *         naming the method, the argument, the range and the value
     */
    int neuronAt(int position);

    /** {@return the sampling interval in steps} */
    int intervalSteps();

    /** {@return the sampling interval in ms} */
    double intervalMs();

    /** {@return the number of samples taken so far, over all runs} */
    int sampleCount();

    /**
     * One sampled value.
     *
     * @param sample   the sample, in {@code [0, sampleCount())}
     * @param position the neuron's position in {@link #neurons()}, in {@code [0, neuronCount())}
     * @return the variable's value, in its model's unit
     * @throws IndexOutOfBoundsException if {@code sample} or {@code position} is outside its range, with a
     *         message naming the method, the argument, the range and the value
     */
    double value(int sample, int position);

    /**
     * {@return the sample times in ms, as {@link #writeCsv} writes them (to 1e-9 ms, each the decimal sample count
     * times the interval, {@link TimeGrid#appendDecimalMs}): the interval of 3 steps of 0.1 ms is
     * 0.30000000000000004 as a double, and its third sample is at 0.9, not 0.9000000000000001}
     */
    default double[] timesMs() {
        double[] t = new double[sampleCount()];
        StringBuilder time = new StringBuilder(24);
        for (int k = 0; k < t.length; k++) {
            time.setLength(0);
            t[k] = Double.parseDouble(TimeGrid.appendDecimalMs(time, 0, k + 1, intervalMs()).toString());
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
    default double[] trace(int position) {
        int n = neuronCount();
        if (position < 0 || position >= n) {
            throw new IndexOutOfBoundsException("position " + position + " of a recorder of " + n
                    + " neurons (positions 0 to " + (n - 1) + "); traceOf(neuron) takes a neuron's index");
        }
        double[] t = new double[sampleCount()];
        for (int k = 0; k < t.length; k++) {
            t[k] = value(k, position);
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
    default double[] traceOf(int neuron) {
        int[] neurons = neurons();
        int position = Arrays.binarySearch(neurons, neuron);
        if (position < 0) {
            String recorded = neurons.length <= 8 ? Arrays.toString(neurons)
                    : neurons.length + ", from " + neurons[0] + " to " + neurons[neurons.length - 1];
            throw new ParameterException("state recorder of '" + population().name() + "'", "neuron",
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
    default void writeCsv(Writer out) throws IOException {
        out.write("time_ms,neuron," + variable() + "\n");
        int samples = sampleCount();
        int[] neurons = neurons();
        double intervalMs = intervalMs();
        CsvRows rows = new CsvRows(out);
        for (int s = 0; s < samples; s++) {
            // Formatted once per sample: a format per line cost ten times the simulation when every
            // neuron was sampled every step.
            String time = TimeGrid.appendDecimalMs(new StringBuilder(24), 0, s + 1, intervalMs).append(',').toString();
            for (int k = 0; k < neurons.length; k++) {
                // append(double) writes Double.toString's digits.
                rows.row().append(time).append(neurons[k]).append(',').append(value(s, k));
                rows.endRow();
            }
        }
        rows.flush();
    }
}
