package org.engram.learning.plasticity;

import org.engram.simulator.IndexArguments;
import org.engram.simulator.ParameterException;
import org.engram.simulator.Problems;
import org.engram.simulator.network.IncomingIndex;
import org.engram.simulator.network.Projection;

/**
 * Reward-modulated STDP with eligibility traces (Izhikevich 2007; Fremaux and Gerstner 2016).
 * Spike pairs do not change weights; they change each synapse's eligibility {@code c} by the
 * pair-STDP amount, and {@code c} decays with tau_c. A reward {@code R} delivered at time
 * {@code t} changes every weight by
 * <pre>
 *   dw = eta R c(t),     c(t) = c(t_last) exp(-(t - t_last) / tau_c)
 * </pre>
 * clipped to {@code [w_min, w_max]}. With zero reward the weights never change. Eligibilities
 * are decayed lazily per synapse from their last update; a reward does not use them up.
 *
 * <p>Izhikevich (2007) lets the dopamine concentration {@code d} decay with tau_d (0.2 s) and changes
 * weights continuously, {@code dw/dt = c d}; here a reward acts at once, the limit tau_d -> 0 with
 * {@code eta R} the area under the dopamine pulse. Pairing is all-to-all (each trace adds 1 per
 * spike), with the pair-STDP window of {@link PairStdp}.
 */
public final class RewardStdp extends PlasticityRule {
    static final String NAME = "reward_stdp";

    /**
     * Parameters of {@link RewardStdp}.
     *
     * @param aPlus            eligibility increase of a pre-before-post pair at zero lag, finite, {@code >= 0}
     * @param aMinus           eligibility decrease of a post-before-pre pair at zero lag, finite, {@code >= 0}
     * @param tauPlusMs        presynaptic trace time constant (ms), {@code > 0}
     * @param tauMinusMs       postsynaptic trace time constant (ms), {@code > 0}
     * @param tauEligibilityMs eligibility time constant (ms), {@code > 0}
     * @param learningRate     eta, weight change per unit of reward and eligibility, finite, {@code >= 0}
     * @param wMin             lowest weight
     * @param wMax             highest weight, {@code > wMin}
     */
    public record Params(double aPlus, double aMinus, double tauPlusMs, double tauMinusMs, double tauEligibilityMs,
                         double learningRate, double wMin, double wMax) {
        /**
         * Validates every parameter, reporting every problem at once.
         *
         * @param aPlus            eligibility increase of a pre-before-post pair at zero lag, finite, {@code >= 0}
         * @param aMinus           eligibility decrease of a post-before-pre pair at zero lag, finite, {@code >= 0}
         * @param tauPlusMs        presynaptic trace time constant (ms), {@code > 0}
         * @param tauMinusMs       postsynaptic trace time constant (ms), {@code > 0}
         * @param tauEligibilityMs eligibility time constant (ms), {@code > 0}
         * @param learningRate     eta, weight change per unit of reward and eligibility, finite, {@code >= 0}
         * @param wMin             lowest weight
         * @param wMax             highest weight, {@code > wMin}
         */
        public Params {
            Problems p = new Problems(NAME);
            p.check(() -> Bounds.requireAmplitude(NAME, "a_plus", aPlus, "dimensionless"));
            p.check(() -> Bounds.requireAmplitude(NAME, "a_minus", aMinus, "dimensionless"));
            p.check(() -> ParameterException.requirePositive(NAME, "tau_plus", tauPlusMs, "ms"));
            p.check(() -> ParameterException.requirePositive(NAME, "tau_minus", tauMinusMs, "ms"));
            p.check(() -> ParameterException.requirePositive(NAME, "tau_c", tauEligibilityMs, "ms"));
            p.check(() -> Bounds.requireAmplitude(NAME, "eta", learningRate, "weight unit"));
            p.check(() -> Bounds.checkRange(NAME, wMin, wMax));
            p.throwIfAny();
        }
    }

    private final Params p;
    private final float[] w;
    private final int[] rowStart;
    private final IncomingIndex incoming;
    private final LazyTrace pre;
    private final LazyTrace post;
    private final LazyTrace eligibility;

    /**
     * Attaches the rule to a plastic projection.
     *
     * @param projection the projection
     * @param params     the parameters
     * @throws ParameterException if the projection is not plastic, its initial weights lie outside
     *                            the rule's bounds, or the bounds do not keep its receptor's sign
     */
    public RewardStdp(Projection projection, Params params) {
        super(projection);
        this.p = ParameterException.requireNonNull(NAME, "params", params, "the rule's parameters");
        this.w = weights();
        holdWithin(NAME, params.wMin(), params.wMax());
        this.rowStart = projection.rowStart();
        this.incoming = projection.incoming();
        this.pre = new LazyTrace(projection.source().size(), params.tauPlusMs());
        this.post = new LazyTrace(projection.target().size(), params.tauMinusMs());
        this.eligibility = new LazyTrace(projection.synapseCount(), params.tauEligibilityMs());
    }


    @Override
    public void onPre(int source, double tMs) {
        Projection synapses = projection();
        for (int k = rowStart[source]; k < rowStart[source + 1]; k++) {
            eligibility.add(k, tMs, -p.aMinus() * post.at(synapses.target(k), tMs));
        }
        pre.add(source, tMs, 1);
    }

    @Override
    public void onPost(int target, double tMs) {
        int[] col = incoming.colStart();
        int[] syn = incoming.synapse();
        int[] src = incoming.source();
        for (int e = col[target]; e < col[target + 1]; e++) {
            eligibility.add(syn[e], tMs, p.aPlus() * pre.at(src[e], tMs));
        }
        post.add(target, tMs, 1);
    }

    /**
     * Delivers a reward (or punishment, if negative) to every synapse.
     *
     * @param reward the reward, dimensionless, finite
     * @param tMs    the time of delivery in ms, finite, not before the last spike
     * @throws ParameterException if the reward or the time is not finite, or the time is before the last spike
     */
    public void reward(double reward, double tMs) {
        ParameterException.requireFinite("reward-modulated STDP", "reward", reward, "dimensionless");
        requireNotBeforeLastSpike("reward", tMs);
        double scale = p.learningRate() * reward;
        for (int k = 0; k < w.length; k++) {
            w[k] = Bounds.clip(w[k] + scale * eligibility.at(k, tMs), p.wMin(), p.wMax());
        }
    }

    /**
     * The eligibility of a synapse. Reading it changes nothing: a run whose eligibilities are read
     * learns the weights, to the bit, of the same run unread.
     *
     * @param synapse the CSR synapse index, 0 to {@code projection().synapseCount() - 1}
     * @param tMs     the time in ms, not before the last spike
     * @return its eligibility at that time
     * @throws IndexOutOfBoundsException if {@code synapse} is not one of the projection's, naming it
     * @throws ParameterException        if the time is NaN or before the last spike
     */
    public double eligibility(int synapse, double tMs) {
        IndexArguments.check("RewardStdp.eligibility", "synapse", synapse, w.length);
        requireNotBeforeLastSpike("eligibility", tMs);
        return eligibility.peek(synapse, tMs);
    }
}
