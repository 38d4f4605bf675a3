package org.engram.simulator.engine;

import org.engram.simulator.input.PoissonInput;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.random.Purpose;
import org.engram.simulator.random.RandomStreams;

/**
 * Generates one {@link PoissonInput}: an independent Poisson train per target neuron, each from
 * its own SplitMix64 stream {@code (seed, POISSON_INPUT, input << 32 | neuron)} kept as one
 * {@code long} per neuron.
 *
 * <p>Grid mode draws the number of events per step by inverting the Poisson distribution
 * function, tabulated once: one uniform number and, on average, {@code rate * dt + 1}
 * comparisons per neuron and step. Precise mode draws exponential intervals, so events have
 * exact times.
 */
final class PoissonDrive {
    final PoissonInput input;
    final int target;
    private final double weight;
    private final boolean inhibitory;
    private final long[] streams;
    private final double[] cumulative;
    private final double rateKhz;
    private final double[] nextEventMs;

    PoissonDrive(PoissonInput input, int inputIndex, long seed, TimeGrid grid, Mode mode) {
        this.input = input;
        this.target = input.target().index();
        this.weight = input.weight();
        this.inhibitory = input.receptor() == Receptor.INHIBITORY;
        int n = input.target().size();
        streams = new long[n];
        for (int i = 0; i < n; i++) {
            streams[i] = RandomStreams.streamState(seed, Purpose.POISSON_INPUT, ((long) inputIndex << 32) | i);
        }
        rateKhz = input.rateHz() / 1000.0;
        cumulative = poissonTable(rateKhz * grid.dtMs());
        if (mode == Mode.PRECISE) {
            nextEventMs = new double[n];
            for (int i = 0; i < n; i++) {
                nextEventMs[i] = drawInterval(i);
            }
        } else {
            nextEventMs = null;
        }
    }

    /** The Poisson distribution function for mean {@code mean}, up to where it reaches 1 in double. */
    private static double[] poissonTable(double mean) {
        if (mean == 0) {
            return new double[] {1.0};
        }
        double[] table = new double[16];
        double p = StrictMath.exp(-mean);
        double sum = p;
        int k = 0;
        table[0] = sum;
        while (sum < 1.0 && p > 0 || k < mean) {
            k++;
            p *= mean / k;
            sum += p;
            if (k == table.length) {
                table = java.util.Arrays.copyOf(table, k * 2);
            }
            table[k] = sum;
        }
        table[k] = 1.0;
        return java.util.Arrays.copyOf(table, k + 1);
    }

    /** Adds each neuron's event count times the weight into the rows of steps {@code [from, to)}. */
    void fillGrid(PopulationRuntime rt, int lo, int hi, int from, int to) {
        final double[] buffer = inhibitory ? rt.inhibitory : rt.excitatory;
        final double[] table = cumulative;
        final long[] state = streams;
        final double w = weight;
        if (table.length == 1) {
            return;
        }
        for (int s = from; s < to; s++) {
            int row = rt.input.row(s);
            for (int i = lo; i < hi; i++) {
                long x = state[i] + RandomStreams.GAMMA;
                state[i] = x;
                double u = RandomStreams.toUnitDouble(RandomStreams.mix(x));
                int k = 0;
                while (u >= table[k]) {
                    k++;
                }
                if (k != 0) {
                    buffer[row + i] += k * w;
                }
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

    /**
     * Precise mode: appends neuron {@code i}'s events before {@code untilMs} to the scratch list.
     *
     * @return the new scratch count
     */
    int collect(int i, double untilMs, EventScratch scratch) {
        double t = nextEventMs[i];
        while (t < untilMs) {
            scratch.add(t, weight, inhibitory);
            t += drawInterval(i);
        }
        nextEventMs[i] = t;
        return scratch.count;
    }
}
