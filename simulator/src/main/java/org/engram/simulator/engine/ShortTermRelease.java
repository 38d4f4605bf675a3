package org.engram.simulator.engine;

import java.util.ArrayList;
import java.util.List;
import org.engram.simulator.network.TsodyksMarkram;

/**
 * Advances the short-term state of the projections that have it at a slice's merged spikes, once
 * per spike and projection, before the workers deliver them: each route keeps the factor
 * {@code u x} of every merged spike, which delivery multiplies the weights by. The state depends
 * on the spike times alone, so one pass on one thread serves every worker and every target, and
 * the factors do not depend on the thread count.
 *
 * <p>A source's spikes are taken in time order: grid mode's merged order is by step, several spikes
 * of a source in one step (a {@code poisson_source}'s) following one another at interval 0;
 * precise mode's {@link SpikeExchange#order} is by step and time within it.
 */
final class ShortTermRelease {
    /** Per source population: its routes with short-term plasticity (most often none). */
    private final Route[][] byPopulation;
    private final boolean any;
    /**
     * The network's time at this engine's time 0, in ms: the steps earlier engines simulated, whose
     * spikes the short-term state was advanced at on their clocks.
     */
    private final double startMs;

    /**
     * @param outgoing per source population, its routes
     * @param startMs  the network's time at this engine's time 0 (ms)
     */
    ShortTermRelease(Route[][] outgoing, double startMs) {
        this.byPopulation = new Route[outgoing.length][];
        boolean found = false;
        for (int p = 0; p < outgoing.length; p++) {
            List<Route> withState = new ArrayList<>();
            for (Route r : outgoing[p]) {
                if (r.factors != null) {
                    withState.add(r);
                }
            }
            byPopulation[p] = withState.toArray(new Route[0]);
            found |= !withState.isEmpty();
        }
        this.any = found;
        this.startMs = startMs;
    }

    /**
     * Fills the factors of every merged spike of the exchange for the routes it leaves by that have
     * short-term plasticity.
     *
     * @param exchange the merged spikes of a slice
     * @param precise  whether they are precise mode's (then taken in {@link SpikeExchange#order})
     */
    void release(SpikeExchange exchange, boolean precise) {
        if (!any) {
            return;
        }
        final int count = exchange.count;
        for (Route[] routes : byPopulation) {
            for (Route r : routes) {
                if (r.factors.length < count) {
                    // At slice edges only, as the exchange's own arrays grow.
                    r.factors = new double[exchange.neuron.length];
                }
            }
        }
        for (int k = 0; k < count; k++) {
            final int m = precise ? exchange.order[k] : k;
            final Route[] routes = byPopulation[exchange.population[m]];
            for (int i = 0; i < routes.length; i++) {
                TsodyksMarkram.State state = routes[i].projection.shortTermState();
                routes[i].factors[m] = state.release(exchange.neuron[m], startMs + exchange.timeMs[m]);
            }
        }
    }
}
