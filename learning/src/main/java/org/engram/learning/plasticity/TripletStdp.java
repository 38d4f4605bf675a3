package org.engram.learning.plasticity;

import org.engram.simulator.ParameterException;
import org.engram.simulator.Problems;
import org.engram.simulator.network.IncomingIndex;
import org.engram.simulator.network.Projection;

/**
 * Triplet STDP (Pfister and Gerstner 2006), all-to-all interactions. Presynaptic traces
 * {@code r1} (tau_plus) and {@code r2} (tau_x), postsynaptic traces {@code o1} (tau_minus) and
 * {@code o2} (tau_y), each incremented by 1 at its neuron's spikes:
 * <pre>
 *   at a pre spike:   w -= o1 (A2_minus + A3_minus r2(t - eps))
 *   at a post spike:  w += r1 (A2_plus  + A3_plus  o2(t - eps))
 * </pre>
 * where {@code (t - eps)} means the value just before this spike's own increment. Weights are
 * clipped to {@code [w_min, w_max]}.
 *
 * <p>Reference: J.-P. Pfister and W. Gerstner (2006), Triplets of spikes in a model of spike
 * timing-dependent plasticity, J. Neurosci. 26(38):9673-9682.
 */
public final class TripletStdp extends PlasticityRule {
    static final String NAME = "triplet_stdp";

    /**
     * Parameters of {@link TripletStdp}; the full all-to-all visual-cortex fit of the paper (all
     * four amplitudes; the minimal models set A3- to 0) is {@link #visualCortex()}.
     *
     * @param a2Plus     pair potentiation amplitude, finite, {@code >= 0}
     * @param a3Plus     triplet potentiation amplitude, finite, {@code >= 0}
     * @param a2Minus    pair depression amplitude, finite, {@code >= 0}
     * @param a3Minus    triplet depression amplitude, finite, {@code >= 0}
     * @param tauPlusMs  r1 time constant (ms), {@code > 0}
     * @param tauMinusMs o1 time constant (ms), {@code > 0}
     * @param tauXMs     r2 time constant (ms), {@code > 0}
     * @param tauYMs     o2 time constant (ms), {@code > 0}
     * @param wMin       lowest weight
     * @param wMax       highest weight, {@code > wMin}
     */
    public record Params(double a2Plus, double a3Plus, double a2Minus, double a3Minus, double tauPlusMs,
                         double tauMinusMs, double tauXMs, double tauYMs, double wMin, double wMax) {
        /**
         * Validates every parameter, reporting every problem at once.
         *
         * @param a2Plus     pair potentiation amplitude, finite, {@code >= 0}
         * @param a3Plus     triplet potentiation amplitude, finite, {@code >= 0}
         * @param a2Minus    pair depression amplitude, finite, {@code >= 0}
         * @param a3Minus    triplet depression amplitude, finite, {@code >= 0}
         * @param tauPlusMs  r1 time constant (ms), {@code > 0}
         * @param tauMinusMs o1 time constant (ms), {@code > 0}
         * @param tauXMs     r2 time constant (ms), {@code > 0}
         * @param tauYMs     o2 time constant (ms), {@code > 0}
         * @param wMin       lowest weight
         * @param wMax       highest weight, {@code > wMin}
         */
        public Params {
            Problems p = new Problems(NAME);
            p.check(() -> Bounds.requireAmplitude(NAME, "a2_plus", a2Plus, "weight unit"));
            p.check(() -> Bounds.requireAmplitude(NAME, "a3_plus", a3Plus, "weight unit"));
            p.check(() -> Bounds.requireAmplitude(NAME, "a2_minus", a2Minus, "weight unit"));
            p.check(() -> Bounds.requireAmplitude(NAME, "a3_minus", a3Minus, "weight unit"));
            p.check(() -> ParameterException.requirePositive(NAME, "tau_plus", tauPlusMs, "ms"));
            p.check(() -> ParameterException.requirePositive(NAME, "tau_minus", tauMinusMs, "ms"));
            p.check(() -> ParameterException.requirePositive(NAME, "tau_x", tauXMs, "ms"));
            p.check(() -> ParameterException.requirePositive(NAME, "tau_y", tauYMs, "ms"));
            p.check(() -> Bounds.checkRange(NAME, wMin, wMax));
            p.throwIfAny();
        }

        /**
         * The all-to-all visual-cortex parameters of Pfister and Gerstner (2006), Table 4, full model.
         *
         * @return A2+ = 5e-10, A3+ = 6.2e-3, A2- = 7e-3, A3- = 2.3e-4, tau+ = 16.8, tau- = 33.7,
         *         tau_x = 101, tau_y = 125 ms; weights in [0, 1]
         */
        public static Params visualCortex() {
            return new Params(5e-10, 6.2e-3, 7e-3, 2.3e-4, 16.8, 33.7, 101, 125, 0, 1);
        }
    }

    private final Params p;
    private final float[] w;
    private final int[] rowStart;
    private final IncomingIndex incoming;
    private final LazyTrace r1;
    private final LazyTrace r2;
    private final LazyTrace o1;
    private final LazyTrace o2;

    /**
     * Attaches the rule to a plastic projection.
     *
     * @param projection the projection
     * @param params     the parameters
     * @throws ParameterException if the projection is not plastic, its initial weights lie outside
     *                            the rule's bounds, or the bounds do not keep its receptor's sign
     */
    public TripletStdp(Projection projection, Params params) {
        super(projection);
        this.p = ParameterException.requireNonNull(NAME, "params", params, "the rule's parameters");
        this.w = weights();
        holdWithin(NAME, params.wMin(), params.wMax());
        this.rowStart = projection.rowStart();
        this.incoming = projection.incoming();
        int nPre = projection.source().size();
        int nPost = projection.target().size();
        this.r1 = new LazyTrace(nPre, params.tauPlusMs());
        this.r2 = new LazyTrace(nPre, params.tauXMs());
        this.o1 = new LazyTrace(nPost, params.tauMinusMs());
        this.o2 = new LazyTrace(nPost, params.tauYMs());
    }


    @Override
    public void onPre(int source, double tMs) {
        double r2Before = r2.at(source, tMs);
        double amplitude = p.a2Minus() + p.a3Minus() * r2Before;
        Projection synapses = projection();
        for (int k = rowStart[source]; k < rowStart[source + 1]; k++) {
            w[k] = Bounds.clip(w[k] - o1.at(synapses.target(k), tMs) * amplitude, p.wMin(), p.wMax());
        }
        r1.add(source, tMs, 1);
        r2.add(source, tMs, 1);
    }

    @Override
    public void onPost(int target, double tMs) {
        double o2Before = o2.at(target, tMs);
        double amplitude = p.a2Plus() + p.a3Plus() * o2Before;
        int[] col = incoming.colStart();
        int[] syn = incoming.synapse();
        int[] src = incoming.source();
        for (int e = col[target]; e < col[target + 1]; e++) {
            int k = syn[e];
            w[k] = Bounds.clip(w[k] + r1.at(src[e], tMs) * amplitude, p.wMin(), p.wMax());
        }
        o1.add(target, tMs, 1);
        o2.add(target, tMs, 1);
    }
}
