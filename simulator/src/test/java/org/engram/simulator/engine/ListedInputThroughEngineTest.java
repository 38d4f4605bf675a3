package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.engram.simulator.SmallHeap;
import org.engram.simulator.input.CurrentSource;
import org.engram.simulator.input.PoissonSource;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.LifExp;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.monitor.SpikeTrainDigest;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.TsodyksMarkram;
import org.engram.simulator.network.connect.Rules;
import org.engram.simulator.random.SplitMixRandom;
import org.junit.jupiter.api.Test;

/**
 * Input listed for few events ({@link InputLists}) gives the spikes and state, to the bit, that the rows give:
 * the same network run with its input listed wherever its kernels take it, and nowhere, on one to three threads.
 * The network's blocks of neurons receive from none to some thousand events a step, so some steps' lists go into
 * the rows midway, and others stay listed.
 */
class ListedInputThroughEngineTest {
    private static final String VECTOR_API = "jdk.incubator.vector";

    private static Network network() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(99);
        // Nine blocks of listed input (1,024 neurons), the last one part, which threads split inside blocks.
        Population<?, ?> cells = b.population("cells", 9000, LifExp.MODEL,
                new LifExp.Params(20, 250, -49, -50, -60, 5, 0, 5, 10));
        Population<?, ?> jumps = b.population("jumps", 5000, LifDelta.MODEL,
                new LifDelta.Params(20, 250, 0, 20, 10, 2, 0));
        Population<?, ?> src = b.population("src", 200, PoissonSource.MODEL, new PoissonSource.Params(50));
        var uniform = new UniformRealDistribution(new SplitMixRandom(0), 0.2, 2.5);
        // About one source spike a step, each some 170 events a block, past the 128 a block lists: steps without
        // one are listed, the others go into the rows.
        b.connect("src->cells", src, cells, Rules.fixedOutDegree(1500), Synapses.excitatory(0).weights(
                new UniformRealDistribution(new SplitMixRandom(0), 5, 20)).delayMs(1.0));
        b.connect("src->jumps", src, jumps, Rules.fixedOutDegree(300), Synapses.excitatory(1.5).delayMs(0.3)
                .shortTermPlasticity(new TsodyksMarkram(0.5, 100, 0)));
        b.connect("cells->cells", cells, cells, Rules.fixedProbability(0.01), Synapses.inhibitory(-40).delays(
                uniform));
        b.connect("cells->jumps", cells, jumps, Rules.fixedInDegree(20), Synapses.excitatory(0.4).delayMs(1.0));
        b.connect("jumps->jumps", jumps, jumps, Rules.fixedInDegree(10), Synapses.inhibitory(-1).delayMs(0.5));
        b.initialise(cells, "v", new UniformRealDistribution(new SplitMixRandom(0), -60, -50));
        b.initialise(jumps, "v", new UniformRealDistribution(new SplitMixRandom(0), 0, 20));
        b.current(CurrentSource.pulse(cells, null, 20, 60, 100));
        return b.build();
    }

    private record Outcome(String hash, long spikes, long events, List<long[]> state) {
    }

    private static Outcome run(boolean listed, int threads) {
        Network net = network();
        SpikeTrainDigest digest = new SpikeTrainDigest(0.1);
        EngineOptions options = new EngineOptions(threads, Mode.GRID).withMinParallelNeuronSteps(0)
                .withListedInputFromBytes(listed ? 0 : Long.MAX_VALUE);
        try (Engine e = new Engine(net, options)) {
            e.addObserver(digest);
            e.run(60);
            e.run(40.3);
            for (Population<?, ?> p : List.of(net.population("cells"), net.population("jumps"))) {
                InputLists[] lists = e.runtime(p).lists;
                assertEquals(listed, lists != null, p.name() + ": lists as the options say");
                for (int w = 0; listed && w < lists.length; w++) {
                    // Both ways on every worker of 'cells': listed blocks, and lists that went into the rows.
                    long rowTakes = p.name().equals("cells") ? lists[w].rowTakes() : 1;
                    assertTrue(lists[w].listedTakes() > 0 && rowTakes > 0, p.name() + ", worker " + w + ": "
                            + lists[w].listedTakes() + " listed and " + lists[w].rowTakes() + " in the rows");
                }
            }
            return new Outcome(digest.hex(), e.spikeCount(), e.synapticEvents(), bitsOf(net));
        }
    }

    @Test
    void listedInputGivesTheRowsSpikesAndStateOnOneToThreeThreads() {
        Outcome rows = run(false, 1);
        assertTrue(rows.spikes() > 5000, "the network must be active, saw " + rows.spikes() + " spikes");
        for (int threads = 1; threads <= 3; threads++) {
            Outcome listed = run(true, threads);
            assertEquals(rows.hash(), listed.hash(), threads + " threads: spike trains differ");
            assertEquals(rows.events(), listed.events(), threads + " threads: synaptic events differ");
            for (int k = 0; k < rows.state().size(); k++) {
                for (int i = 0; i < rows.state().get(k).length; i++) {
                    assertEquals(rows.state().get(k)[i], listed.state().get(k)[i],
                            threads + " threads: state variable " + k + " of neuron " + i + " differs");
                }
            }
        }
    }

    /**
     * Listed, the LIF kernels screen the potentials for the threshold a vector at a time where the JVM has the
     * Vector API, as these tests' JVM has, and compare them one by one where it does not: a JVM of its own without
     * it gives the same spikes and state.
     */
    @Test
    void aJvmWithoutTheVectorApiGivesTheSameSpikesAndState() throws Exception {
        assertTrue(ModuleLayer.boot().findModule(VECTOR_API).isPresent(), "the tests run with the Vector API");
        SmallHeap.Output child = SmallHeap.run("512m", ListedInputThroughEngineTest.class);
        assertEquals(0, child.exitCode(), child.text());
        assertEquals(List.of("vector api: false", "listed: " + summary(run(true, 2))), child.lines());
    }

    /** Prints whether this JVM has the Vector API, and what the network run listed on two threads gives. */
    public static void main(String[] args) {
        System.out.println("vector api: " + ModuleLayer.boot().findModule(VECTOR_API).isPresent());
        System.out.println("listed: " + summary(run(true, 2)));
    }

    /** {@return the spikes' digest, and a hash of every state variable's bits} */
    private static String summary(Outcome outcome) {
        int state = 1;
        for (long[] bits : outcome.state()) {
            state = 31 * state + Arrays.hashCode(bits);
        }
        return "spikes " + outcome.hash() + ", state " + Integer.toHexString(state);
    }

    /**
     * A population past 65,536 neurons, whose synapses store their targets in an {@code int} each, lists the same
     * input as its rows hold, on one and two threads.
     */
    @Test
    void aPopulationOfWideTargetsListsTheRowsInput() {
        List<long[]> rows = wideRun(false, 1);
        for (int threads = 1; threads <= 2; threads++) {
            List<long[]> listed = wideRun(true, threads);
            for (int k = 0; k < rows.size(); k++) {
                assertArrayEquals(rows.get(k), listed.get(k), threads + " threads: state variable " + k);
            }
        }
    }

    private static List<long[]> wideRun(boolean listed, int threads) {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(5);
        Population<?, ?> src = b.population("src", 100, PoissonSource.MODEL, new PoissonSource.Params(100));
        Population<?, ?> cells = b.population("cells", 70_000, LifDelta.MODEL,
                new LifDelta.Params(20, 250, 0, 20, 10, 2, 0));
        b.connect("src->cells", src, cells, Rules.fixedOutDegree(2000), Synapses.excitatory(1.5).delays(
                new UniformRealDistribution(new SplitMixRandom(0), 0.1, 0.5)));
        b.initialise(cells, "v", new UniformRealDistribution(new SplitMixRandom(0), 15, 20));
        Network net = b.build();
        EngineOptions options = new EngineOptions(threads, Mode.GRID).withMinParallelNeuronSteps(0)
                .withListedInputFromBytes(listed ? 0 : Long.MAX_VALUE);
        try (Engine e = new Engine(net, options)) {
            e.run(20);
            assertEquals(listed, e.runtime(cells).lists != null);
            assertTrue(e.spikeCount() > 1000, "cells fire: " + e.spikeCount());
        }
        return bitsOf(net);
    }

    /** {@return every state variable of every population, as the bits of its values} */
    private static List<long[]> bitsOf(Network net) {
        List<long[]> state = new ArrayList<>();
        for (Population<?, ?> p : net.populations()) {
            for (String name : p.state().variableNames()) {
                double[] x = p.state().values(name);
                long[] bits = new long[x.length];
                for (int i = 0; i < x.length; i++) {
                    bits[i] = Double.doubleToRawLongBits(x[i]);
                }
                state.add(bits);
            }
        }
        return state;
    }

    /**
     * By default input is listed where a step's pass over a thread's neurons, of every population together, moves
     * 1.5 MiB or more: {@code lif_exp}'s 40 bytes a neuron (three state variables and a row per receptor) at 39,322
     * neurons, not at 39,321; on two threads, each of which takes about half (a multiple of 64), at twice that; and
     * two populations that pass it together both, though neither passes it alone. A Poisson drive, which fills the
     * rows, keeps them.
     */
    @Test
    void inputIsListedByDefaultWhereAStepsPassOutgrowsTheCache() {
        assertEquals(List.of(false), listsByDefault(1, false, 39_321));
        assertEquals(List.of(true), listsByDefault(1, false, 39_322));
        assertEquals(List.of(false), listsByDefault(2, false, 78_500));   // ranges of 39,232 and 39,268
        assertEquals(List.of(true), listsByDefault(2, false, 78_700));    // 39,360 and 39,340
        assertEquals(List.of(true, true), listsByDefault(1, false, 31_000, 9_000));
        assertEquals(List.of(false), listsByDefault(1, true, 80_000));
    }

    /** Whether the engine lists each population's input, populations of {@code lif_exp} of the sizes given. */
    private static List<Boolean> listsByDefault(int threads, boolean poissonDriven, int... sizes) {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        List<Population<?, ?>> populations = new ArrayList<>();
        for (int k = 0; k < sizes.length; k++) {
            Population<?, ?> cells = b.population("cells" + k, sizes[k], LifExp.MODEL, LifExp.MODEL.defaults());
            b.connect("self" + k, cells, cells, Rules.oneToOne(), Synapses.excitatory(1).delayMs(1));
            if (poissonDriven) {
                b.poissonInput(cells, 100, 1, Receptor.EXCITATORY);
            }
            populations.add(cells);
        }
        try (Engine e = new Engine(b.build(), new EngineOptions(threads, Mode.GRID).withMinParallelNeuronSteps(0))) {
            return populations.stream().map(p -> e.runtime(p).lists != null).toList();
        }
    }
}
