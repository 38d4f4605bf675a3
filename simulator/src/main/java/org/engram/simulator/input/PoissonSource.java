package org.engram.simulator.input;

import java.util.Arrays;
import org.engram.simulator.IndexArguments;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.model.AbstractNeuronModel;
import org.engram.simulator.model.ExactKernel;
import org.engram.simulator.model.ExactPropagation;
import org.engram.simulator.model.Kernel;
import org.engram.simulator.model.NeuronState;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.random.Purpose;
import org.engram.simulator.random.RandomStreams;

/**
 * A population of Poisson spike sources: each neuron fires a Poisson train at a fixed rate, and
 * all its targets see the same train (unlike {@link PoissonInput}, which gives every target its
 * own train). Neuron {@code i} draws from stream {@code (seed, POISSON_SOURCE, global index)}.
 *
 * <p>Grid mode: each neuron emits a Poisson-distributed number of spikes per step, of mean
 * {@code rate dt}, all at the step's end (as NEST's {@code poisson_generator} sends a spike with a
 * multiplicity): its targets receive the weight that many times, and recorders and listeners see
 * that many spikes, so the train's rate is {@code rate} at any rate. The count is drawn by
 * inversion of one uniform number {@code u} in [0, 1) per neuron and step: it is the number of
 * {@code k >= 0} with {@code u < P(N > k)}, the tail of the Poisson distribution. A spike at all
 * ({@code u < P(N > 0) = 1 - exp(-rate dt)}) is the same event for the same number as a draw that
 * fires at most once per step, so a train without two spikes in one step is that draw's, bit for
 * bit. The tail is computed once per run, past {@code P(N > 0)} as sums from its small end; the
 * far terms whose mass together is below {@code 2^-64} are left out, far below the resolution of
 * {@code u} ({@code 2^-53}). A mean above {@value #MAX_SPIKES_PER_STEP} spikes per step is refused,
 * in both modes. Precise mode: exponential inter-spike intervals, exact times.
 */
public final class PoissonSource extends AbstractNeuronModel<PoissonSource.Params, PoissonSource.State>
        implements ExactPropagation<PoissonSource.Params, PoissonSource.State> {

    /** The shared instance. */
    public static final PoissonSource MODEL = new PoissonSource();

    /** Name used in configs. */
    public static final String NAME = "poisson_source";

    /**
     * The largest mean number of spikes per step: {@code exp(-700)}, the chance of none from which grid
     * mode's table of counts is built, is still a normal double. Precise mode, which draws every spike's
     * time, keeps the same bound, far above any neuron's rate (7 MHz at {@code dt} = 0.1 ms), so that a
     * rate mistyped by a few orders of magnitude is refused rather than run for hours.
     */
    public static final double MAX_SPIKES_PER_STEP = 700;

    /** Tail mass left out of the table of counts: below the resolution of the uniform numbers, {@code 2^-53}. */
    private static final double TAIL_CUT = 0x1.0p-64;

    /**
     * Parameters.
     *
     * @param rateHz the firing rate of every neuron in Hz, {@code >= 0}
     */
    public record Params(double rateHz) {
        /**
         * Validates the rate.
         *
         * @param rateHz the firing rate of every neuron in Hz, {@code >= 0}
         */
        public Params {
            ParameterException.requireNonNegative(NAME, "rate_hz", rateHz, "Hz");
            ParameterException.requireFinite(NAME, "rate_hz", rateHz, "Hz");
        }
    }

    /**
     * State: one random stream and, in precise mode, the next spike time per neuron. The next time
     * is the engine's bookkeeping, read through {@link #nextSpikeMs(int)}.
     */
    public static final class State extends NeuronState {
        /** SplitMix64 state of each neuron's stream. */
        public final long[] stream;
        /**
         * Precise mode: the next spike time in ms, drawn lazily (NaN until then). Not public: a precise engine
         * keeps each neuron's next event, and a time written between runs would go unseen, or lie in the past.
         */
        final double[] nextSpikeMs;

        State(int size) {
            super(size);
            stream = new long[size];
            nextSpikeMs = new double[size];
            Arrays.fill(nextSpikeMs, Double.NaN);
        }

        @Override
        public void seedStreams(long seed, int firstGlobalNeuron) {
            for (int i = 0; i < stream.length; i++) {
                stream[i] = RandomStreams.streamState(seed, Purpose.POISSON_SOURCE, firstGlobalNeuron + (long) i);
            }
        }

        /**
         * {@return precise mode: the neuron's next spike time in ms, or NaN until a precise run has drawn it}
         *
         * @param neuron the neuron's index in the population
         * @throws IndexOutOfBoundsException naming the method, if {@code neuron} is not one of the population's
         */
        public double nextSpikeMs(int neuron) {
            return nextSpikeMs[IndexArguments.check("PoissonSource.State.nextSpikeMs", "neuron", neuron,
                    nextSpikeMs.length)];
        }

        double nextUniform(int i) {
            long x = stream[i] + RandomStreams.GAMMA;
            stream[i] = x;
            return RandomStreams.toUnitDouble(RandomStreams.mix(x));
        }
    }

    private PoissonSource() {
        super(NAME, "Poisson spike sources, one train per neuron shared by its targets; grid and precise modes",
                Params.class);
    }

    /** A source: its spikes are drawn, it takes no input. */
    @Override
    public boolean takesInput() {
        return false;
    }

    @Override
    public Params defaults() {
        return new Params(10.0);
    }

    @Override
    public State newState(int size, Params params) {
        return new State(size);
    }

    /**
     * Checks that a Poisson rate gives at most {@value #MAX_SPIKES_PER_STEP} events per step on average, in
     * either mode: the bound of a {@code poisson_source} and of a Poisson input.
     *
     * @param owner  what the rate is of, for the message
     * @param key    the rate's key, for the message
     * @param rateHz the rate (Hz)
     * @param grid   the time grid
     * @return the mean number of events per step
     * @throws ParameterException naming the key if the mean is above the bound, or NaN
     */
    public static double requireRateOnGrid(String owner, String key, double rateHz, TimeGrid grid) {
        double mean = rateHz / 1000.0 * grid.dtMs();
        if (!(mean <= MAX_SPIKES_PER_STEP)) {
            throw new ParameterException(owner, key, "at most " + MAX_SPIKES_PER_STEP + " events per step on average,"
                    + " i.e. " + MAX_SPIKES_PER_STEP / grid.dtMs() * 1000 + " Hz at dt = " + grid.dtMs() + " ms",
                    rateHz, null, TimeGrid.DT);
        }
        return mean;
    }

    /**
     * Prepares the grid kernel, which draws each neuron's number of spikes per step from the table
     * of {@link #countTail}.
     *
     * @throws ParameterException if the rate gives more than {@value #MAX_SPIKES_PER_STEP} spikes per
     *                            step on average
     */
    @Override
    public Kernel<State> prepare(Params params, TimeGrid grid) {
        final double mean = requireRateOnGrid(NAME, "rate_hz", params.rateHz(), grid);
        final double[] tail = countTail(mean);
        final double p = tail[0];
        return (state, lo, hi, from, to, in, out) -> {
            for (int s = from; s < to; s++) {
                for (int i = lo; i < hi; i++) {
                    double u = state.nextUniform(i);
                    if (u < p) {
                        out.spike(i, s);
                        // One spike more for each k with u < P(N > k); the table ends in 0, which no u is below.
                        for (int k = 1; u < tail[k]; k++) {
                            out.spike(i, s);
                        }
                    }
                }
            }
        };
    }

    /**
     * The tail of the Poisson distribution, {@code tail[k] = P(N > k)}, from which grid mode draws
     * the number of spikes in a step: the count of a uniform number {@code u} is the number of
     * {@code k} with {@code u < tail[k]}. {@code tail[0]} is {@code 1 - exp(-mean)} by
     * {@code expm1}; the others are sums of the terms past {@code k}, smallest first, so that a small
     * tail keeps its relative precision (a difference from 1 would not). The terms are cut past the
     * mode where a bound on the mass left out falls below {@link #TAIL_CUT}: past the mode the
     * terms fall at least geometrically, {@code p_(j+1) / p_j = mean / (j + 1)}, so the mass from
     * term {@code j} on is at most {@code p_j / (1 - mean / (j + 1))}. The table ends in 0 and never
     * rises, whatever the rounding.
     *
     * @param mean the mean number of spikes per step, in {@code [0, MAX_SPIKES_PER_STEP]}
     * @return the tail, ending in 0
     */
    static double[] countTail(double mean) {
        double[] terms = new double[16];
        int n = 0;
        double term = StrictMath.exp(-mean);
        while (mean > 0 && (n <= mean || term > TAIL_CUT * (1 - mean / (n + 1)))) {
            if (n == terms.length) {
                terms = Arrays.copyOf(terms, 2 * n);
            }
            terms[n] = term;
            n++;
            term *= mean / n;
        }
        // tail[k] for k < n sums the kept terms past k; tail[n] = 0 is the sentinel.
        double[] tail = new double[Math.max(n, 1) + 1];
        double sum = 0;
        for (int k = n - 1; k >= 1; k--) {
            tail[k] = sum;
            sum += terms[k];
        }
        tail[0] = -StrictMath.expm1(-mean);
        for (int k = 1; k < tail.length; k++) {
            tail[k] = Math.min(tail[k], tail[k - 1]);
        }
        return tail;
    }

    @Override
    public ExactKernel<State> prepareExact(Params params, TimeGrid grid) {
        requireRateOnGrid(NAME, "rate_hz", params.rateHz(), grid);
        final double rateKhz = params.rateHz() / 1000.0;
        return new ExactKernel<>() {
            @Override
            public void propagate(State s, int i, double fromMs, double toMs) {
                // Sources have no subthreshold dynamics.
            }

            @Override
            public double nextCrossingMs(State s, int i, double fromMs, double untilMs) {
                if (rateKhz == 0) {
                    return Double.NaN;
                }
                if (Double.isNaN(s.nextSpikeMs[i])) {
                    s.nextSpikeMs[i] = fromMs + interval(s, i);
                }
                return s.nextSpikeMs[i] <= untilMs ? s.nextSpikeMs[i] : Double.NaN;
            }

            @Override
            public void receive(State s, int i, Receptor receptor, double weight, double timeMs) {
                // Sources ignore input.
            }

            @Override
            public void fire(State s, int i, double timeMs) {
                s.nextSpikeMs[i] = timeMs + interval(s, i);
            }

            private double interval(State s, int i) {
                return -StrictMath.log1p(-s.nextUniform(i)) / rateKhz;
            }
        };
    }
}
