package org.engram.learning.plasticity;

import org.engram.simulator.ParameterException;
import org.engram.simulator.Problems;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.network.IncomingIndex;
import org.engram.simulator.network.Projection;

/**
 * Inhibitory spike-timing-dependent plasticity of Vogels, Sprekeler, Zenke, Clopath and Gerstner
 * (2011), which balances inhibition against excitation so that the postsynaptic neuron fires at a
 * target rate {@code rho0}. A presynaptic trace {@code x_pre} and a postsynaptic trace
 * {@code x_post}, each {@code +1} at its neuron's spikes and decaying with one time constant
 * {@code tau}, change each synapse's magnitude {@code |w|}:
 * <pre>
 *   at a presynaptic spike:   |w| += eta (x_post - alpha)
 *   at a postsynaptic spike:  |w| += eta x_pre
 * </pre>
 * with {@code |w|} clipped to {@code [0, w_max]} after each change. Near coincidences of either
 * order potentiate (the window is symmetric, {@code exp(-|dt| / tau)}); each presynaptic spike
 * also depresses by {@code eta alpha}. For independent Poisson trains at rates {@code rho_pre} and
 * {@code rho_post} the mean drift is {@code eta rho_pre (2 rho_post tau - alpha)}, zero at
 * {@code rho_post = rho0 = alpha / (2 tau)}: inhibition grows while the neuron fires faster than
 * {@code rho0} and shrinks while it fires slower.
 *
 * <p>{@code alpha} is dimensionless: {@code rho0} in spikes per ms times {@code tau} in ms, so
 * {@code alpha = 2 (target_rate_hz / 1000) tau_ms}, 0.2 for 5 Hz and 20 ms (and the drift above is
 * per ms with the rates per ms).
 *
 * <p>A spike reads the other side's trace: a presynaptic spike {@code x_post}, a postsynaptic one
 * {@code x_pre}. The spikes of one instant are handled presynaptic first ({@link PlasticityRule}), so
 * {@code x_pre} includes a simultaneous presynaptic spike and {@code x_post} leaves out a simultaneous
 * postsynaptic one: a pre and a post spike at the same time change the weight by
 * {@code eta (0 - alpha)} at the pre spike and {@code eta * 1} at the post spike, as a pair with the
 * presynaptic spike first.
 *
 * <p><b>Sign.</b> The rule acts on the magnitude, keeping the projection's sign: on an inhibitory
 * projection (weights {@code <= 0}) the weight moves in {@code [-w_max, 0]} and potentiation makes
 * it more negative, that is inhibition stronger (as in the paper and NEST's
 * {@code vogels_sprekeler_synapse}, which takes its sign from {@code Wmax}). It may also be attached to an
 * excitatory projection, where {@code w = |w|} moves in {@code [0, w_max]}: the changes are the
 * same, but there they push the rate away from {@code rho0} (excitation weakens while the neuron
 * fires too slowly), so the paper, and a homeostatic use, put it on inhibitory synapses. NEST
 * clips twice at a presynaptic spike (after {@code +eta x_post}, then after {@code -eta alpha});
 * here the change is clipped once, as written above, which differs only when a bound is reached.
 * NEST's {@code x_post} is the target neuron's trace, which decays with the neuron's
 * {@code tau_minus} rather than the synapse's {@code tau}, and for a pre and a post spike at the
 * same time NEST counts no pair; here both traces decay with {@code tau}, and the pair counts as
 * above. Spikes pair by their emission times, as in every rule here.
 *
 * <p>Parameter defaults of the paper: {@code tau = 20 ms}, {@code rho0 = 5 Hz} ({@code alpha = 0.2}).
 * Reference: T. P. Vogels, H. Sprekeler, F. Zenke, C. Clopath and W. Gerstner (2011), Inhibitory
 * plasticity balances excitation and inhibition in sensory pathways and memory networks,
 * Science 334(6062):1569-1573.
 */
public final class VogelsSprekeler extends PlasticityRule {
    /** The rule's name in configs and messages. */
    public static final String NAME = "vogels_sprekeler";

    /** The paper's trace time constant (ms). */
    public static final double PAPER_TAU_MS = 20;

    /** The paper's target rate (Hz). */
    public static final double PAPER_TARGET_RATE_HZ = 5;

    /**
     * Parameters of {@link VogelsSprekeler}.
     *
     * @param tauMs the time constant of both traces (ms), {@code > 0}
     * @param eta   the learning rate (weight unit per unit of trace), finite, {@code > 0}
     * @param alpha the depression offset {@code 2 rho0 tau} (dimensionless, {@code rho0} per ms: 0.2 for
     *              5 Hz and 20 ms), finite, {@code >= 0}
     * @param wMax  the largest weight magnitude (weight unit), {@code > 0}, a magnitude a float holds
     */
    public record Params(double tauMs, double eta, double alpha, double wMax) {
        /**
         * Validates every parameter, reporting every problem at once.
         *
         * @param tauMs the time constant of both traces (ms), {@code > 0}
         * @param eta   the learning rate (weight unit per unit of trace), finite, {@code > 0}
         * @param alpha the depression offset {@code 2 rho0 tau} (dimensionless, {@code rho0} per ms: 0.2 for
         *              5 Hz and 20 ms), finite, {@code >= 0}
         * @param wMax  the largest weight magnitude (weight unit), {@code > 0}, a magnitude a float holds
         */
        public Params {
            Problems p = checkAllButAlpha(tauMs, eta, wMax);
            p.check(() -> Bounds.requireAmplitude(NAME, "alpha", alpha, "dimensionless, 2 rho0 tau with rho0 "
                    + "per ms: 0.2 for 5 Hz and 20 ms"));
            p.throwIfAny();
        }

        /**
         * Parameters that set the target rate instead of the offset: {@code alpha = 2 rho0 tau}.
         *
         * @param tauMs        the time constant of both traces (ms), {@code > 0}
         * @param eta          the learning rate (weight unit per unit of trace), finite, {@code > 0}
         * @param targetRateHz the target postsynaptic rate {@code rho0} (Hz), finite, {@code >= 0}
         * @param wMax         the largest weight magnitude (weight unit), {@code > 0}
         * @return the parameters
         * @throws ParameterException naming each value refused ({@code target_rate_hz} for the rate)
         */
        public static Params withTargetRate(double tauMs, double eta, double targetRateHz, double wMax) {
            // The rate's problems are its own, not those of the alpha it would give.
            Problems p = checkAllButAlpha(tauMs, eta, wMax);
            p.check(() -> {
                Bounds.requireAmplitude(NAME, "target_rate_hz", targetRateHz, "Hz");
                if (Double.isFinite(tauMs) && !Double.isFinite(alphaFor(targetRateHz, tauMs))) {
                    throw new ParameterException(NAME, "target_rate_hz", "a rate whose alpha = 2 rho0 tau is finite",
                            targetRateHz);
                }
            });
            p.throwIfAny();
            return new Params(tauMs, eta, alphaFor(targetRateHz, tauMs), wMax);
        }

        /** Checks {@code tau}, {@code eta} and {@code w_max}, gathering their problems. */
        private static Problems checkAllButAlpha(double tauMs, double eta, double wMax) {
            Problems p = new Problems(NAME);
            p.check(() -> ParameterException.requirePositive(NAME, "tau", tauMs, "ms"));
            p.check(() -> ParameterException.requirePositive(NAME, "eta", eta, "weight unit per unit of trace"));
            p.check(() -> {
                ParameterException.requirePositive(NAME, "w_max", wMax, "weight unit, the largest |w|");
                Bounds.checkRange(NAME, 0, wMax);
            });
            return p;
        }

        /** {@return the target postsynaptic rate {@code rho0 = alpha / (2 tau)} in Hz} */
        public double targetRateHz() {
            return alpha / (2 * tauMs) * 1000;
        }

        /** {@code alpha = 2 rho0 tau}, with the rate in Hz (per 1000 ms) and tau in ms. */
        private static double alphaFor(double targetRateHz, double tauMs) {
            return 2 * (targetRateHz / 1000) * tauMs;
        }
    }

    private final Params p;
    private final float[] w;
    private final int[] rowStart;
    private final IncomingIndex incoming;
    private final LazyTrace pre;
    private final LazyTrace post;
    /** +1 on an excitatory projection, -1 on an inhibitory one: {@code w = sign |w|}. */
    private final int sign;
    private final double wLow;
    private final double wHigh;

    /**
     * Attaches the rule to a plastic projection, inhibitory (weights in {@code [-w_max, 0]}) or
     * excitatory (weights in {@code [0, w_max]}).
     *
     * @param projection the projection (its weights change in place)
     * @param params     the parameters
     * @throws ParameterException if the projection is not plastic or an initial weight's magnitude
     *                            exceeds {@code w_max}
     */
    public VogelsSprekeler(Projection projection, Params params) {
        super(projection);
        this.p = ParameterException.requireNonNull(NAME, "params", params, "the rule's parameters");
        this.w = weights();
        this.sign = projection.receptor() == Receptor.INHIBITORY ? -1 : 1;
        PlasticityRules.WeightBounds range = bounds(projection.receptor(), params);
        this.wLow = range.wMin();
        this.wHigh = range.wMax();
        holdWithin(NAME, new PlasticityRules.WeightBounds(wLow, wHigh),
                sign < 0 ? "[-w_max, 0]" : "[0, w_max]");
        this.rowStart = projection.rowStart();
        this.incoming = projection.incoming();
        this.pre = new LazyTrace(projection.source().size(), params.tauMs());
        this.post = new LazyTrace(projection.target().size(), params.tauMs());
    }

    /**
     * {@return the signed weight range the rule keeps: {@code [-w_max, 0]} on an inhibitory
     * receptor, {@code [0, w_max]} on an excitatory one}
     *
     * @param receptor the projection's receptor
     * @param params   the parameters
     */
    private static PlasticityRules.WeightBounds bounds(Receptor receptor, Params params) {
        return receptor == Receptor.INHIBITORY ? new PlasticityRules.WeightBounds(-params.wMax(), 0)
                : new PlasticityRules.WeightBounds(0, params.wMax());
    }

    @Override
    public void onPre(int source, double tMs) {
        Projection synapses = projection();
        for (int k = rowStart[source]; k < rowStart[source + 1]; k++) {
            change(k, p.eta() * (post.at(synapses.target(k), tMs) - p.alpha()));
        }
        pre.add(source, tMs, 1);
    }

    @Override
    public void onPost(int target, double tMs) {
        int[] col = incoming.colStart();
        int[] syn = incoming.synapse();
        int[] src = incoming.source();
        for (int e = col[target]; e < col[target + 1]; e++) {
            change(syn[e], p.eta() * pre.at(src[e], tMs));
        }
        post.add(target, tMs, 1);
    }

    /** Changes synapse {@code k}'s magnitude by {@code dMagnitude}, clipped to the signed bounds. */
    private void change(int k, double dMagnitude) {
        w[k] = Bounds.clip(w[k] + sign * dMagnitude, wLow, wHigh);
    }
}
