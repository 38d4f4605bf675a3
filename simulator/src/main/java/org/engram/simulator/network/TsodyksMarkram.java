package org.engram.simulator.network;

import java.util.Arrays;
import org.engram.simulator.IndexArguments;
import org.engram.simulator.Problems;

/**
 * Short-term depression and facilitation of a projection's synapses, after Tsodyks, Pawelzik and
 * Markram (1998) in the discrete form of NEST's {@code tsodyks2_synapse}: each source neuron's
 * synapses share a utilisation {@code u} and a fraction {@code x} of resources available, which
 * depend on its spike times alone.
 *
 * <p>Between spikes {@code u} relaxes to 0 with {@code tau_fac} and {@code x} to 1 with
 * {@code tau_rec}. At a spike {@code u} first grows, {@code u <- u + U (1 - u)}; then every synapse
 * of the source delivers {@code w u x} and {@code x <- x - u x}. Synapses start at rest
 * ({@code u = 0}, {@code x = 1}), so a first spike delivers {@code w U}. For spike {@code n} at an
 * interval {@code h} after spike {@code n - 1}:
 * <pre>
 *   u_n = U + u_{n-1} (1 - U) exp(-h / tau_fac)          (u_n = U when tau_fac = 0)
 *   x_n = 1 + (x_{n-1} - u_{n-1} x_{n-1} - 1) exp(-h / tau_rec)
 *   delivered: w u_n x_n
 * </pre>
 * A regular train at interval {@code T} tends to
 * {@code u* = U / (1 - (1 - U) exp(-T / tau_fac))} and
 * {@code x* = (1 - exp(-T / tau_rec)) / (1 - (1 - u*) exp(-T / tau_rec))}. Spikes of one source at
 * one moment (a {@code poisson_source} step with several) act one after another at interval 0, each
 * using up its share of the resources, where NEST's {@code tsodyks2_synapse} updates its state once
 * for a spike of multiplicity {@code k} and delivers {@code k} times that weight.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>NEST default</th><th>unit</th><th>meaning</th></tr>
 *   <tr><td>{@code u}</td><td>0.5</td><td>-</td><td>U, the utilisation increment at a spike, in (0, 1]</td></tr>
 *   <tr><td>{@code tau_rec}</td><td>800</td><td>ms</td><td>recovery of resources, &gt; 0</td></tr>
 *   <tr><td>{@code tau_fac}</td><td>0</td><td>ms</td><td>decay of facilitation, &gt;= 0 (0: none)</td></tr>
 * </table>
 *
 * <p>References: M. Tsodyks, K. Pawelzik, H. Markram, Neural networks with dynamic synapses,
 * Neural Computation 10 (1998) 821-835; W. Maass, H. Markram, Synapses as dynamic memory buffers,
 * Neural Networks 15 (2002) 155-161. Depressing synapses: {@code new TsodyksMarkram(0.5, 800, 0)};
 * facilitating ones: {@code new TsodyksMarkram(0.1, 100, 1000)}.
 *
 * @param u      U, the utilisation increment at each spike, in (0, 1]
 * @param tauRec the time constant of recovery of resources, in ms, {@code > 0}
 * @param tauFac the time constant of the decay of facilitation, in ms, {@code >= 0}; 0 for none
 */
public record TsodyksMarkram(double u, double tauRec, double tauFac) {
    /** The name configs give the model, {@code tsodyks_markram}. */
    public static final String NAME = "tsodyks_markram";
    /** One line on the model, for listings. */
    public static final String DESCRIPTION = "short-term depression and facilitation (Tsodyks, Pawelzik & Markram"
            + " 1998; NEST's tsodyks2_synapse): each spike delivers w u x";

    /**
     * Validates every parameter, reporting all that break their rule at once.
     *
     * @param u      U, the utilisation increment at each spike, in (0, 1]
     * @param tauRec the time constant of recovery of resources, in ms, {@code > 0}
     * @param tauFac the time constant of the decay of facilitation, in ms, {@code >= 0}; 0 for none
     */
    public TsodyksMarkram {
        Problems p = new Problems(NAME);
        p.inRange(u > 0 && u <= 1, "u", "a number in (0, 1] (the utilisation increment U)", u);
        p.positive("tau_rec", tauRec, "ms");
        p.nonNegative("tau_fac", tauFac, "ms");
        p.throwIfAny();
    }

    /** {@return NEST's defaults for {@code tsodyks2_synapse}: depressing, U 0.5, tau_rec 800 ms, no facilitation} */
    public static TsodyksMarkram defaults() {
        return new TsodyksMarkram(0.5, 800.0, 0.0);
    }

    /**
     * The state of a projection's synapses, one {@code u} and {@code x} per source neuron, as all the
     * synapses of a source share them: 24 bytes per source neuron, none per synapse.
     */
    public static final class State {
        private final double increment;
        private final double tauRec;
        /** 0 for no facilitation, where {@code exp(-h / tau_fac)} is 0 (and 0/0 at interval 0). */
        private final double tauFac;
        /** Per source: {@code u} just after its last spike's increment. */
        private final double[] utilisation;
        /** Per source: the resources left just after its last spike's release, {@code x - u x}. */
        private final double[] left;
        /** Per source: the time of its last spike in ms, on the clock of the spikes passed to {@link #release}. */
        private final double[] lastSpikeMs;

        State(TsodyksMarkram params, int sources) {
            this.increment = params.u;
            this.tauRec = params.tauRec;
            this.tauFac = params.tauFac;
            this.utilisation = new double[sources];
            this.left = new double[sources];
            this.lastSpikeMs = new double[sources];
            Arrays.fill(left, 1.0);
            // At rest no interval matters: u = 0 decays to 0 and 1 - x = 0 recovers to 0.
            Arrays.fill(lastSpikeMs, Double.NEGATIVE_INFINITY);
        }

        /**
         * Advances a source's synapses to its spike at {@code spikeMs} and releases: {@code u} grows,
         * the factor {@code u x} that every synapse of the source multiplies its weight by is
         * returned, and {@code x} loses {@code u x}. The engine calls it once per spike, in time order
         * per source, before it delivers the spike; the state then holds the spike.
         *
         * @param source  the source neuron, population-local
         * @param spikeMs the spike's time in ms, not before the source's previous spike
         * @return {@code u_n x_n}, in (0, 1]
         */
        public double release(int source, double spikeMs) {
            double h = spikeMs - lastSpikeMs[source];
            assert h >= 0 : "spikes of source " + source + " out of time order: " + spikeMs + " after "
                    + lastSpikeMs[source];
            double before = tauFac == 0 ? 0 : utilisation[source] * StrictMath.exp(-h / tauFac);
            double u = before + increment * (1 - before);
            double x = 1 + (left[source] - 1) * StrictMath.exp(-h / tauRec);
            utilisation[source] = u;
            left[source] = x - u * x;
            lastSpikeMs[source] = spikeMs;
            return u * x;
        }

        /**
         * Puts every source's synapses back at rest ({@code u = 0}, {@code x = 1}, no spike yet), as
         * before the first run: for trials that each start afresh, as a network's neuron state is
         * written back between them. Call it between runs, not while an engine runs.
         */
        public void reset() {
            Arrays.fill(utilisation, 0.0);
            Arrays.fill(left, 1.0);
            Arrays.fill(lastSpikeMs, Double.NEGATIVE_INFINITY);
        }

        /**
         * {@return a source's utilisation {@code u} just after its last spike's increment, 0 before any}
         *
         * @param source the source neuron, population-local
         * @throws IndexOutOfBoundsException if {@code source} is not a neuron of the source population, with a
         *         message naming the method, {@code source}, the range and the value
         */
        public double utilisation(int source) {
            return utilisation[IndexArguments.check("TsodyksMarkram.State.utilisation", "source", source,
                    utilisation.length)];
        }

        /**
         * {@return a source's resources left {@code x} just after its last spike's release, 1 before any}
         *
         * @param source the source neuron, population-local
         * @throws IndexOutOfBoundsException if {@code source} is not a neuron of the source population, with a
         *         message naming the method, {@code source}, the range and the value
         */
        public double resourcesLeft(int source) {
            return left[IndexArguments.check("TsodyksMarkram.State.resourcesLeft", "source", source, left.length)];
        }

        /**
         * {@return the time (ms, on the network's clock) of a source's last spike, minus infinity before any}
         *
         * @param source the source neuron, population-local
         * @throws IndexOutOfBoundsException if {@code source} is not a neuron of the source population, with a
         *         message naming the method, {@code source}, the range and the value
         */
        public double lastSpikeMs(int source) {
            return lastSpikeMs[IndexArguments.check("TsodyksMarkram.State.lastSpikeMs", "source", source,
                    lastSpikeMs.length)];
        }

        /** {@return the bytes the state holds: three {@code double}s per source neuron} */
        public long bytes() {
            return 3L * Double.BYTES * utilisation.length;
        }
    }

    /** {@return a one-line description for summaries} */
    public String describe() {
        return NAME + " (U " + u + ", tau_rec " + tauRec + " ms, tau_fac " + tauFac + " ms)";
    }
}
