package org.engram.simulator.input;

import java.util.Arrays;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.model.Kernel;
import org.engram.simulator.model.NeuronModel;
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
 * <p>Grid mode only: at most one spike per step, with probability {@code 1 - exp(-rate dt)}
 * for the rate in force during the step. The probability is recomputed only for a neuron whose
 * rate changed; a neuron at rate 0 draws no numbers.
 *
 * <pre>{@code
 * var input = builder.population("input", 784, RatePoissonSource.MODEL, new RatePoissonSource.Params(0));
 * ...
 * input.state().setRates(ratesHz);   // between engine.run calls
 * }</pre>
 */
public final class RatePoissonSource implements NeuronModel<RatePoissonSource.Params, RatePoissonSource.State> {

    /** The shared instance. */
    public static final RatePoissonSource MODEL = new RatePoissonSource();

    /** Name used in configs. */
    public static final String NAME = "rate_poisson_source";

    /**
     * Parameters.
     *
     * @param initialRateHz the rate of every neuron until it is changed, in Hz, {@code >= 0}
     */
    public record Params(double initialRateHz) {
        /** Validates the rate. */
        public Params {
            checkRate("rate", initialRateHz);
        }
    }

    /** State: each neuron's rate, its random stream and the spike probability per step. */
    public static final class State extends NeuronState {
        /** The rate of each neuron in Hz, recordable as {@code "rate"}; change with {@link #setRates}. */
        final double[] rateHz;
        /** SplitMix64 state of each neuron's stream. */
        final long[] stream;
        /** The rate for which {@link #probability} was computed; NaN before the first step. */
        final double[] knownRateHz;
        /** Spike probability per step at {@link #knownRateHz}. */
        final double[] probability;

        State(int size, Params p) {
            super(size);
            rateHz = variable("rate", "Hz");
            Arrays.fill(rateHz, p.initialRateHz());
            stream = new long[size];
            knownRateHz = new double[size];
            Arrays.fill(knownRateHz, Double.NaN);
            probability = new double[size];
        }

        @Override
        public void seedStreams(long seed, int firstGlobalNeuron) {
            for (int i = 0; i < stream.length; i++) {
                stream[i] = RandomStreams.streamState(seed, Purpose.POISSON_SOURCE, firstGlobalNeuron + (long) i);
            }
        }

        /**
         * Sets every neuron's rate; takes effect from the next step simulated. Call between runs.
         *
         * @param ratesHz one rate per neuron in Hz, each finite and {@code >= 0}; copied
         * @throws ParameterException if the length is wrong or a rate is negative or not finite;
         *                            no rate is changed then
         */
        public void setRates(double[] ratesHz) {
            if (ratesHz.length != rateHz.length) {
                throw new ParameterException(NAME, "rates", "one rate per neuron (" + rateHz.length + ")",
                        ratesHz.length);
            }
            for (int i = 0; i < ratesHz.length; i++) {
                checkRate("rates[" + i + "]", ratesHz[i]);
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
         */
        public double rateHz(int i) {
            return rateHz[i];
        }

        boolean fires(int i, double dtMs) {
            if (rateHz[i] != knownRateHz[i]) {
                knownRateHz[i] = rateHz[i];
                probability[i] = -StrictMath.expm1(-rateHz[i] / 1000.0 * dtMs);
            }
            if (probability[i] == 0) {
                return false;
            }
            long x = stream[i] + RandomStreams.GAMMA;
            stream[i] = x;
            return RandomStreams.toUnitDouble(RandomStreams.mix(x)) < probability[i];
        }
    }

    private RatePoissonSource() {
    }

    private static void checkRate(String parameter, double hz) {
        ParameterException.requireNonNegative(NAME, parameter, hz, "Hz");
        ParameterException.requireFinite(NAME, parameter, hz, "Hz");
    }

    @Override
    public String description() {
        return "Poisson spike sources with per-neuron rates that may change between runs; grid mode";
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<Params> parametersType() {
        return Params.class;
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
            for (int s = from; s < to; s++) {
                for (int i = lo; i < hi; i++) {
                    if (state.fires(i, dtMs)) {
                        out.spike(i, s);
                    }
                }
            }
        };
    }
}
