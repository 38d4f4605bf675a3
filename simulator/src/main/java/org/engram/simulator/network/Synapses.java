package org.engram.simulator.network;

import org.apache.commons.math3.distribution.RealDistribution;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.model.Receptor;

/**
 * How the synapses of a projection are made: weights, delays, receptor, plasticity and short-term
 * plasticity.
 *
 * <p>Weights are constant or drawn from a commons-math3 distribution and are stored as {@code float}
 * (4 bytes a synapse; 2^-24 relative rounding, so precise mode's exact times are those of the
 * rounded weight); delays likewise, in ms, and drawn delays are rounded to the nearest step. A
 * distribution is reseeded from Engram's stream of each source neuron before its row is drawn, so
 * its draws depend on the seed alone (the distribution object is used only by the builder's thread).
 *
 * <pre>{@code
 * Synapses.excitatory(0.1).delayMs(1.5)
 * Synapses.inhibitory(-0.5).delays(new UniformRealDistribution(1, 3)).asPlastic()
 * Synapses.excitatory(0.5).shortTermPlasticity(new TsodyksMarkram(0.5, 800, 0))   // depressing
 * }</pre>
 *
 * @param receptor      which input channel the synapses feed; the sign of every weight is checked
 * @param weight        the constant weight (used when {@code weightDraw} is null)
 * @param weightDraw    a weight distribution, or {@code null}
 * @param delayMs       the constant delay in ms (used when {@code delayDraw} is null)
 * @param delayDraw     a delay distribution in ms, or {@code null}
 * @param plastic       whether plasticity rules may change the weights
 * @param shortTerm     the short-term depression and facilitation of the synapses, or {@code null} for
 *                      none (every spike delivers the weight)
 */
public record Synapses(Receptor receptor, double weight, RealDistribution weightDraw, double delayMs,
                       RealDistribution delayDraw, boolean plastic, TsodyksMarkram shortTerm) {

    /** The default delay, 1 ms. */
    public static final double DEFAULT_DELAY_MS = 1.0;

    /**
     * Refuses a null receptor now: found at {@link NetworkBuilder#build()}, it spent the builder.
     *
     * @param receptor   which input channel the synapses feed; the sign of every weight is checked
     * @param weight     the constant weight (used when {@code weightDraw} is null)
     * @param weightDraw a weight distribution, or {@code null}
     * @param delayMs    the constant delay in ms (used when {@code delayDraw} is null)
     * @param delayDraw  a delay distribution in ms, or {@code null}
     * @param plastic    whether plasticity rules may change the weights
     * @param shortTerm  the short-term depression and facilitation of the synapses, or {@code null} for
     *                   none (every spike delivers the weight)
     */
    public Synapses {
        if (receptor == null) {
            throw new ParameterException("synapses", "receptor", "EXCITATORY or INHIBITORY",
                    "null");
        }
    }

    /**
     * Synapses without short-term plasticity: the canonical constructor with {@code shortTerm}
     * {@code null}.
     *
     * @param receptor   which input channel the synapses feed
     * @param weight     the constant weight (used when {@code weightDraw} is null)
     * @param weightDraw a weight distribution, or {@code null}
     * @param delayMs    the constant delay in ms (used when {@code delayDraw} is null)
     * @param delayDraw  a delay distribution in ms, or {@code null}
     * @param plastic    whether plasticity rules may change the weights
     */
    public Synapses(Receptor receptor, double weight, RealDistribution weightDraw, double delayMs,
                    RealDistribution delayDraw, boolean plastic) {
        this(receptor, weight, weightDraw, delayMs, delayDraw, plastic, null);
    }

    /**
     * Excitatory synapses with a constant weight and the default delay.
     *
     * @param weight the weight, {@code >= 0}, in the target model's weight unit (mV, pA or nS)
     * @return the spec
     */
    public static Synapses excitatory(double weight) {
        return new Synapses(Receptor.EXCITATORY, weight, null, DEFAULT_DELAY_MS, null, false, null);
    }

    /**
     * Inhibitory synapses with a constant weight and the default delay.
     *
     * @param weight the weight, {@code <= 0}, in the target model's weight unit (mV, pA or nS)
     * @return the spec
     */
    public static Synapses inhibitory(double weight) {
        return new Synapses(Receptor.INHIBITORY, weight, null, DEFAULT_DELAY_MS, null, false, null);
    }

    /**
     * Synapses on a receptor with a constant weight and the default delay.
     *
     * @param receptor the receptor
     * @param weight   the weight
     * @return the spec
     */
    public static Synapses of(Receptor receptor, double weight) {
        return new Synapses(receptor, weight, null, DEFAULT_DELAY_MS, null, false, null);
    }

    /**
     * The same synapses with weights drawn from a distribution.
     *
     * @param distribution the weight distribution (target model's unit)
     * @return the spec
     * @throws ParameterException if the distribution is null (the constant weight is {@link #of}'s)
     */
    public Synapses weights(RealDistribution distribution) {
        ParameterException.requireNonNull("synapses", "weights", distribution, "a weight distribution (e.g. new "
                + "NormalDistribution(0.1, 0.01))");
        return new Synapses(receptor, weight, distribution, delayMs, delayDraw, plastic, shortTerm);
    }

    /**
     * The same synapses with a constant delay.
     *
     * @param ms the delay in ms, a whole number of steps {@code >= 1}
     * @return the spec
     */
    public Synapses delayMs(double ms) {
        return new Synapses(receptor, weight, weightDraw, ms, null, plastic, shortTerm);
    }

    /**
     * Checks the constant weight (used when no distribution is given) as {@link NetworkBuilder#build()}
     * checks it when it draws the synapses, so that a config can report a bad weight together with its
     * other problems.
     *
     * @param owner who owns the synapses, for the message, e.g. {@code projection 'exc->exc'}
     * @throws org.engram.simulator.ParameterException unless the weight is finite, fits a float and has
     *         the receptor's sign
     */
    public void requireWeight(String owner) {
        ProjectionAssembler.checkWeight(owner, receptor, weight);
    }

    /**
     * The constant delay in steps, checked as {@link NetworkBuilder#build()} checks it when it draws
     * the synapses, so that a config can report a bad delay together with its other problems.
     *
     * @param grid  the time grid
     * @param owner who owns the synapses, for the message, e.g. {@code projection 'exc->exc'}
     * @return the delay in steps
     * @throws org.engram.simulator.ParameterException unless the delay is a whole number of 1 to
     *         {@code Short.MAX_VALUE} steps
     */
    public int delaySteps(TimeGrid grid, String owner) {
        return ProjectionAssembler.constantDelaySteps(owner, grid, delayMs);
    }

    /**
     * The same synapses with delays drawn from a distribution, rounded to the nearest step.
     *
     * @param distribution the delay distribution in ms
     * @return the spec
     * @throws ParameterException if the distribution is null (a constant delay is {@link #delayMs}'s)
     */
    public Synapses delays(RealDistribution distribution) {
        ParameterException.requireNonNull("synapses", "delays", distribution, "a delay distribution in ms (e.g. "
                + "new UniformRealDistribution(1, 2))");
        return new Synapses(receptor, weight, weightDraw, delayMs, distribution, plastic, shortTerm);
    }

    /**
     * The same synapses, plastic: they always carry a weight array that rules may change.
     *
     * @return the spec
     */
    public Synapses asPlastic() {
        return new Synapses(receptor, weight, weightDraw, delayMs, delayDraw, true, shortTerm);
    }

    /**
     * The same synapses with short-term depression and facilitation: each spike delivers its weight
     * times the factor {@code u x} of its source neuron (see {@link TsodyksMarkram}); with
     * {@link #asPlastic()}, the weight a plasticity rule has set at the moment of delivery.
     *
     * @param dynamics the model's parameters
     * @return the spec
     * @throws ParameterException if {@code dynamics} is null
     */
    public Synapses shortTermPlasticity(TsodyksMarkram dynamics) {
        ParameterException.requireNonNull("synapses", "shortTermPlasticity", dynamics, "a short-term plasticity "
                + "model (e.g. new TsodyksMarkram(0.5, 800, 0))");
        return new Synapses(receptor, weight, weightDraw, delayMs, delayDraw, plastic, dynamics);
    }

    /** {@return a one-line description for summaries} */
    public String describe() {
        String w = weightDraw == null ? String.valueOf(weight) : weightDraw.getClass().getSimpleName();
        String d = delayDraw == null ? delayMs + " ms" : delayDraw.getClass().getSimpleName();
        return receptor.name().toLowerCase(java.util.Locale.ROOT) + ", weight " + w + ", delay " + d
                + (plastic ? ", plastic" : "") + (shortTerm == null ? "" : ", " + shortTerm.describe());
    }
}
