package org.engram.simulator.engine;

import org.engram.simulator.network.Population;

/** How the engine names the population whose model's kernel broke its contract, in the refusal. */
final class KernelOwner {
    private KernelOwner() {
    }

    /**
     * @param population the population
     * @return its name and its model's, as {@code population 'exc' (lif_exp)}
     */
    static String of(Population<?, ?> population) {
        return "population '" + population.name() + "' (" + population.model().name() + ")";
    }
}
