package org.engram.simulator.engine;

import org.engram.simulator.ParameterException;
import org.engram.simulator.input.PoissonInput;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.random.Purpose;
import org.engram.simulator.random.RandomStreams;

/**
 * Generates one {@link PoissonInput}: an independent Poisson train per target neuron, each from
 * its own SplitMix64 stream {@code (seed, POISSON_INPUT, input << 32 | neuron)} kept as one
 * {@code long} per neuron.
 *
 * <p>Grid mode draws the number of events per step by inverse transform of the Poisson
 * distribution of mean {@code rate * dt} with a {@link GuideTable}: one random number and, almost
 * always, one table lookup per neuron and step. The random numbers of a block of neurons are drawn
 * first, in a loop of their own that the JIT vectorises, then turned into counts. The distribution
 * is cut where its tail mass falls below {@code 1e-16}, below the resolution of a double. Precise
 * mode draws exponential intervals, so events have exact times.
 */
final class PoissonDrive {
    final int target;
    private final double weight;
    private final boolean inhibitory;
    private final long[] streams;
    private final GuideTable counts;
    /** Grid mode: each neuron's random number of the step being filled (workers fill disjoint ranges). */
    private final long[] drawn;
    private final double rateKhz;
    private final double[] nextEventMs;

    PoissonDrive(PoissonInput input, int inputIndex, long seed, TimeGrid grid, Mode mode) {
        this.target = input.target().index();
        this.weight = input.weight();
        this.inhibitory = input.receptor() == Receptor.INHIBITORY;
        int n = input.target().size();
        streams = new long[n];
        for (int i = 0; i < n; i++) {
            streams[i] = RandomStreams.streamState(seed, Purpose.POISSON_INPUT, ((long) inputIndex << 32) | i);
        }
        rateKhz = input.rateHz() / 1000.0;
        if (mode == Mode.GRID) {
            double mean = rateKhz * grid.dtMs();
            if (!(mean <= GuideTable.MAX_POISSON_MEAN)) {
                throw new ParameterException("poisson input to '" + input.target().name() + "'", "rate_hz",
                        "at most " + GuideTable.MAX_POISSON_MEAN + " events per step in grid mode, i.e. "
                                + GuideTable.MAX_POISSON_MEAN / grid.dtMs() * 1000 + " Hz at dt = " + grid.dtMs()
                                + " ms (precise mode has no limit)", input.rateHz());
            }
            counts = GuideTable.poisson(mean);
            drawn = new long[n];
        } else {
            counts = null;
            drawn = null;
        }
        if (mode == Mode.PRECISE) {
            nextEventMs = new double[n];
            for (int i = 0; i < n; i++) {
                nextEventMs[i] = drawInterval(i);
            }
        } else {
            nextEventMs = null;
        }
    }

    /**
     * Goes on with the trains that earlier engines on the network drew, one number per neuron and
     * step for {@code steps} grid steps, rather than repeating them from their start.
     *
     * @param steps the grid steps simulated before this engine
     */
    void continueAfter(long steps) {
        if (steps == 0 || rateKhz == 0) {
            return;
        }
        for (int i = 0; i < streams.length; i++) {
            streams[i] += steps * RandomStreams.GAMMA;
        }
        if (nextEventMs != null) {
            for (int i = 0; i < nextEventMs.length; i++) {
                nextEventMs[i] = drawInterval(i);
            }
        }
    }

    /** Adds each neuron's event count of step {@code step}, times the weight, into its input row. */
    void fillGrid(WorkerInput in, int lo, int hi, int step) {
        if (rateKhz == 0) {
            return;
        }
        final long[] state = streams;
        final long[] random = drawn;
        for (int i = lo; i < hi; i++) {
            long x = state[i] + RandomStreams.GAMMA;
            state[i] = x;
            random[i] = RandomStreams.mix(x);
        }
        final double[] row = (inhibitory ? in.inhibitory : in.excitatory)[in.view.row(step)];
        final GuideTable table = counts;
        final double w = weight;
        for (int i = lo; i < hi; i++) {
            row[i] += table.sample(random[i]) * w;
        }
    }

    private double drawInterval(int i) {
        if (rateKhz == 0) {
            return Double.POSITIVE_INFINITY;
        }
        long x = streams[i] + RandomStreams.GAMMA;
        streams[i] = x;
        double u = RandomStreams.toUnitDouble(RandomStreams.mix(x));
        return -StrictMath.log1p(-u) / rateKhz;
    }

    /** Precise mode: appends neuron {@code i}'s events before {@code untilMs} to the scratch list. */
    void collect(int i, double untilMs, EventScratch scratch) {
        double t = nextEventMs[i];
        while (t < untilMs) {
            scratch.add(t, weight, inhibitory);
            t += drawInterval(i);
        }
        nextEventMs[i] = t;
    }
}
