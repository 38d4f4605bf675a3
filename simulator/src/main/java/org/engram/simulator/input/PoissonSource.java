package org.engram.simulator.input;

import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.model.ExactKernel;
import org.engram.simulator.model.ExactPropagation;
import org.engram.simulator.model.Kernel;
import org.engram.simulator.model.NeuronModel;
import org.engram.simulator.model.NeuronState;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.random.Purpose;
import org.engram.simulator.random.RandomStreams;

/**
 * A population of Poisson spike sources: each neuron fires a Poisson train at a fixed rate, and
 * all its targets see the same train (unlike {@link PoissonInput}, which gives every target its
 * own train). Neuron {@code i} draws from stream {@code (seed, POISSON_SOURCE, global index)}.
 *
 * <p>Grid mode: at most one spike per step, with probability {@code 1 - exp(-rate dt)}.
 * Precise mode: exponential inter-spike intervals, exact times.
 */
public final class PoissonSource implements NeuronModel<PoissonSource.Params, PoissonSource.State>,
        ExactPropagation<PoissonSource.Params, PoissonSource.State> {

    /** The shared instance. */
    public static final PoissonSource MODEL = new PoissonSource();

    /** Name used in configs. */
    public static final String NAME = "poisson_source";

    /**
     * Parameters.
     *
     * @param rateHz the firing rate of every neuron in Hz, {@code >= 0}
     */
    public record Params(double rateHz) {
        /** Validates the rate. */
        public Params {
            ParameterException.requireNonNegative(NAME, "rate_hz", rateHz, "Hz");
            ParameterException.requireFinite(NAME, "rate_hz", rateHz, "Hz");
        }
    }

    /** State: one random stream and, in precise mode, the next spike time per neuron. */
    public static final class State extends NeuronState {
        /** SplitMix64 state of each neuron's stream. */
        public final long[] stream;
        /** Precise mode: the next spike time in ms, drawn lazily. */
        public final double[] nextSpikeMs;

        State(int size) {
            super(size);
            stream = new long[size];
            nextSpikeMs = new double[size];
            java.util.Arrays.fill(nextSpikeMs, Double.NaN);
        }

        @Override
        public void seedStreams(long seed, int firstGlobalNeuron) {
            for (int i = 0; i < stream.length; i++) {
                stream[i] = RandomStreams.streamState(seed, Purpose.POISSON_SOURCE, firstGlobalNeuron + (long) i);
            }
        }

        double nextUniform(int i) {
            long x = stream[i] + RandomStreams.GAMMA;
            stream[i] = x;
            return RandomStreams.toUnitDouble(RandomStreams.mix(x));
        }
    }

    private PoissonSource() {
    }

    @Override
    public String description() {
        return "Poisson spike sources, one train per neuron shared by its targets; grid and precise modes";
    }

    @Override
    public String name() {
        return NAME;
    }

    /** A source: its spikes are drawn, it takes no input. */
    @Override
    public boolean takesInput() {
        return false;
    }

    @Override
    public Class<Params> parametersType() {
        return Params.class;
    }

    @Override
    public Params defaults() {
        return new Params(10.0);
    }

    @Override
    public State newState(int size, Params params) {
        return new State(size);
    }

    @Override
    public Kernel<State> prepare(Params params, TimeGrid grid) {
        final double p = -StrictMath.expm1(-params.rateHz() / 1000.0 * grid.dtMs());
        return (state, lo, hi, from, to, in, out) -> {
            for (int s = from; s < to; s++) {
                for (int i = lo; i < hi; i++) {
                    if (state.nextUniform(i) < p) {
                        out.spike(i, s);
                    }
                }
            }
        };
    }

    @Override
    public ExactKernel<State> prepareExact(Params params, TimeGrid grid) {
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
