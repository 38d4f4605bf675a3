package org.engram.simulator.engine;

import java.util.Locale;
import org.engram.simulator.HeapLimitExceeded;

/**
 * A state recording that the Java heap cannot hold, found by its size before a run or by a failed allocation
 * when a run makes room for it: its own type, so that a program that chose the recording can say which of its
 * settings to change, not only which recorder found no room. The samples recorded so far are kept.
 */
public final class StatesPastTheHeap extends HeapLimitExceeded {
    private static final long serialVersionUID = 1L;

    /** The recorded population's name. */
    private final String population;
    /** The recorded variable. */
    private final String variable;
    /** The samples per neuron asked for. */
    private final long samples;
    /** The recorded neurons. */
    private final int neurons;

    /**
     * Creates the error.
     *
     * @param population the recorded population's name
     * @param variable   the recorded variable, e.g. {@code v}
     * @param samples    the samples per neuron asked for
     * @param neurons    the recorded neurons
     */
    StatesPastTheHeap(String population, String variable, long samples, int neurons) {
        super("state recorder of '" + population + "'", "interval",
                String.format(Locale.ROOT, "samples that fit the Java heap (%.0f MB in all; a longer"
                        + " interval, fewer neurons or a shorter run)", Runtime.getRuntime().maxMemory() / 1e6),
                String.format(Locale.ROOT, "%d samples x %d neurons (%.0f MB)", samples, neurons,
                        megabytes(samples, neurons)), MORE_HEAP);
        this.population = population;
        this.variable = variable;
        this.samples = samples;
        this.neurons = neurons;
    }

    /** {@return the recorded population's name} */
    public String population() {
        return population;
    }

    /** {@return the recorded variable} */
    public String variable() {
        return variable;
    }

    /** {@return the samples per neuron asked for} */
    public long samples() {
        return samples;
    }

    /** {@return the recorded neurons} */
    public int neurons() {
        return neurons;
    }

    /** {@return the megabytes the samples asked for take, 8 bytes each} */
    public double megabytes() {
        return megabytes(samples, neurons);
    }

    private static double megabytes(long samples, int neurons) {
        return samples * (double) neurons * Double.BYTES / 1e6;
    }
}
