package org.engram.simulator.engine;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.engram.simulator.input.PoissonInput;
import org.engram.simulator.input.PoissonSource;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.random.Purpose;
import org.engram.simulator.random.RandomStreams;

/**
 * Generates one {@link PoissonInput}: an independent Poisson train per target neuron it drives
 * (every neuron, or the chosen ones), each from its own SplitMix64 stream
 * {@code (seed, POISSON_INPUT, input << 32 | neuron)} kept as one {@code long} per neuron. The key
 * is the neuron's index in the population, not its place in a list of chosen neurons, so a neuron
 * draws the same train whichever others the input drives.
 *
 * <p>Grid mode draws the number of events per step by inverse transform of the Poisson
 * distribution of mean {@code rate * dt} with a {@link GuideTable} per rate of the schedule: one
 * random number and, almost always, one table lookup per neuron and step (a table per distinct
 * rate; past 64 of them the tables keep no guide and bisect their cumulative probabilities, the
 * same counts in a 32nd of the memory). SplitMix64 is a counter
 * passed through a mixing function, so the number of global step {@code g} (counting the steps of
 * earlier engines on the network) is computed directly from the stream's start, and steps at rate
 * 0 draw nothing without shifting later steps' numbers. The random numbers of a block of neurons
 * are drawn first, in a loop of their own that the JIT vectorises, then turned into counts. The
 * distribution is cut where its tail mass falls below {@code 1e-16}, below the resolution of a
 * double.
 *
 * <p>Chosen neurons are kept ascending: grid mode finds the first in a block by bisection and draws
 * for them alone (one pass, their numbers computed as they are used), and precise mode gives the
 * others no next event. Drive into every neuron keeps its loops free of the test.
 *
 * <p>Precise mode draws one unit exponential per event and spends it over the rate schedule (the
 * integrated rate up to an event is exponential), so events have exact times.
 */
final class PoissonDrive {
    /**
     * The most distinct rates whose tables get a guide (kilobytes each); a schedule of more, such as
     * a rate profile sampled step by step, keeps only each rate's cumulative probabilities.
     */
    private static final int MAX_GUIDED_RATES = 64;

    final int target;
    private final double weight;
    private final boolean inhibitory;
    /** The neurons driven, ascending, or null for every neuron. */
    private final int[] neurons;
    /**
     * Grid mode: each stream's start; precise mode: its current state, advanced per draw. Indexed by
     * neuron; the entries of neurons not driven are unused.
     */
    private final long[] streams;
    /** The step at which each rate takes over; the rate is 0 before the first. */
    private final int[] changeSteps;
    /** Precise mode: the same times in ms. */
    private final double[] changeMs;
    private final double[] ratesKhz;
    /** Grid mode: the count distribution per rate, null for a rate of 0. */
    private final GuideTable[] counts;
    /**
     * Grid mode with every neuron driven: each neuron's random number of the step being filled
     * (workers fill disjoint ranges); null otherwise.
     */
    private final long[] drawn;
    /** Grid mode: the steps earlier engines simulated, after which the trains go on. */
    private long stepsBefore;
    /** Precise mode: each neuron's next event, infinite for a neuron not driven. */
    private final double[] nextEventMs;

    PoissonDrive(PoissonInput input, int inputIndex, long seed, TimeGrid grid, Mode mode) {
        this.target = input.target().index();
        this.weight = input.weight();
        this.inhibitory = input.receptor() == Receptor.INHIBITORY;
        int n = input.target().size();
        neurons = ChosenInOrder.sorted(input.neurons());
        streams = new long[n];
        for (int j = 0; j < drivenCount(); j++) {
            int i = drivenAt(j);
            streams[i] = RandomStreams.streamState(seed, Purpose.POISSON_INPUT, ((long) inputIndex << 32) | i);
        }
        changeSteps = input.changeSteps(grid);
        double[] ratesHz = input.ratesHz();
        ratesKhz = new double[ratesHz.length];
        changeMs = new double[ratesHz.length];
        for (int k = 0; k < ratesHz.length; k++) {
            ratesKhz[k] = ratesHz[k] / 1000.0;
            changeMs[k] = grid.timeMs(changeSteps[k]);
        }
        // Checked in precise mode too, where each event is drawn and delivered one by one.
        double[] means = new double[ratesHz.length];
        for (int k = 0; k < ratesHz.length; k++) {
            means[k] = PoissonSource.requireRateOnGrid("poisson input to '" + input.target().name() + "'",
                    input.rateKey(k), ratesHz[k], grid);
        }
        if (mode == Mode.GRID) {
            counts = new GuideTable[ratesHz.length];
            Map<Double, GuideTable> byRate = new HashMap<>();
            boolean guided = Arrays.stream(ratesHz).distinct().count() <= MAX_GUIDED_RATES;
            for (int k = 0; k < ratesHz.length; k++) {
                double mean = means[k];
                counts[k] = ratesHz[k] == 0 ? null : byRate.computeIfAbsent(mean,
                        m -> GuideTable.poisson(m, guided));
            }
            drawn = neurons == null ? new long[n] : null;
            nextEventMs = null;
        } else {
            counts = null;
            drawn = null;
            nextEventMs = new double[n];
            Arrays.fill(nextEventMs, Double.POSITIVE_INFINITY);
            for (int j = 0; j < drivenCount(); j++) {
                int i = drivenAt(j);
                nextEventMs[i] = nextEventAfter(i, 0);
            }
        }
    }

    /** @return how many neurons the input drives */
    private int drivenCount() {
        return neurons == null ? streams.length : neurons.length;
    }

    /** @return the {@code j}-th neuron the input drives, in ascending order */
    private int drivenAt(int j) {
        return neurons == null ? j : neurons[j];
    }


    /**
     * @param piece a piece of the schedule
     * @return its count table (grid mode), null for a rate of 0 (for tests)
     */
    GuideTable tableOf(int piece) {
        return counts[piece];
    }

    /**
     * Goes on with the trains that earlier engines on the network drew, for {@code steps} grid
     * steps, rather than repeating them from their start.
     *
     * @param steps the grid steps simulated before this engine
     */
    void continueAfter(long steps) {
        if (nextEventMs == null) {
            stepsBefore = steps;
            return;
        }
        if (steps == 0) {
            return;
        }
        for (int j = 0; j < drivenCount(); j++) {
            int i = drivenAt(j);
            streams[i] += steps * RandomStreams.GAMMA;
            nextEventMs[i] = nextEventAfter(i, 0);
        }
    }

    /**
     * Adds the event count of step {@code step} of each driven neuron in {@code [lo, hi)}, times the
     * weight, into its input row.
     */
    void fillGrid(WorkerInput in, int lo, int hi, int step) {
        int k = Segments.at(changeSteps, step);
        if (k < 0 || counts[k] == null) {
            return;
        }
        if (neurons != null) {
            fillChosen(in, lo, hi, step, counts[k]);
            return;
        }
        final long[] start = streams;
        final long[] random = drawn;
        final long offset = (stepsBefore + step + 1) * RandomStreams.GAMMA;
        for (int i = lo; i < hi; i++) {
            random[i] = RandomStreams.mix(start[i] + offset);
        }
        final double[] row = (inhibitory ? in.inhibitory : in.excitatory)[in.view.row(step)];
        final GuideTable table = counts[k];
        final double w = weight;
        for (int i = lo; i < hi; i++) {
            row[i] += table.sample(random[i]) * w;
        }
    }

    /**
     * {@link #fillGrid} for chosen neurons: the same count from the same number for each, so a
     * chosen neuron's row equals its row under drive into every neuron, bit for bit.
     */
    private void fillChosen(WorkerInput in, int lo, int hi, int step, GuideTable table) {
        final int[] chosen = neurons;
        final long[] start = streams;
        final long offset = (stepsBefore + step + 1) * RandomStreams.GAMMA;
        final double[] row = (inhibitory ? in.inhibitory : in.excitatory)[in.view.row(step)];
        final double w = weight;
        for (int j = ChosenInOrder.firstFrom(chosen, lo); j < chosen.length && chosen[j] < hi; j++) {
            int i = chosen[j];
            row[i] += table.sample(RandomStreams.mix(start[i] + offset)) * w;
        }
    }

    /**
     * The time of neuron {@code i}'s first event after {@code fromMs}: a unit exponential draw spent
     * over the rates in force from then on; infinite if the rate stays 0.
     */
    private double nextEventAfter(int i, double fromMs) {
        double t = fromMs;
        double left = Double.NaN;
        for (int k = Segments.at(changeMs, t); ; k++) {
            double end = k + 1 < changeMs.length ? changeMs[k + 1] : Double.POSITIVE_INFINITY;
            double rate = k < 0 ? 0 : ratesKhz[k];
            if (rate > 0) {
                if (Double.isNaN(left)) {
                    left = drawUnitExponential(i);
                }
                double used = rate * (end - t);
                if (left <= used) {
                    return t + left / rate;
                }
                left -= used;
            }
            if (end == Double.POSITIVE_INFINITY) {
                return end;
            }
            t = end;
        }
    }

    private double drawUnitExponential(int i) {
        long x = streams[i] + RandomStreams.GAMMA;
        streams[i] = x;
        double u = RandomStreams.toUnitDouble(RandomStreams.mix(x));
        return -StrictMath.log1p(-u);
    }

    /** Precise mode: appends neuron {@code i}'s events before {@code untilMs} to the scratch list. */
    void collect(int i, double untilMs, EventScratch scratch) {
        double t = nextEventMs[i];
        while (t < untilMs) {
            scratch.add(t, weight, inhibitory);
            t = nextEventAfter(i, t);
        }
        nextEventMs[i] = t;
    }
}
