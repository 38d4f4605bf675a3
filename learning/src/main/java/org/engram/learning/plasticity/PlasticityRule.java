package org.engram.learning.plasticity;

import java.util.Arrays;
import org.engram.simulator.event.SpikeListener;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Projection;

/**
 * A local plasticity rule attached to one plastic projection. The engine calls
 * {@link #onSpike} once per spike in time order; the rule turns a spike of the projection's source
 * population into {@link #onPre} (walking the source's CSR row) and a spike of its target
 * population into {@link #onPost} (walking the target's incoming synapses).
 *
 * <p>Spikes at the same instant are handled presynaptic first: every {@code onPre} of an instant
 * runs before its {@code onPost}s, which run when the engine reports the instant complete
 * ({@link #afterSpikesAt}), or when a later spike arrives. A pre and a post spike at the same time
 * therefore pair as pre before post (potentiation, as Brian runs its pre pathway before its post
 * pathway), whatever the populations' order or the neurons' indices; without this, a symmetric
 * pair of neurons firing together changed their two synapses in opposite directions. Code that
 * drives a rule by hand calls {@code afterSpikesAt(t)} after the spikes of each instant, as the
 * engine does; until then the instant's postsynaptic updates are pending.
 */
public abstract class PlasticityRule implements SpikeListener {
    private final Projection projection;
    private int[] pendingPosts;
    private int pendingCount;
    private double pendingTimeMs;

    /**
     * @param projection the plastic projection the rule changes
     */
    protected PlasticityRule(Projection projection) {
        this.projection = projection;
        this.pendingPosts = new int[Math.max(1, projection.target().size())];
    }

    /** @return the projection whose weights the rule changes */
    public final Projection projection() {
        return projection;
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

    @Override
    public final void onSpike(Population<?, ?> population, int neuron, double timeMs) {
        if (pendingCount > 0 && timeMs != pendingTimeMs) {
            afterSpikesAt(pendingTimeMs);
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

    /** Runs the postsynaptic updates of the instant, after all its presynaptic ones. */
    @Override
    public final void afterSpikesAt(double timeMs) {
        for (int i = 0; i < pendingCount; i++) {
            onPost(pendingPosts[i], pendingTimeMs);
        }
        pendingCount = 0;
    }
}
