package org.engram.simulator.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.network.connect.Rules;
import org.junit.jupiter.api.Test;

/** Networks depend on the seed alone: equal seeds give equal arrays, later additions change nothing. */
class DeterminismTest {

    /** Builds an E/I network; {@code extra} adds a population and projection after the others. */
    private static Network build(long seed, boolean extra) {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(seed);
        Population<?, ?> exc = b.population("exc", 160, LifDelta.MODEL, LifDelta.MODEL.defaults());
        Population<?, ?> inh = b.population("inh", 40, LifDelta.MODEL, LifDelta.MODEL.defaults());
        b.connect("exc->all", exc, inh, Rules.fixedProbability(0.2),
                Synapses.excitatory(0).weights(new UniformRealDistribution(0.05, 0.15)));
        b.connect("exc->exc", exc, exc, Rules.fixedInDegree(16).withAutapses(false).withMultapses(false),
                Synapses.excitatory(0.1).delays(new UniformRealDistribution(1, 2)));
        b.connect("inh->exc", inh, exc, Rules.fixedOutDegree(30).withMultapses(false),
                Synapses.inhibitory(0).weights(new NormalDistribution(-0.5, 0.05)));
        b.connect("inh->inh", inh, inh, Rules.fixedTotalNumber(300).withAutapses(false).withMultapses(false),
                Synapses.inhibitory(-0.2).delays(new UniformRealDistribution(1, 2)));
        b.initialise(exc, "v", new UniformRealDistribution(0, 20));
        if (extra) {
            Population<?, ?> more = b.population("more", 50, LifDelta.MODEL, LifDelta.MODEL.defaults());
            b.connect("more->exc", more, exc, Rules.fixedProbability(0.3), Synapses.excitatory(0.2));
            b.initialise(more, "v", new UniformRealDistribution(0, 20));
        }
        return b.build();
    }

    private static void assertSameArrays(Projection a, Projection b) {
        assertArrayEquals(a.rowStart(), b.rowStart(), a.name());
        assertArrayEquals(Networks.targets(a), Networks.targets(b), a.name());
        assertArrayEquals(a.weights(), b.weights(), a.name());
        assertArrayEquals(a.delays(), b.delays(), a.name());
        assertEquals(a.uniformWeight(), b.uniformWeight());
        assertEquals(a.uniformDelaySteps(), b.uniformDelaySteps());
    }

    @Test
    void sameSeedGivesIdenticalArrays() {
        List<Projection> a = build(42, false).projections();
        List<Projection> b = build(42, false).projections();
        for (int i = 0; i < a.size(); i++) {
            assertSameArrays(a.get(i), b.get(i));
        }
    }

    @Test
    void differentSeedGivesDifferentArrays() {
        // Two independent draws of a random structure with hundreds of synapses coincide with
        // negligible probability, so every projection must differ.
        List<Projection> a = build(42, false).projections();
        List<Projection> b = build(43, false).projections();
        for (int i = 0; i < a.size(); i++) {
            assertFalse(Arrays.equals(Networks.targets(a.get(i)), Networks.targets(b.get(i))), a.get(i).name());
        }
        assertFalse(Arrays.equals(a.get(0).weights(), b.get(0).weights()));
        assertFalse(Arrays.equals(a.get(1).delays(), b.get(1).delays()));
    }

    @Test
    void addingPopulationAndProjectionLaterLeavesEarlierProjectionsUnchanged() {
        Network first = build(7, false);
        Network later = build(7, true);
        List<Projection> a = first.projections();
        List<Projection> b = later.projections();
        assertEquals(a.size() + 1, b.size());
        for (int i = 0; i < a.size(); i++) {
            assertSameArrays(a.get(i), b.get(i));
        }
        assertArrayEquals(first.population("exc").state().values("v"), later.population("exc").state().values("v"),
                "initial values");
    }
}
