package org.engram.simulator.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.math3.distribution.ConstantRealDistribution;
import org.apache.commons.math3.distribution.EnumeratedRealDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.engram.simulator.HeapLimitExceeded;
import org.engram.simulator.ParameterException;
import org.engram.simulator.input.ConstantCurrents;
import org.engram.simulator.input.CurrentSource;
import org.engram.simulator.input.NoiseCurrent;
import org.engram.simulator.input.PoissonInput;
import org.engram.simulator.input.PoissonSource;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.network.connect.Rules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The builder's promises: it refuses every change once built, chains its adding methods, checks at
 * connect what it can know before drawing (values a rule gives, distributions that cannot give a
 * valid weight or delay, the ends of the weight and delay ranges), and seeds what it builds.
 */
class BuilderContractTest {
    private static final LifDelta.Params LIF = LifDelta.MODEL.defaults();

    @Test
    void everyMethodRefusesOnceBuilt() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("p", 3, LifDelta.MODEL, LIF);
        b.build();
        List<Executable> calls = List.of(
                () -> b.seed(2),
                () -> b.population("q", 3, LifDelta.MODEL, LIF),
                () -> b.connect("c", p, p, Rules.allToAll(), Synapses.excitatory(0.1)),
                () -> b.poissonInput(p, 10, 0.1, Receptor.EXCITATORY),
                // Spent is said first, before a value of the call that is wrong too.
                () -> b.poissonInput(p, -1, 0.1, Receptor.EXCITATORY),
                () -> b.poissonInput(new PoissonInput(p, 10, 0.1, Receptor.EXCITATORY)),
                () -> b.current(CurrentSource.constant(p, new int[] {0}, 100)),
                () -> b.constantCurrents(new ConstantCurrents(p, null, new double[3])),
                () -> b.constantCurrents(p, null, new ConstantRealDistribution(100)),
                () -> b.noise(new NoiseCurrent(p, null, 0, 50)),
                () -> b.initialise(p, "v", new ConstantRealDistribution(-60)),
                b::requireFitsWhenBuilt,
                b::build);
        for (int i = 0; i < calls.size(); i++) {
            IllegalStateException e = assertThrows(IllegalStateException.class, calls.get(i), "call " + i);
            assertTrue(e.getMessage().contains("already built"), e.getMessage());
        }
    }

    @Test
    void addingMethodsReturnTheBuilderForChaining() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("p", 3, LifDelta.MODEL, LIF);
        assertSame(b, b.seed(3));
        assertSame(b, b.connect("c", p, p, Rules.allToAll(), Synapses.excitatory(0.1)));
        assertSame(b, b.poissonInput(p, 10, 0.1, Receptor.EXCITATORY));
        assertSame(b, b.poissonInput(new PoissonInput(p, 10, 0.1, Receptor.EXCITATORY)));
        assertSame(b, b.current(CurrentSource.constant(p, new int[] {0}, 100)));
        assertSame(b, b.constantCurrents(new ConstantCurrents(p, null, new double[3])));
        assertSame(b, b.constantCurrents(p, null, new ConstantRealDistribution(100)));
        assertSame(b, b.noise(new NoiseCurrent(p, null, 0, 50)));
        assertSame(b, b.initialise(p, "v", new ConstantRealDistribution(-60)));
        assertEquals(0.1, b.grid().dtMs());
    }

    @Test
    void aPopulationOfAnotherBuilderIsRefusedEvenWhenItsIndexIsJustPastThisBuildersPopulations() {
        NetworkBuilder other = new NetworkBuilder(0.1);
        other.population("x", 3, LifDelta.MODEL, LIF);
        Population<?, ?> second = other.population("y", 3, LifDelta.MODEL, LIF);
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("p", 3, LifDelta.MODEL, LIF);
        // second has index 1, the size of b's list of populations.
        ParameterException e = assertThrows(ParameterException.class,
                () -> b.connect("c", p, second, Rules.allToAll(), Synapses.excitatory(0.1)));
        assertEquals("'y' of another builder", e.found());
    }

    @Test
    void spikeSourcesTakeNoInput() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> lif = b.population("lif", 3, LifDelta.MODEL, LIF);
        Population<?, ?> src = b.population("src", 3, PoissonSource.MODEL, new PoissonSource.Params(10));
        List<Executable> calls = List.of(
                () -> b.connect("c", lif, src, Rules.allToAll(), Synapses.excitatory(0.1)),
                () -> b.poissonInput(src, 10, 0.1, Receptor.EXCITATORY),
                () -> b.poissonInput(new PoissonInput(src, 10, 0.1, Receptor.EXCITATORY)),
                () -> b.current(CurrentSource.constant(src, new int[] {0}, 100)),
                () -> b.constantCurrents(new ConstantCurrents(src, null, new double[3])),
                () -> b.constantCurrents(src, null, new ConstantRealDistribution(100)),
                () -> b.noise(new NoiseCurrent(src, null, 0, 50)));
        for (int i = 0; i < calls.size(); i++) {
            ParameterException e = assertThrows(ParameterException.class, calls.get(i), "call " + i);
            assertEquals("target", e.location(), e.getMessage());
            assertEquals("'src'", e.found());
        }
        // A source may send: the projection from it is accepted.
        b.connect("d", src, lif, Rules.allToAll(), Synapses.excitatory(0.1));
        assertEquals(9, b.build().synapseCount());
    }

    @Test
    void valuesARuleGivesAreCheckedWhenTheProjectionIsAdded() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("p", 2, LifDelta.MODEL, LIF);
        ParameterException e = assertThrows(ParameterException.class, () -> b.connect("m", p, p,
                Rules.matrix(new double[][] {{0, 0.5}, {-0.5, 0}}), Synapses.excitatory(0)));
        assertEquals("weight", e.location());
        assertEquals("-0.5", e.found());
        e = assertThrows(ParameterException.class, () -> b.connect("l", p, p, Rules.explicit(new int[] {0, 1},
                new int[] {1, 0}, new double[] {0.5, 0.5}, new double[] {0.1, 0.25}), Synapses.excitatory(0)));
        assertEquals("delay", e.location());
        assertEquals("0.25", e.found());
        e = assertThrows(ParameterException.class, () -> b.connect("w", p, p, Rules.explicit(new int[] {0, 1},
                new int[] {1, 0}, new double[] {0.5, -0.5}, new double[] {0.1, 0.2}), Synapses.excitatory(0)));
        assertEquals("weight", e.location());
        // The builder is still usable.
        b.connect("ok", p, p, Rules.oneToOne(), Synapses.excitatory(0.1));
        assertEquals(2, b.build().synapseCount());
    }

    @Test
    void aWeightDistributionIsRefusedExactlyWhenAllItsDrawsHaveTheWrongSign() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("p", 2, LifDelta.MODEL, LIF);
        record Case(Receptor receptor, RealDistribution draw, boolean refused) {
        }
        for (Case c : List.of(
                // Support [-1, 0]: no draw is > 0, and 0 itself has probability 0.
                new Case(Receptor.EXCITATORY, new UniformRealDistribution(-1, 0), true),
                // Only 0, which both receptors accept.
                new Case(Receptor.EXCITATORY, new ConstantRealDistribution(0), false),
                new Case(Receptor.INHIBITORY, new UniformRealDistribution(0, 1), true),
                new Case(Receptor.INHIBITORY, new ConstantRealDistribution(0), false))) {
            Synapses spec = Synapses.of(c.receptor(), 0).weights(c.draw());
            String name = c.receptor() + " " + c.draw().getSupportLowerBound() + " " + c.refused();
            if (c.refused()) {
                ParameterException e = assertThrows(ParameterException.class,
                        () -> b.connect(name, p, p, Rules.allToAll(), spec), name);
                assertTrue(e.found().startsWith("a distribution over"), e.getMessage());
            } else {
                b.connect(name, p, p, Rules.allToAll(), spec);
            }
        }
        assertEquals(8, b.build().synapseCount());
    }

    @Test
    void theLongestDelayIsShortMaxValueSteps() {
        // dt = 1 ms: 32767 ms is 32767 steps, the longest a short holds; 32768 steps is refused, and so
        // is a distribution whose draws all round to it (32767.5 rounds half up).
        NetworkBuilder b = new NetworkBuilder(1.0);
        Population<?, ?> p = b.population("p", 2, LifDelta.MODEL, LIF);
        ParameterException e = assertThrows(ParameterException.class,
                () -> b.connect("c", p, p, Rules.allToAll(), Synapses.excitatory(0.1).delayMs(32768)));
        assertEquals("delay", e.location());
        e = assertThrows(ParameterException.class, () -> b.connect("c", p, p, Rules.allToAll(),
                Synapses.excitatory(0.1).delays(new EnumeratedRealDistribution(new double[] {32767.5}))));
        assertEquals("delay", e.location());
        b.connect("c", p, p, Rules.allToAll(), Synapses.excitatory(0.1).delayMs(32767));
        assertEquals(32767, b.build().maxDelaySteps());
    }

    @Test
    void theLargestWeightIsTheLargestFloat() {
        // Float.MAX_VALUE is stored exactly; the next double above it is not a float.
        Projection p = Networks.within(1, 2, Rules.oneToOne(), Synapses.excitatory(Float.MAX_VALUE));
        assertEquals(Float.MAX_VALUE, p.uniformWeight());
        ParameterException e = assertThrows(ParameterException.class, () -> Networks.within(1, 2, Rules.oneToOne(),
                Synapses.excitatory(Math.nextUp((double) Float.MAX_VALUE))));
        assertEquals("weight", e.location());
    }

    @Test
    void aNetworkHoldsAtMostIntMaxValueNeurons() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        b.population("one", 1, LifDelta.MODEL, LIF);
        ParameterException e = assertThrows(ParameterException.class,
                () -> b.population("all", Integer.MAX_VALUE, LifDelta.MODEL, LIF));
        assertEquals("size", e.location());
        assertTrue(e.expected().startsWith("at most 2147483646 more neurons"), e.getMessage());
        // Exactly Integer.MAX_VALUE neurons in all is within the count: it is refused only because its
        // state (arrays of 2^31 - 2 doubles, past any array Java makes) does not fit the heap.
        assertThrows(HeapLimitExceeded.class, () -> b.population("rest", Integer.MAX_VALUE - 1, LifDelta.MODEL, LIF));
    }

    @Test
    void buildSeedsTheStreamsOfSpikeSources() {
        // Each source neuron draws from its own stream: after build their states differ from each other
        // and from those of another seed (64-bit states equal by chance with probability 2^-64 a pair).
        long[][] streams = new long[2][];
        for (int seed = 0; seed < 2; seed++) {
            NetworkBuilder b = new NetworkBuilder(0.1).seed(seed);
            Population<?, ?> src = b.population("src", 50, PoissonSource.MODEL, new PoissonSource.Params(10));
            b.build();
            streams[seed] = ((PoissonSource.State) src.state()).stream.clone();
            Set<Long> distinct = new HashSet<>();
            for (long s : streams[seed]) {
                distinct.add(s);
            }
            assertEquals(50, distinct.size(), "seed " + seed);
        }
        assertNotEquals(Arrays.toString(streams[0]), Arrays.toString(streams[1]));
    }

    @Test
    void initialValuesFollowTheNetworkWideNeuronIndex() {
        // Each neuron draws from the stream of its network-wide index: splitting a population of 20
        // into 12 + 8 leaves every neuron's initial v as it was.
        UniformRealDistribution draw = new UniformRealDistribution(-70, -50);
        NetworkBuilder whole = new NetworkBuilder(0.1).seed(5);
        Population<?, ?> all = whole.population("all", 20, LifDelta.MODEL, LIF);
        whole.initialise(all, "v", draw);
        whole.build();
        NetworkBuilder split = new NetworkBuilder(0.1).seed(5);
        Population<?, ?> first = split.population("first", 12, LifDelta.MODEL, LIF);
        Population<?, ?> rest = split.population("rest", 8, LifDelta.MODEL, LIF);
        split.initialise(first, "v", draw).initialise(rest, "v", draw);
        split.build();
        double[] v = all.values("v");
        assertArrayEquals(Arrays.copyOfRange(v, 0, 12), first.values("v"));
        assertArrayEquals(Arrays.copyOfRange(v, 12, 20), rest.values("v"));
    }
}
