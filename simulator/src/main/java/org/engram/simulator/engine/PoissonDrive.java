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
 * <p>Grid mode draws the number of events per step with Walker's alias method over the Poisson
 * distribution of mean {@code rate * dt}: one uniform number, one table lookup and one comparison
 * per neuron and step, without data-dependent loops (Walker 1977; Vose 1991 for the
 * construction). The distribution is cut where its tail mass falls below {@code 1e-16}, below the
 * resolution of a double. Precise mode draws exponential intervals, so events have exact times.
 */
final class PoissonDrive {
    final int target;
    private final double weight;
    private final boolean inhibitory;
    private final long[] streams;
    private final AliasTable counts;
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
            if (!(mean <= AliasTable.MAX_POISSON_MEAN)) {
                throw new ParameterException("poisson input to '" + input.target().name() + "'", "rate",
                        "at most " + AliasTable.MAX_POISSON_MEAN + " events per step in grid mode, i.e. "
                                + AliasTable.MAX_POISSON_MEAN / grid.dtMs() * 1000 + " Hz at dt = " + grid.dtMs()
                                + " ms (precise mode has no limit)", input.rateHz());
            }
            counts = AliasTable.poisson(mean);
        } else {
            counts = null;
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

    /** Adds each neuron's event count times the weight into the rows of steps {@code [from, to)}. */
    void fillGrid(PopulationRuntime rt, int lo, int hi, int from, int to) {
        final double[][] buffer = inhibitory ? rt.inhibitory : rt.excitatory;
        final AliasTable table = counts;
        final long[] state = streams;
        final double w = weight;
        if (rateKhz == 0) {
            return;
        }
        for (int s = from; s < to; s++) {
            final double[] row = buffer[rt.input.row(s)];
            for (int i = lo; i < hi; i++) {
                long x = state[i] + RandomStreams.GAMMA;
                state[i] = x;
                row[i] += table.sample(RandomStreams.toUnitDouble(RandomStreams.mix(x))) * w;
            }
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
