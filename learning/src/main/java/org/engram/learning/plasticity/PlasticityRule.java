package org.engram.learning.plasticity;

import java.util.Arrays;
import org.engram.simulator.IndexArguments;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.event.SpikeListener;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Projection;

/**
 * A local plasticity rule attached to one plastic projection. The engine calls
 * {@link #onSpike} once per spike in time order; the rule turns a spike of the projection's source
 * population into {@link #onPre} (walking the source's CSR row) and a spike of its target
 * population into {@link #onPost} (walking the target's incoming synapses).
 *
 * <p>Spikes are paired by the times the neurons emit them, whatever the synaptic delay: the
 * timing at the two somata, which the STDP window of Bi and Poo (1998) is measured in. Simulators
 * differ here: Brian, by default, pairs a presynaptic spike at its arrival (emission plus delay),
 * and NEST treats the delay as dendritic, pairing a postsynaptic spike that much later. With a
 * delay of 10 ms, a presynaptic spike emitted 8 ms before a postsynaptic one potentiates here
 * and depresses in Brian. For short delays (Diehl and Cook's 0.5 ms) the conventions nearly agree.
 *
 * <p>Spikes at the same instant are handled presynaptic first: every {@code onPre} of an instant
 * runs before its {@code onPost}s, which run when the engine reports the instant complete
 * ({@link #afterSpikesAt}), or when a later spike arrives (times a few ulps apart, which precise mode
 * gives two routes to one moment, are one instant: {@link TimeGrid#atOrBefore}). A pre and a post
 * spike at the same time
 * therefore pair as pre before post (potentiation), whatever the populations' order or the
 * neurons' indices; without this, a symmetric pair of neurons firing together changed their two
 * synapses in opposite directions. Code that drives a rule by hand calls {@code afterSpikesAt(t)}
 * after the spikes of each instant, as the engine does; until then the instant's postsynaptic
 * updates are pending.
 *
 * <p>A rule goes into a simulation as one of the engine's listeners, {@code engine.addListener(rule)},
 * before the run; {@code engram simulate} adds the rules of a config's projections so. A user rule of a
 * {@link PlasticityRuleProvider} is made from Java with {@link PlasticityRules#make}, which checks its
 * parameters and bounds as a config's are checked: its constructor does not.
 */
public abstract class PlasticityRule implements SpikeListener {
    private final Projection projection;
    private int[] pendingPosts;
    private int pendingCount;
    private double pendingTimeMs;
    private double lastTimeMs = Double.NEGATIVE_INFINITY;
    /** The rule's name, weight bounds and how messages name them, checked before each run; null: none known. */
    private String boundsOwner;
    private PlasticityRules.WeightBounds bounds;
    private String boundsNamed;

    /**
     * Creates a rule that changes the weights of the projection.
     *
     * @param projection the projection the rule changes, built plastic ({@code Synapses.asPlastic()}),
     *                   so it keeps one weight per synapse ({@link #weights()})
     * @throws ParameterException if the projection is null or not plastic
     */
    protected PlasticityRule(Projection projection) {
        requirePlastic(projection);
        this.projection = projection;
        this.pendingPosts = new int[Math.max(1, projection.target().size())];
    }

    /**
     * Fails unless a projection is one a rule can change: built plastic, so that it keeps one weight
     * per synapse. Every rule's constructor checks this; {@link PlasticityRules#make} before the
     * rule's bounds are compared with the weights.
     *
     * @param projection a projection, or null
     * @throws ParameterException naming {@code projection} if it is null or not plastic
     */
    static void requirePlastic(Projection projection) {
        ParameterException.requireNonNull("plasticity rule", "projection", projection, "a plastic projection "
                + "(Synapses.asPlastic())");
        // A plastic projection always keeps a weight array (Projection); a static one may keep one too.
        if (!projection.plastic()) {
            throw new ParameterException("plasticity rule", "projection", "a plastic projection (Synapses.asPlastic())",
                    projection.name());
        }
    }

    /**
     * Fails unless a rule's weight range keeps the sign of a projection's receptor: a rule must not
     * turn inhibitory synapses excitatory or the reverse. Every rule checks this when attached; a
     * config checks it before the network exists, with its other problems.
     *
     * @param owner      the rule's name, for the message
     * @param receptor   the projection's receptor
     * @param projection the projection's name, for the message
     * @param wMin       the rule's lowest weight
     * @param wMax       the rule's highest weight
     * @throws ParameterException naming {@code w_max} (inhibitory) or {@code w_min} (excitatory), or
     *                            {@code receptor} if null
     */
    public static void requireBoundsKeepSign(String owner, Receptor receptor, String projection, double wMin,
                                             double wMax) {
        requireBoundsKeepSign(owner, receptor, projection, new PlasticityRules.WeightBounds(wMin, wMax));
    }

    /**
     * As {@link #requireBoundsKeepSign(String, Receptor, String, double, double)}, for bounds that
     * name the parameters they come from.
     *
     * @param owner      the rule's name, for the message
     * @param receptor   the projection's receptor
     * @param projection the projection's name, for the message
     * @param bounds     the rule's lowest and highest weight, and their keys
     * @throws ParameterException naming the upper bound's key (inhibitory) or the lower's (excitatory), or
     *                            {@code receptor} or {@code bounds} if null (a null receptor had passed)
     */
    public static void requireBoundsKeepSign(String owner, Receptor receptor, String projection,
                                             PlasticityRules.WeightBounds bounds) {
        ParameterException.requireNonNull(owner, "receptor", receptor, "the projection's receptor");
        ParameterException.requireNonNull(owner, "bounds", bounds, "the rule's weight bounds");
        if (receptor == Receptor.INHIBITORY && bounds.wMax() > 0) {
            throw new ParameterException(owner, bounds.maxKey(), "a weight <= 0 for the inhibitory projection '"
                    + projection + "'", bounds.wMax());
        }
        if (receptor == Receptor.EXCITATORY && bounds.wMin() < 0) {
            throw new ParameterException(owner, bounds.minKey(), "a weight >= 0 for the excitatory projection '"
                    + projection + "'", bounds.wMin());
        }
    }

    /**
     * Checks that every weight lies within the rule's bounds now, and has it checked again before
     * each run ({@link #beforeRun}), as code may write the weights between runs.
     *
     * @param owner  the rule's name, for messages
     * @param limits the bounds
     * @param named  the bounds as messages name them, e.g. {@code [w_min, w_max]}
     * @throws ParameterException naming {@code weights} and the first synapse outside (or NaN), or the
     *                            bound that does not keep the receptor's sign
     */
    final void holdWithin(String owner, PlasticityRules.WeightBounds limits, String named) {
        Bounds.checkProjection(owner, projection, limits, named);
        keepWithin(owner, limits, named);
    }

    /** As {@link #holdWithin(String, PlasticityRules.WeightBounds, String)}, bounds named {@code [w_min, w_max]}. */
    final void holdWithin(String owner, double wMin, double wMax) {
        PlasticityRules.WeightBounds limits = new PlasticityRules.WeightBounds(wMin, wMax);
        holdWithin(owner, limits, limits.named());
    }

    /** As {@link #holdWithin(String, PlasticityRules.WeightBounds, String)}, for bounds already checked. */
    final void keepWithin(String owner, PlasticityRules.WeightBounds limits, String named) {
        this.boundsOwner = owner;
        this.bounds = limits;
        this.boundsNamed = named;
    }

    /**
     * Refuses weights written since the last run (through {@code projection().weights()}) outside the
     * rule's bounds, as attaching the rule refuses initial ones: its first change would clip such a
     * weight to a bound, a jump no spike pair made. The engine has checked that the weights are
     * finite already (not their sign, which the bounds keep). A user rule made with its constructor
     * rather than {@link PlasticityRules#make} knows no bounds and checks nothing here.
     *
     * @param timeMs the engine's time in ms
     * @throws ParameterException naming the rule, the projection, {@code weights} and the synapse
     */
    @Override
    public final void beforeRun(double timeMs) {
        if (bounds != null) {
            Bounds.checkProjection(boundsOwner, projection, bounds, boundsNamed);
        }
    }

    /** {@return the projection whose weights the rule changes} */
    public final Projection projection() {
        return projection;
    }

    /**
     * Refuses a time before the last spike this rule was shown: its traces are kept at that spike
     * and decay forward, so an earlier time would read them extrapolated backwards; and a time that
     * is not finite: a trace decayed to infinity is 0 stored at infinity, which the next spike
     * multiplies by {@code exp(+infinity)}, making NaN.
     *
     * @param what  what the time is of, for the message, e.g. {@code "reward"}
     * @param tMs   the time in ms
     * @throws ParameterException if {@code tMs} is NaN, infinite or before the last spike
     */
    protected final void requireNotBeforeLastSpike(String what, double tMs) {
        if (!(tMs >= lastTimeMs && tMs < Double.POSITIVE_INFINITY)) {
            throw new ParameterException("plasticity rule of '" + projection.name() + "'", what + " time",
                    "a finite time in ms not before the last spike, at " + lastTimeMs + " ms", tMs);
        }
    }

    /** {@return the projection's live weights, one per synapse in CSR order; changes take effect at once} */
    protected final float[] weights() {
        return projection.weights();
    }

    /**
     * A presynaptic spike.
     *
     * @param source the source neuron (population-local)
     * @param tMs    the spike time in ms
     */
    public abstract void onPre(int source, double tMs);

    /**
     * A postsynaptic spike.
     *
     * @param target the target neuron (population-local)
     * @param tMs    the spike time in ms
     */
    public abstract void onPost(int target, double tMs);

    /**
     * Shows the rule a spike: {@link #onPre} at once for one of the source population, {@link #onPost}
     * once the instant is complete for one of the target population; another population's spike is
     * ignored. The engine calls it; code that drives a rule by hand gives spikes in time order and
     * calls {@link #afterSpikesAt} after each instant.
     *
     * @param population the spiking neuron's population, of the rule's network
     * @param neuron     population-local index of the neuron
     * @param timeMs     the spike time in ms, not before the last spike shown
     * @throws ParameterException        if the population is null or the time NaN
     * @throws IndexOutOfBoundsException if the neuron is not one of the source's or target's, naming it
     * @throws IllegalStateException     if the time is before the last spike shown (an earlier engine's
     *                                   clock), or the population belongs to another network
     */
    @Override
    public final void onSpike(Population<?, ?> population, int neuron, double timeMs) {
        if (!(timeMs >= lastTimeMs)) {
            // NaN passes no comparison: it would turn every trace, then every weight, to NaN.
            if (Double.isNaN(timeMs)) {
                throw new ParameterException("plasticity rule of '" + projection.name() + "'", "timeMs",
                        "a spike time in ms", timeMs);
            }
            // A later engine starts at its own time 0: traces of the earlier clock would grow, not decay.
            throw new IllegalStateException("a spike at " + timeMs + " ms, before this rule's last one at " + lastTimeMs
                    + " ms: a rule follows one engine's clock; attach a new rule to each engine");
        }
        ParameterException.requireNonNull("plasticity rule of '" + projection.name() + "'", "population", population,
                "the spiking neuron's population");
        boolean ours = population == projection.source() || population == projection.target();
        if (ours) {
            // The engine gives only valid neurons; code driving the rule by hand is told which was not.
            IndexArguments.check("PlasticityRule.onSpike", "neuron", neuron, population.size());
        }
        lastTimeMs = timeMs;
        if (pendingCount > 0 && !TimeGrid.atOrBefore(timeMs, pendingTimeMs)) {
            afterSpikesAt(pendingTimeMs);
        }
        if (!ours) {
            requireSameNetwork(population);
            return;
        }
        if (population == projection.source()) {
            onPre(neuron, timeMs);
        }
        if (population == projection.target()) {
            if (pendingCount == pendingPosts.length) {
                // a model may fire twice in one step (Izhikevich): rare, so grown on demand
                pendingPosts = Arrays.copyOf(pendingPosts, 2 * pendingCount);
            }
            pendingPosts[pendingCount++] = neuron;
            pendingTimeMs = timeMs;
        }
    }

    /**
     * Refuses an engine of another network than the projection's, whose spikes the rule would take for
     * its own populations' and apply to weights the engine never reads, and an engine whose clock is
     * before the last spike the rule was shown (an earlier engine's: a new engine's clock starts at
     * 0), whose traces would grow rather than decay: either failed the run at the first spike, which
     * spends the network and its learned weights.
     */
    @Override
    public final void joining(Network network, double timeMs) {
        String owner = "plasticity rule of '" + projection.name() + "'";
        if (network.projections().stream().noneMatch(p -> p == projection)) {
            throw new ParameterException(owner, "projection", "a projection of the engine's network (one built again,"
                    + " even from the same seed, has projections of its own)", "'" + projection.name()
                    + "' of another network", "make the rule with engine.network().projection(\"" + projection.name()
                    + "\")");
        }
        SpikeListener.requireNotPast(owner, lastTimeMs, timeMs, "attach a new rule to each engine");
    }

    /**
     * A population in the place (network index) of one of the rule's, but not the same object,
     * belongs to another network: one integer comparison per spike of another population.
     */
    private void requireSameNetwork(Population<?, ?> population) {
        int at = population.index();
        if (at == projection.source().index() || at == projection.target().index()) {
            throw new IllegalStateException("this rule changes projection '" + projection.name() + "' of another"
                    + " network than the one that fired '" + population.name() + "' (built again?): make the rule"
                    + " with the engine's network's projection");
        }
    }

    /** Runs the postsynaptic updates of the instant, after all its presynaptic ones. */
    @Override
    public final void afterSpikesAt(double timeMs) {
        for (int i = 0; i < pendingCount; i++) {
            onPost(pendingPosts[i], pendingTimeMs);
        }
        pendingCount = 0;
    }
}
