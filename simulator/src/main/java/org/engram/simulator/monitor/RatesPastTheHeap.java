package org.engram.simulator.monitor;

import java.util.Locale;
import org.engram.simulator.HeapLimitExceeded;

/**
 * A rate monitor whose bins the Java heap cannot hold: thrown before a run that would need them, so that a
 * program that chose the bin can say which of its settings to change, not only which monitor found no room.
 * The bins counted so far are kept.
 */
public final class RatesPastTheHeap extends HeapLimitExceeded {
    private static final long serialVersionUID = 1L;

    /** The monitored population's name. */
    private final String population;
    /** The bins asked for. */
    private final int bins;
    /** The bin width in ms. */
    private final double binMs;
    /** The time in ms the run would reach. */
    private final double timeMs;

    /**
     * Creates the error.
     *
     * @param population the monitored population's name
     * @param bins       the bins asked for
     * @param binMs      the bin width in ms
     * @param timeMs     the time in ms the run would reach
     */
    RatesPastTheHeap(String population, int bins, double binMs, double timeMs) {
        super("rate monitor of '" + population + "'", "bin",
                String.format(Locale.ROOT, "bins that fit the Java heap (%.0f MB in all), 8 bytes each",
                        Runtime.getRuntime().maxMemory() / 1e6),
                String.format(Locale.ROOT, "%d bins of %s ms up to %s ms (%.0f MB)", bins, binMs, timeMs,
                        megabytes(bins)),
                "record the rate in wider bins, or run shorter, or " + MORE_HEAP);
        this.population = population;
        this.bins = bins;
        this.binMs = binMs;
        this.timeMs = timeMs;
    }

    /** {@return the monitored population's name} */
    public String population() {
        return population;
    }

    /** {@return the bins asked for} */
    public int bins() {
        return bins;
    }

    /** {@return the bin width in ms} */
    public double binMs() {
        return binMs;
    }

    /** {@return the time in ms the run would reach} */
    public double timeMs() {
        return timeMs;
    }

    /** {@return the megabytes the bins asked for take, 8 bytes each} */
    public double megabytes() {
        return megabytes(bins);
    }

    private static double megabytes(int bins) {
        return bins * (double) Long.BYTES / 1e6;
    }
}
