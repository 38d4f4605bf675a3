package org.engram.simulator.monitor;

import java.util.Locale;
import org.engram.simulator.HeapLimitExceeded;
import org.engram.simulator.engine.TimeGrid;

/**
 * A spike recorder that cannot grow, for the Java heap is full: thrown by the spike that finds no
 * room, so a run that records too many spikes stops naming the recorder, not with a bare
 * {@link OutOfMemoryError}. The spikes recorded before that spike's time stay readable (of its
 * step, those before it). The run ends there, and its engine, as after any failure in a run, takes
 * no further run: the network is built again for the next.
 */
public final class SpikesPastTheHeap extends HeapLimitExceeded {
    private static final long serialVersionUID = 1L;

    /** Bytes a recorded spike takes: its time (a double) and its neuron (an int). */
    static final int BYTES_PER_SPIKE = Double.BYTES + Integer.BYTES;

    /** The recorded population's name. */
    private final String population;
    /** How many neurons of the population are recorded. */
    private final int neurons;
    /** The spikes recorded before the heap was full. */
    private final int spikes;
    /** The time in ms of the spike that found no room. */
    private final double timeMs;

    /**
     * Creates the error.
     *
     * @param population the recorded population's name
     * @param neurons    how many of its neurons are recorded
     * @param spikes     the spikes recorded so far
     * @param asked      the spikes the recorder asked room for
     * @param timeMs     the time of the spike that found no room
     */
    SpikesPastTheHeap(String population, int neurons, int spikes, long asked, double timeMs) {
        super("spike recorder of '" + population + "'", "neurons", String.format(Locale.ROOT,
                "spikes that fit the Java heap (%.0f MB in all), %d bytes each", Runtime.getRuntime().maxMemory() / 1e6,
                BYTES_PER_SPIKE), String.format(Locale.ROOT, "%d spikes of %d neurons by %s ms, and no room to grow"
                + " to %d (%.0f MB)", spikes, neurons, TimeGrid.shownMs(timeMs), asked, asked * (double) BYTES_PER_SPIKE
                / 1e6),
                "record fewer neurons or shorter runs (writing each out), or " + MORE_HEAP);
        this.population = population;
        this.neurons = neurons;
        this.spikes = spikes;
        this.timeMs = timeMs;
    }

    /** {@return the recorded population's name} */
    public String population() {
        return population;
    }

    /** {@return how many neurons of the population are recorded} */
    public int neurons() {
        return neurons;
    }

    /** {@return the spikes recorded before the heap was full} */
    public int spikes() {
        return spikes;
    }

    /** {@return the time in ms of the spike that found no room} */
    public double timeMs() {
        return timeMs;
    }
}
