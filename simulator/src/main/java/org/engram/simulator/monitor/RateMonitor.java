package org.engram.simulator.monitor;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import org.engram.simulator.IndexArguments;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.event.SpikeListener;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.Population;

/**
 * The population rate: spikes per neuron per second in consecutive time bins.
 *
 * <p>Bins start where the monitor starts, at {@code start}: bin {@code b} covers
 * {@code (start + b * bin, start + (b + 1) * bin]} ms (a spike at {@code start} counts in bin 0),
 * which matches grid-mode spike times, the ends of steps. Spikes before {@code start} are not
 * counted: a monitor that starts later than the engine's clock ignores the spikes until then. Its rate is
 * {@code count / (size * width / 1000)} Hz, where the last bin may be shorter when the simulated
 * time is not a multiple of the bin (its width then taken to 1e-9 ms, as the files write times).
 * Costs one array increment per spike.
 */
public final class RateMonitor implements SpikeListener {
    /**
     * In units in the last place of the times: far above the rounding of a grid time {@code (s + 1) * dt}
     * (an ulp or two), far below the offset of a precise spike time that lies past an edge by a nanosecond.
     */
    private static final double EDGE_ULPS = 16;

    private final Population<?, ?> population;
    private final double binMs;
    private final double startMs;
    private long[] counts = new long[256];
    private int bins;
    private double endMs;

    /**
     * Creates a rate monitor whose bins start at time 0.
     *
     * @param population the population
     * @param binMs      bin width in ms, {@code > 0}
     */
    public RateMonitor(Population<?, ?> population, double binMs) {
        this(population, binMs, 0);
    }

    /**
     * Creates a rate monitor whose bins start at a given time, e.g. when it joins a simulation
     * under way.
     *
     * @param population the population
     * @param binMs      bin width in ms, {@code > 0}
     * @param startMs    start of the first bin in ms, {@code >= 0}
     */
    public RateMonitor(Population<?, ?> population, double binMs, double startMs) {
        this.population = ParameterException.requireNonNull("rate monitor", "population", population,
                "the population to record");
        this.binMs = requireBin(binMs);
        this.startMs = ParameterException.requireNonNegative("rate monitor", "start", startMs, "ms");
        this.endMs = startMs;
    }

    /**
     * Checks a bin width as the constructor does, so that a config can report a bad bin together
     * with its other problems.
     *
     * @param binMs bin width in ms
     * @return {@code binMs}
     * @throws ParameterException unless the width is finite and {@code > 0}
     */
    public static double requireBin(double binMs) {
        return ParameterException.requirePositive("rate monitor", "bin", binMs, "ms");
    }

    @Override
    public void onSpike(Population<?, ?> p, int neuron, double timeMs) {
        if (p != population) {
            return;
        }
        int upTo = binsUpTo(timeMs);
        if (upTo < 0) {
            return;
        }
        int b = Math.max(0, upTo - 1);
        if (b >= counts.length) {
            counts = Arrays.copyOf(counts, Math.max(b + 1, counts.length * 2));
        }
        counts[b]++;
        bins = Math.max(bins, b + 1);
    }

    /**
     * Refuses an engine whose clock is not where this monitor's bins go on from: a fresh monitor's
     * start must not lie before the clock, and one that has watched must have watched up to it.
     * Earlier, the bins of time it never watched would read as silence; later (an earlier engine's,
     * whose clock a new engine restarts at 0), a new engine's spikes would go into bins of the old one.
     */
    @Override
    public void joining(Network network, double timeMs) {
        String owner = "rate monitor of '" + population.name() + "'";
        boolean fresh = bins == 0 && endMs == startMs;
        if (fresh && !TimeGrid.atOrBefore(timeMs, startMs)) {
            throw new ParameterException(owner, "start", "a start at or after the engine's time, "
                    + TimeGrid.shownMs(timeMs) + " ms, as bins before it would read as silence it did not watch",
                    TimeGrid.shownMs(startMs) + " ms", "start it there (new RateMonitor(population, bin, "
                    + "engine.timeMs())), or use engine.recordRate");
        }
        if (!fresh && !(TimeGrid.atOrBefore(timeMs, endMs) && TimeGrid.atOrBefore(endMs, timeMs))) {
            throw new ParameterException(owner, "engine", "an engine whose time is where the bins end, at "
                    + TimeGrid.shownMs(endMs) + " ms", TimeGrid.shownMs(timeMs) + " ms", "a monitor goes on only where "
                    + "it stopped; record the rest with a new one (engine.recordRate)");
        }
    }

    /**
     * Makes sure bins up to a time exist, so silent periods show as zero rates.
     *
     * @param timeMs the time reached by the simulation
     */
    public void extendTo(double timeMs) {
        int b = binsUpTo(timeMs);
        if (b > counts.length) {
            // Doubling, as in onSpike: a loop of short runs of a silent population would otherwise
            // copy every bin at each run.
            counts = Arrays.copyOf(counts, Math.max(b, counts.length * 2));
        }
        bins = Math.max(bins, b);
        endMs = Math.max(endMs, timeMs);
    }

    /**
     * Makes room for the bins up to a time before a run reaches it, so that a run whose bins the
     * heap cannot hold is refused before it starts rather than after its work (the engine calls it
     * before each run); the bins so far are kept.
     *
     * @param timeMs the time the run will reach, in ms
     * @throws RatesPastTheHeap if the bins, 8 bytes each, cannot fit the heap
     */
    public void reserveTo(double timeMs) {
        int b = binsUpTo(timeMs);
        if (b <= counts.length) {
            return;
        }
        if (b * (double) Long.BYTES > Runtime.getRuntime().maxMemory()) {
            throw pastTheHeap(b, timeMs);
        }
        try {
            // Doubling, as in onSpike, where the heap allows it; else exactly the bins the run needs.
            int doubled = (int) Math.min(Integer.MAX_VALUE - 8, 2L * counts.length);
            try {
                counts = Arrays.copyOf(counts, Math.max(b, doubled));
            } catch (OutOfMemoryError e) {
                counts = Arrays.copyOf(counts, b);
            }
        } catch (OutOfMemoryError e) {
            throw pastTheHeap(b, timeMs);
        }
    }

    private RatesPastTheHeap pastTheHeap(int bins, double timeMs) {
        return new RatesPastTheHeap(population.name(), bins, binMs, timeMs);
    }

    /**
     * The number of bins that end at or before {@code timeMs} plus one if a bin is under way:
     * {@code ceil((timeMs - start) / binMs)}, with a tolerance of {@link #EDGE_ULPS} units in the last
     * place of the times so that a grid time such as {@code 3 * 0.1 = 0.30000000000000004} counts as the
     * edge it stands for; -1 for a time before the start (beyond the tolerance).
     */
    private int binsUpTo(double timeMs) {
        double bins = (timeMs - startMs) / binMs;
        double slack = EDGE_ULPS * (Math.ulp(Math.max(Math.abs(timeMs), Math.abs(startMs))) / binMs + Math.ulp(bins));
        return bins < -slack ? -1 : (int) Math.ceil(bins - slack);
    }

    /** {@return the population whose rate the monitor records} */
    public Population<?, ?> population() {
        return population;
    }

    /** {@return the bin width in ms} */
    public double binMs() {
        return binMs;
    }

    /** {@return the start of the first bin in ms} */
    public double startMs() {
        return startMs;
    }

    /**
     * {@return a copy of the rate of each bin in Hz, made on each call: code reading the bins one by one (a
     * figure, a file) reads them with {@link #rateHz(int)}, which needs no second array of the bins' size}
     */
    public double[] ratesHz() {
        double[] r = new double[bins];
        for (int b = 0; b < bins; b++) {
            r[b] = rate(b);
        }
        return r;
    }

    /** {@return the number of bins so far, the last of them possibly under way or shorter} */
    public int binCount() {
        return bins;
    }

    /**
     * The rate of one bin, without a copy of the bins.
     *
     * @param b the bin, 0 to {@link #binCount()} - 1
     * @return its spikes per neuron per second (Hz) over its width, the last bin's possibly shorter
     * @throws IndexOutOfBoundsException if {@code b} is outside the bins, with a message naming the method,
     *         {@code b}, the range and the value
     */
    public double rateHz(int b) {
        return rate(IndexArguments.check("RateMonitor.rateHz", "b", b, bins));
    }

    /** The rate of bin {@code b} in Hz: its count over the neurons and its width (the last may be shorter). */
    private double rate(int b) {
        double left = endMs - startMs - b * binMs;
        // A last bin cut short is as wide as the times the files write, to 1e-9 ms: 123.4 - 10.3 - 161 x 0.7
        // computes as 0.4000000000000199, which made its 2 spikes among 80 neurons 62.499999999996895 Hz.
        double width = left >= binMs ? binMs : Math.max(TimeGrid.shownMs(left), 0);
        return counts[b] * 1000.0 / (population.size() * (width > 1e-12 ? width : binMs));
    }

    /**
     * Writes {@code bin_start_ms,rate_hz} lines with a header. Rates are written in full precision (the shortest
     * decimal that reads back as the same {@code double}), so that a bin's spike count is the rate times the
     * neurons and the width, however many neurons and however wide the bin.
     *
     * @param out where the CSV text goes; flushed, not closed
     * @throws IOException if writing fails
     */
    public void writeCsv(Writer out) throws IOException {
        // Bin by bin, with no copy of the rates: bins that filled half the heap while they were counted
        // would otherwise fail to be written once the run is done.
        out.write("bin_start_ms,rate_hz\n");
        CsvRows rows = new CsvRows(out);
        for (int b = 0; b < bins; b++) {
            TimeGrid.appendDecimalMs(rows.row(), startMs, b, binMs).append(',');
            // append(double) writes Double.toString's digits: six decimals wrote a spike among 10 million neurons
            // in a bin of 1 s, 1e-7 Hz, as 0.000000.
            rows.row().append(rate(b));
            rows.endRow();
        }
        rows.flush();
    }
}
