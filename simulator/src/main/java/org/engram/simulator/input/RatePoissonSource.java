package org.engram.simulator.input;

import java.util.Arrays;
import org.engram.simulator.IndexArguments;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.model.AbstractNeuronModel;
import org.engram.simulator.model.Kernel;
import org.engram.simulator.model.NeuronState;
import org.engram.simulator.random.Purpose;
import org.engram.simulator.random.RandomStreams;

/**
 * A population of Poisson spike sources whose rates are set per neuron and may be changed between
 * runs, e.g. to present one input sample after another (rate-coded images). All targets of a
 * neuron see the same train. Neuron {@code i} draws from stream
 * {@code (seed, POISSON_SOURCE, global index)}, so its train depends on the seed and its own
 * rates alone, never on other neurons or the thread count.
 *
 * <p>Grid mode only: at most one spike per step, independently with probability
 * {@code p = 1 - exp(-rate dt)} for the rate in force during the step. Instead of one draw per
 * step, each neuron draws the number of silent steps before its next spike, geometric with
 * {@code P(K >= k) = (1 - p)^k = exp(-k rate dt)}, as {@code K = floor(E / (rate dt))} with
 * {@code E} exponential: one draw and one logarithm per spike, one comparison per step. When a
 * rate changes the wait is drawn afresh, which the geometric law's lack of memory makes exact; a
 * neuron at rate 0 draws nothing.
 *
 * <pre>{@code
 * var input = builder.population("input", 784, RatePoissonSource.MODEL, new RatePoissonSource.Params(0));
 * ...
 * input.state().setRates(ratesHz);   // between engine.run calls
 * }</pre>
 */
public final class RatePoissonSource extends AbstractNeuronModel<RatePoissonSource.Params, RatePoissonSource.State> {

    /** The shared instance. */
    public static final RatePoissonSource MODEL = new RatePoissonSource();

    /** The model's name in summaries and messages (not a config model: rates are set from code). */
    public static final String NAME = "rate_poisson_source";

    /**
     * Parameters.
     *
     * @param initialRateHz the rate of every neuron until it is changed, in Hz, {@code >= 0}
     */
    public record Params(double initialRateHz) {
        /**
         * Validates the rate.
         *
         * @param initialRateHz the rate of every neuron until it is changed, in Hz, {@code >= 0}
         */
        public Params {
            checkRate("rate", initialRateHz);
        }
    }

    /** State: each neuron's rate, its random stream and the step of its next spike. */
    public static final class State extends NeuronState {
        /** The rate of each neuron in Hz, recordable as {@code "rate"}; change with {@link #setRates}. */
        final double[] rateHz;
        /** SplitMix64 state of each neuron's stream. */
        final long[] stream;
        /** The rate for which {@link #nextStep} was drawn; NaN before the first step. */
        final double[] knownRateHz;
        /** The step of each neuron's next spike, {@link Long#MAX_VALUE} for never. */
        final long[] nextStep;
        /** The network's steps before the engine whose clock {@link #nextStep} stands on. */
        private long clockStart;

        State(int size, Params p) {
            super(size);
            rateHz = variable("rate", "Hz");
            Arrays.fill(rateHz, p.initialRateHz());
            stream = new long[size];
            knownRateHz = new double[size];
            Arrays.fill(knownRateHz, Double.NaN);
            nextStep = new long[size];
        }

        @Override
        public void seedStreams(long seed, int firstGlobalNeuron) {
            for (int i = 0; i < stream.length; i++) {
                stream[i] = RandomStreams.streamState(seed, Purpose.POISSON_SOURCE, firstGlobalNeuron + (long) i);
            }
        }

        /** Refuses a negative rate written into the recordable {@code rate} array between runs. */
        @Override
        public void requireValid(String population) {
            for (int i = 0; i < rateHz.length; i++) {
                if (!(rateHz[i] >= 0)) {
                    throw new ParameterException("population '" + population + "'", "rate[" + i + "]",
                            "a rate >= 0 (Hz)", rateHz[i]);
                }
            }
        }

        /**
         * Sets every neuron's rate; takes effect from the next step simulated. Call between runs.
         *
         * @param ratesHz one rate per neuron in Hz, each finite and {@code >= 0}; copied
         * @throws ParameterException if the array is null, its length is wrong or a rate is negative
         *                            or not finite; no rate is changed then
         */
        public void setRates(double[] ratesHz) {
            if (ratesHz == null) {
                // Not requireNonNull: its message would be built on every call, once per sample presented.
                throw new ParameterException(NAME, "rates", "one rate per neuron (" + rateHz.length + ")", "null");
            }
            if (ratesHz.length != rateHz.length) {
                throw new ParameterException(NAME, "rates", "one rate per neuron (" + rateHz.length + ")",
                        ratesHz.length);
            }
            for (int i = 0; i < ratesHz.length; i++) {
                if (!(ratesHz[i] >= 0) || ratesHz[i] == Double.POSITIVE_INFINITY) {
                    checkRate("rates[" + i + "]", ratesHz[i]);   // the name is built only for a rate that fails
                }
            }
            System.arraycopy(ratesHz, 0, rateHz, 0, ratesHz.length);
        }

        /**
         * Sets every neuron's rate to the same value; takes effect from the next step simulated.
         *
         * @param hz the rate in Hz, finite and {@code >= 0}
         */
        public void setAllRates(double hz) {
            checkRate("rate", hz);
            Arrays.fill(rateHz, hz);
        }

        /**
         * The rate of a neuron.
         *
         * @param i the neuron
         * @return its rate in Hz
         * @throws IndexOutOfBoundsException naming the method, if {@code i} is not a neuron of the population
         */
        public double rateHz(int i) {
            return rateHz[IndexArguments.check("RatePoissonSource.State.rateHz", "i", i, rateHz.length)];
        }

        /**
         * Carries each neuron's wait over to a new engine's clock, so its train goes on: the steps
         * are those of every earlier engine, and the waits stand on the clock of the last one, which
         * started after {@link #clockStart} of them.
         */
        @Override
        public void continueAfter(long steps) {
            long shift = steps - clockStart;
            clockStart = steps;
            for (int i = 0; i < nextStep.length; i++) {
                if (nextStep[i] != Long.MAX_VALUE) {
                    nextStep[i] -= shift;
                }
            }
        }

        /** Draws afresh the next spike of neurons whose rate changed, waiting from step {@code from}. */
        void refresh(int lo, int hi, int from, double dtMs) {
            for (int i = lo; i < hi; i++) {
                if (rateHz[i] != knownRateHz[i]) {
                    knownRateHz[i] = rateHz[i];
                    drawNext(i, from, dtMs);
                }
            }
        }

        /** Sets neuron {@code i}'s next spike to step {@code from} plus a geometric number of silent steps. */
        void drawNext(int i, long from, double dtMs) {
            double lambda = rateHz[i] / 1000.0 * dtMs;
            if (lambda == 0) {
                nextStep[i] = Long.MAX_VALUE;
                return;
            }
            long x = stream[i] + RandomStreams.GAMMA;
            stream[i] = x;
            double exponential = -StrictMath.log1p(-RandomStreams.toUnitDouble(RandomStreams.mix(x)));
            double wait = Math.floor(exponential / lambda);
            nextStep[i] = wait < 0x1p60 ? from + (long) wait : Long.MAX_VALUE;
        }
    }

    private RatePoissonSource() {
        super(NAME, "Poisson spike sources with per-neuron rates that may change between runs; grid mode",
                Params.class);
    }

    private static void checkRate(String parameter, double hz) {
        ParameterException.requireNonNegative(NAME, parameter, hz, "Hz");
        ParameterException.requireFinite(NAME, parameter, hz, "Hz");
    }

    /** A source: its spikes are drawn, it takes no input. */
    @Override
    public boolean takesInput() {
        return false;
    }

    @Override
    public Params defaults() {
        return new Params(0.0);
    }

    @Override
    public State newState(int size, Params params) {
        return new State(size, params);
    }

    @Override
    public Kernel<State> prepare(Params params, TimeGrid grid) {
        final double dtMs = grid.dtMs();
        return (state, lo, hi, from, to, in, out) -> {
            state.refresh(lo, hi, from, dtMs);
            final long[] next = state.nextStep;
            for (int s = from; s < to; s++) {
                for (int i = lo; i < hi; i++) {
                    if (next[i] == s) {
                        out.spike(i, s);
                        state.drawNext(i, s + 1L, dtMs);
                    }
                }
            }
        };
    }
}
