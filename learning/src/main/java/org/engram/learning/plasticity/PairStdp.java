package org.engram.learning.plasticity;

import org.engram.simulator.ParameterException;
import org.engram.simulator.Problems;
import org.engram.simulator.network.IncomingIndex;
import org.engram.simulator.network.Projection;

/**
 * Pair-based spike-timing-dependent plasticity (Bi and Poo 1998; Song, Miller and Abbott 2000).
 * For a presynaptic spike at {@code t_pre} and a postsynaptic spike at {@code t_post},
 * {@code dt = t_post - t_pre}:
 * <pre>
 *   dw = +A_plus  exp(-dt / tau_plus)     (dt > 0, potentiation, applied at the post spike)
 *   dw = -A_minus exp( dt / tau_minus)    (dt &lt; 0, depression, applied at the pre spike)
 * </pre>
 * computed with a presynaptic trace {@code x} (tau_plus) and a postsynaptic trace {@code y}
 * (tau_minus): at a post spike {@code w += A_plus x f_+(w)}, at a pre spike
 * {@code w -= A_minus y f_-(w)}, with {@code f = 1} (additive) or {@code f_+ = w_max - w},
 * {@code f_- = w - w_min} (multiplicative). Weights are clipped to {@code [w_min, w_max]}. Pairing
 * all-to-all adds 1 to a trace per spike; nearest-neighbour resets it to 1. An optional
 * {@link SynapseGate} multiplies each change by the synapse's factor before clipping and hears
 * the change applied.
 */
public final class PairStdp extends PlasticityRule {
    static final String NAME = "pair_stdp";

    /**
     * Parameters of {@link PairStdp}.
     *
     * @param aPlus       potentiation amplitude (weight unit), finite, {@code >= 0}
     * @param aMinus      depression amplitude (weight unit), finite, {@code >= 0}
     * @param tauPlusMs   presynaptic trace time constant (ms), {@code > 0}
     * @param tauMinusMs  postsynaptic trace time constant (ms), {@code > 0}
     * @param wMin        lowest weight
     * @param wMax        highest weight, {@code > wMin}
     * @param dependence  additive or multiplicative
     * @param pairing     all-to-all or nearest-neighbour
     */
    public record Params(double aPlus, double aMinus, double tauPlusMs, double tauMinusMs, double wMin, double wMax,
                         WeightDependence dependence, Pairing pairing) {
        /**
         * Validates every parameter, reporting every problem at once.
         *
         * @param aPlus      potentiation amplitude (weight unit), finite, {@code >= 0}
         * @param aMinus     depression amplitude (weight unit), finite, {@code >= 0}
         * @param tauPlusMs  presynaptic trace time constant (ms), {@code > 0}
         * @param tauMinusMs postsynaptic trace time constant (ms), {@code > 0}
         * @param wMin       lowest weight
         * @param wMax       highest weight, {@code > wMin}
         * @param dependence additive or multiplicative
         * @param pairing    all-to-all or nearest-neighbour
         */
        public Params {
            Problems p = new Problems(NAME);
            p.check(() -> Bounds.requireAmplitude(NAME, "a_plus", aPlus, "weight unit"));
            p.check(() -> Bounds.requireAmplitude(NAME, "a_minus", aMinus, "weight unit"));
            p.check(() -> ParameterException.requirePositive(NAME, "tau_plus", tauPlusMs, "ms"));
            p.check(() -> ParameterException.requirePositive(NAME, "tau_minus", tauMinusMs, "ms"));
            p.check(() -> Bounds.checkRange(NAME, wMin, wMax));
            p.require(dependence != null, "dependence", "a value", "null");
            p.require(pairing != null, "pairing", "a value", "null");
            p.throwIfAny();
        }
    }

    private final Params p;
    private final float[] w;
    private final int[] rowStart;
    private final IncomingIndex incoming;
    private final LazyTrace pre;
    private final LazyTrace post;
    private final SynapseGate gate;

    /**
     * Attaches the rule to a plastic projection.
     *
     * @param projection the projection (its weights change in place)
     * @param params     the parameters
     * @throws ParameterException if the projection is not plastic, its initial weights lie outside
     *                            the rule's bounds, or the bounds do not keep its receptor's sign
     */
    public PairStdp(Projection projection, Params params) {
        this(projection, params, null);
    }

    /**
     * Attaches the rule to a plastic projection, with each synapse's changes scaled by a gate.
     *
     * @param projection the projection (its weights change in place)
     * @param params     the parameters
     * @param gate       the per-synapse learning-rate factor and change listener, or {@code null} for none
     * @throws ParameterException if the projection is not plastic, its initial weights lie outside
     *                            the rule's bounds, or the bounds do not keep its receptor's sign
     */
    public PairStdp(Projection projection, Params params, SynapseGate gate) {
        super(projection);
        this.p = ParameterException.requireNonNull(NAME, "params", params, "the rule's parameters");
        this.w = weights();
        holdWithin(NAME, params.wMin(), params.wMax());
        this.rowStart = projection.rowStart();
        this.incoming = projection.incoming();
        this.pre = new LazyTrace(projection.source().size(), params.tauPlusMs());
        this.post = new LazyTrace(projection.target().size(), params.tauMinusMs());
        this.gate = gate;
    }


    @Override
    public void onPre(int source, double tMs) {
        boolean multiplicative = p.dependence() == WeightDependence.MULTIPLICATIVE;
        Projection synapses = projection();
        for (int k = rowStart[source]; k < rowStart[source + 1]; k++) {
            double y = post.at(synapses.target(k), tMs);
            double factor = multiplicative ? w[k] - p.wMin() : 1;
            change(k, -p.aMinus() * y * factor);
        }
        pre.spike(source, tMs, p.pairing());
    }

    @Override
    public void onPost(int target, double tMs) {
        boolean multiplicative = p.dependence() == WeightDependence.MULTIPLICATIVE;
        int[] col = incoming.colStart();
        int[] syn = incoming.synapse();
        int[] src = incoming.source();
        for (int e = col[target]; e < col[target + 1]; e++) {
            int k = syn[e];
            double x = pre.at(src[e], tMs);
            double factor = multiplicative ? p.wMax() - w[k] : 1;
            change(k, p.aPlus() * x * factor);
        }
        post.spike(target, tMs, p.pairing());
    }

    /** Applies a change to synapse {@code k}, scaled by the gate's factor, clipped to the bounds. */
    private void change(int k, double dw) {
        if (gate == null) {
            w[k] = Bounds.clip(w[k] + dw, p.wMin(), p.wMax());
            return;
        }
        float before = w[k];
        w[k] = Bounds.clip(before + gate.learningRateFactor(k) * dw, p.wMin(), p.wMax());
        gate.recordChange(k, w[k] - before);
    }
}
