package org.engram.learning.plasticity;

import org.engram.simulator.event.SpikeListener;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Projection;

/**
 * A local plasticity rule attached to one plastic projection. The engine calls
 * {@link #onSpike} once per spike in time order; the rule turns a spike of the projection's source
 * population into {@link #onPre} (walking the source's CSR row) and a spike of its target
 * population into {@link #onPost} (walking the target's incoming synapses). When source and target
 * are the same population, a spike is handled as postsynaptic first, then presynaptic.
 */
public interface PlasticityRule extends SpikeListener {

    /** @return the projection whose weights the rule changes */
    Projection projection();

    /**
     * A presynaptic spike.
     *
     * @param source the source neuron (population-local)
     * @param tMs    the spike time in ms
     */
    void onPre(int source, double tMs);

    /**
     * A postsynaptic spike.
     *
     * @param target the target neuron (population-local)
     * @param tMs    the spike time in ms
     */
    void onPost(int target, double tMs);

    @Override
    default void onSpike(Population<?, ?> population, int neuron, double timeMs) {
        Projection p = projection();
        if (population == p.target()) {
            onPost(neuron, timeMs);
        }
        if (population == p.source()) {
            onPre(neuron, timeMs);
        }
    }
}
