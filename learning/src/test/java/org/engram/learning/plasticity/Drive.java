package org.engram.learning.plasticity;

import org.engram.simulator.event.SpikeListener;
import org.engram.simulator.network.Population;

/** Hands a rule one spike as the engine does for an instant with only that spike. */
final class Drive {
    private Drive() {
    }

    static void spike(SpikeListener rule, Population<?, ?> population, int neuron, double timeMs) {
        rule.onSpike(population, neuron, timeMs);
        rule.afterSpikesAt(timeMs);
    }
}
