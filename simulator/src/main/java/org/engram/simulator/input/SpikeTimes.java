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
import org.engram.simulator.model.SpikeSink;

/**
 * A population of spike sources that fire at given times (NEST's spike_generator); they ignore
 * their input. Connect them to neurons with projections like any population.
 *
 * <p>Grid mode: a spike at time {@code t} is emitted at the end of the step that contains it,
 * i.e. at the first grid time {@code >= t} (a time on the grid is emitted in its own step, though
 * it reads {@code (s + 1) * dt} computed in {@code double}, 0.7 as 0.7000000000000001); as every
 * grid spike carries the end of its step, the earliest is {@code dt}, and a time in {@code [0, dt]}
 * is emitted at {@code dt}. Precise mode: spikes are emitted at exactly {@code t}.
 */
public final class SpikeTimes extends AbstractNeuronModel<SpikeTimes.Params, SpikeTimes.State>
        implements ExactPropagation<SpikeTimes.Params, SpikeTimes.State> {

    /** The shared instance. */
    public static final SpikeTimes MODEL = new SpikeTimes();

    /** Name used in configs. */
    public static final String NAME = "spike_times";

    /**
     * The spike times of every source neuron.
     *
     * @param timesMs one ascending array of spike times (ms, {@code >= 0}) per neuron
     */
    public record Params(double[][] timesMs) {
        /**
         * Validates order and values; keeps a deep copy.
         *
         * @param timesMs one ascending array of spike times (ms, {@code >= 0}) per neuron
         */
        public Params {
            if (timesMs == null) {
                throw new ParameterException(NAME, "times_ms", "an array of spike times per neuron", "null");
            }
            double[][] copy = new double[timesMs.length][];
            for (int i = 0; i < timesMs.length; i++) {
                if (timesMs[i] == null) {
                    throw new ParameterException(NAME, "times_ms[" + i + "]", "an array of spike times (empty: none)",
                            "null");
                }
                copy[i] = timesMs[i].clone();
                for (int k = 0; k < copy[i].length; k++) {
                    double t = copy[i][k];
                    if (!(t >= 0) || !Double.isFinite(t) || (k > 0 && !(t >= copy[i][k - 1]))) {
                        throw new ParameterException(NAME, "times_ms[" + i + "][" + k + "]",
                                "finite ascending times >= 0 (ms)", t);
                    }
                    // -0.0 is 0 but would be written "-0.000000000" and hashed apart from 0.
                    copy[i][k] = t + 0.0;
                }
            }
            timesMs = copy;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Params p && Arrays.deepEquals(timesMs, p.timesMs);
        }

        @Override
        public int hashCode() {
            return Arrays.deepHashCode(timesMs);
        }

        @Override
        public String toString() {
            return "SpikeTimes.Params[" + timesMs.length + " neurons]";
        }
    }

    /**
     * State: each neuron's spike times and the index of its next one. The index is the engine's
     * bookkeeping, read through {@link #nextIndex}; new times are given with {@link #load}.
     */
    public static final class State extends NeuronState {
        /** Index of the next spike time of each neuron; not public, as an index written out of range fails a run. */
        final int[] next;
        private double[][] timesMs;

        State(int size, double[][] timesMs) {
            super(size);
            next = new int[size];
            this.timesMs = timesMs;
        }

        /**
         * Replaces every neuron's spike times, e.g. to present the next sample to a network
         * between runs. Times already passed are skipped when the engine reaches them. A time
         * equal to the current time counts as passed in grid mode (the last step emitted the times
         * it ends at) but is emitted at once in precise mode, whose steps take both their ends.
         *
         * @param times one ascending array of spike times (ms) per neuron; validated like the
         *              parameters and copied
         */
        public void load(double[][] times) {
            ParameterException.requireNonNull(NAME, "times_ms", times, "one spike-time array per neuron ("
                    + size() + ")");
            if (times.length != size()) {
                throw new ParameterException(NAME, "times_ms", "one spike-time array per neuron (" + size() + ")",
                        times.length);
            }
            this.timesMs = new Params(times).timesMs();
            Arrays.fill(next, 0);
            changed();
        }

        /**
         * {@return the index, in the neuron's ascending spike times, of the next time to emit: the
         * number of its times already emitted or passed over}
         *
         * @param neuron the neuron's index in the population
         * @throws IndexOutOfBoundsException naming the method, if {@code neuron} is not one of the population's
         */
        public int nextIndex(int neuron) {
            return next[IndexArguments.check("SpikeTimes.State.nextIndex", "neuron", neuron, next.length)];
        }

        double[] times(int i) {
            return timesMs[i];
        }
    }

    private SpikeTimes() {
        super(NAME, "spike sources firing at given times; grid and precise modes", Params.class);
    }

    /** A source: its spikes are given, it takes no input. */
    @Override
    public boolean takesInput() {
        return false;
    }

    @Override
    public Params defaults() {
        return new Params(new double[][] {{}});
    }

    @Override
    public State newState(int size, Params params) {
        if (size != params.timesMs().length) {
            // The defaults (one neuron that never fires) exist so every model has some; a larger
            // population at them has most likely not been given its times.
            boolean defaults = params.equals(defaults());
            throw new ParameterException(NAME, "times_ms", "one spike-time array per neuron (" + size + ")",
                    defaults ? "1, the default (one empty array, for a single neuron)"
                            : String.valueOf(params.timesMs().length),
                    defaults ? "give times_ms, e.g. [[1.0, 5.0], []] for two neurons" : null);
        }
        return new State(size, params.timesMs());
    }

    @Override
    public Kernel<State> prepare(Params params, TimeGrid grid) {
        return (state, lo, hi, from, to, in, out) -> emitOnGrid(grid, state, lo, hi, from, to, out);
    }

    /**
     * Emits, in step {@code s}, the spikes with times in {@code (s dt, (s+1) dt]} (step 0 also takes
     * time 0): see {@link TimeGrid#stepEndingAtOrAfter}.
     */
    private static void emitOnGrid(TimeGrid grid, State state, int lo, int hi, int from, int to, SpikeSink out) {
        int[] next = state.next;
        for (int s = from; s < to; s++) {
            for (int i = lo; i < hi; i++) {
                double[] mine = state.times(i);
                while (next[i] < mine.length) {
                    int step = grid.stepEndingAtOrAfter(mine[next[i]]);
                    if (step > s) {
                        break;
                    }
                    if (step == s) {
                        out.spike(i, s);
                    }
                    next[i]++;
                }
            }
        }
    }

    @Override
    public ExactKernel<State> prepareExact(Params params, TimeGrid grid) {
        return new ExactKernel<>() {
            @Override
            public void propagate(State s, int i, double fromMs, double toMs) {
                // Sources have no subthreshold dynamics.
            }

            @Override
            public double nextCrossingMs(State s, int i, double fromMs, double untilMs) {
                double[] mine = s.times(i);
                while (s.next[i] < mine.length && mine[s.next[i]] < fromMs) {
                    s.next[i]++;
                }
                if (s.next[i] < mine.length && mine[s.next[i]] <= untilMs) {
                    return mine[s.next[i]];
                }
                return Double.NaN;
            }

            @Override
            public void receive(State s, int i, Receptor receptor, double weight, double timeMs) {
                // Sources ignore input.
            }

            @Override
            public void fire(State s, int i, double timeMs) {
                s.next[i]++;
            }
        };
    }

}
