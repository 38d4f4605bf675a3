package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.engram.simulator.model.Adex;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.NeuronModel;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.Rules;
import org.junit.jupiter.api.Test;

/**
 * A slice is shared among threads when its neuron-steps, each weighted by its model's step cost,
 * reach {@link EngineOptions#minParallelNeuronSteps()}: a few hundred costly neurons are shared
 * where as many LIF neurons are not.
 */
class ParallelThresholdTest {

    private static <P extends Record> boolean shared(NeuronModel<P, ?> model, P params, int neurons) {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        Population<?, ?> p = b.population("p", neurons, model, params);
        // One-step delays: slices of one step.
        b.connect("p->p", p, p, Rules.fixedInDegree(1), Synapses.excitatory(0).delayMs(0.1));
        try (Engine e = new Engine(b.build(), EngineOptions.grid(2))) {
            assertEquals(1, e.sliceSteps());
            return e.parallel();
        }
    }

    @Test
    void costlyModelsAreSharedAtSizesWhereLifIsNot() {
        assertEquals(300, Adex.MODEL.stepCost());
        assertEquals(1, LifDelta.MODEL.stepCost());
        // 100 x 1 step x 300 = 30,000 weighted neuron-steps against 100 for LIF; the threshold is 5,000.
        assertTrue(shared(Adex.MODEL, Adex.MODEL.defaults(), 100));
        assertFalse(shared(LifDelta.MODEL, LifDelta.MODEL.defaults(), 100));
        assertFalse(shared(Adex.MODEL, Adex.MODEL.defaults(), 16), "16 x 300 = 4,800 stays below");
        assertTrue(shared(Adex.MODEL, Adex.MODEL.defaults(), 17), "17 x 300 = 5,100 reaches it");
    }

    /**
     * A slice's neuron-steps count every step of it: 6 LIF neurons in slices of 3 steps (0.3 ms
     * delays) are 18, shared at a threshold of exactly 18 and not at 19; one thread is never shared.
     */
    @Test
    void aSliceReachingTheThresholdExactlyIsSharedByTwoThreadsOnly() {
        assertTrue(sharedInSlicesOfThree(2, 18));
        assertFalse(sharedInSlicesOfThree(2, 19));
        assertFalse(sharedInSlicesOfThree(1, 0), "one thread, whatever the threshold");
    }

    private static boolean sharedInSlicesOfThree(int threads, int threshold) {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        Population<?, ?> p = b.population("p", 6, LifDelta.MODEL, LifDelta.MODEL.defaults());
        b.connect("p->p", p, p, Rules.fixedInDegree(1), Synapses.excitatory(0).delayMs(0.3));
        try (Engine e = new Engine(b.build(), EngineOptions.grid(threads).withMinParallelNeuronSteps(threshold))) {
            assertEquals(3, e.sliceSteps());
            return e.parallel();
        }
    }
}
