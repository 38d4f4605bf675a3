package org.engram.learning.unsupervised;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.model.NeuronState;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;

/**
 * How one network shows a sample (Diehl and Cook 2015): input for the presentation, silence for the
 * rest, the presentation repeated with a higher rate while the excitatory neurons fire fewer than
 * {@code min_spikes} times (at most {@code max_boosts} times), and the input weights it starts from.
 */
class DiehlCookPresentationTest {
    private static final int NEURONS = 10;
    private static final int INPUTS = PrototypeTask.PIXELS;
    private static final double PRESENT_MS = 100;
    private static final double REST_MS = 20;

    private static DiehlCookParams params(int minSpikes, int maxBoosts) {
        DiehlCookParams p = DiehlCookParams.paper(NEURONS);
        return p.withCoupling(p.coupling().withTotalInputWeight(10.0)).withPresentation(
                new DiehlCookParams.Presentation(PRESENT_MS, REST_MS, 63.75, 31.875, minSpikes, maxBoosts));
    }

    private static DiehlCookNetwork network(DiehlCookParams p, boolean learning, double[] thresholds) {
        return new DiehlCookNetwork(p, INPUTS, 11, EngineOptions.grid(1), learning, null, thresholds);
    }

    private static float[] ones() {
        float[] x = new float[INPUTS];
        Arrays.fill(x, 1f);
        return x;
    }

    /**
     * A blank sample makes no spike: with {@code min_spikes} 1 it is shown again the most times
     * allowed (2, then 2 more for a second blank sample), with 0 never again.
     */
    @Test
    void aSampleBelowMinSpikesIsShownAgainAtMostMaxBoostsTimes() {
        try (DiehlCookNetwork net = network(params(1, 2), false, null)) {
            assertArrayEquals(new int[NEURONS], net.present(new float[INPUTS]));
            assertEquals(2, net.boosts());
            net.present(new float[INPUTS]);
            assertEquals(4, net.boosts());
        }
        try (DiehlCookNetwork net = network(params(0, 2), false, null)) {
            net.present(new float[INPUTS]);
            assertEquals(0, net.boosts(), "zero spikes reach a min_spikes of 0");
        }
    }

    /**
     * A bright sample that makes the excitatory neurons fire at least once is shown once when one
     * spike is enough; its input spikes all fall in the presentation, none in the rest after it.
     */
    @Test
    void aSampleThatFiresEnoughIsShownOnceAndTheRestIsSilent() {
        try (DiehlCookNetwork net = network(params(1, 2), false, null)) {
            double dt = params(1, 2).dtMs();
            double[] lastInputSpikeMs = {-1};
            int[] inRest = {0};
            net.observe((population, neuron, timeMs) -> {
                if (population.name().equals("input")) {
                    lastInputSpikeMs[0] = Math.max(lastInputSpikeMs[0], timeMs);
                    inRest[0] += timeMs > PRESENT_MS + dt ? 1 : 0;
                }
            });
            int[] counts = net.present(ones());
            assertTrue(Arrays.stream(counts).sum() >= 1, "the excitatory neurons fire: " + Arrays.toString(counts));
            assertEquals(0, net.boosts());
            assertTrue(lastInputSpikeMs[0] > 0, "the input fires while presented");
            assertEquals(0, inRest[0], "input spikes in the rest; the last at " + lastInputSpikeMs[0] + " ms");
        }
    }

    /**
     * Thresholds given are the ones the network starts from, and without learning they stay put; an
     * initial weight range of one value gives every weight that value, and learning normalises each
     * neuron's input weights to the total at once: 100 weights of 0.05 become 100 of 0.1.
     */
    @Test
    void theNetworkStartsFromTheThresholdsAndWeightsGiven() {
        double[] thresholds = new double[NEURONS];
        for (int j = 0; j < NEURONS; j++) {
            thresholds[j] = 0.5 * j;
        }
        DiehlCookParams p = params(0, 0);
        DiehlCookParams.Coupling c = p.coupling();
        DiehlCookParams flat = p.withCoupling(new DiehlCookParams.Coupling(0.05, 0.05, c.excToInhPa(), c.inhToExcPa(),
                10.0, c.delayMs()));
        try (DiehlCookNetwork net = network(flat, false, thresholds)) {
            assertArrayEquals(thresholds, net.thresholds());
            float[] w = net.inputWeights();
            float[] expected = new float[w.length];
            Arrays.fill(expected, 0.05f);
            assertArrayEquals(expected, w, "no learning, no normalisation");
            net.present(ones());
            assertArrayEquals(thresholds, net.thresholds(), "no learning, no adaptation");
        }
        try (DiehlCookNetwork net = network(flat, true, null)) {
            float[] w = net.inputWeights();
            for (float v : w) {
                assertEquals(0.1, v, 1e-6, "10 / 100 inputs");
            }
        }
    }

    /** A neuron whose input weights are all 0 has nothing to scale: they stay 0, not 0 * (10 / 0). */
    @Test
    void normalisingAColumnOfZerosLeavesIt() {
        DiehlCookParams p = params(0, 0);
        DiehlCookParams.Coupling c = p.coupling();
        DiehlCookParams zero = p.withCoupling(new DiehlCookParams.Coupling(0, 0, c.excToInhPa(), c.inhToExcPa(), 10.0,
                c.delayMs()));
        try (DiehlCookNetwork net = network(zero, true, null)) {
            assertArrayEquals(new float[NEURONS * INPUTS], net.inputWeights());
        }
    }

    /** The counts of a bright sample in a network of the given width, input weights per neuron and inhibition. */
    private static int[] countsOfABrightSample(int neurons, float[] columnWeight, double inhToExcPa) {
        DiehlCookParams p = params(0, 0).withNeurons(neurons);
        DiehlCookParams.Coupling c = p.coupling();
        p = p.withCoupling(new DiehlCookParams.Coupling(c.initialWeightMin(), c.initialWeightMax(), c.excToInhPa(),
                inhToExcPa, c.totalInputWeight(), c.delayMs()));
        float[] w = new float[INPUTS * neurons];
        for (int k = 0; k < w.length; k++) {
            w[k] = columnWeight[k % neurons];   // all to all, input-major: synapse i * neurons + j
        }
        try (DiehlCookNetwork net = new DiehlCookNetwork(p, INPUTS, 11, EngineOptions.grid(1), false, w, null)) {
            return net.present(ones()).clone();
        }
    }

    /**
     * Each excitatory neuron's inhibitory partner inhibits every other excitatory neuron and not its
     * own: a neuron whose neighbours are silent fires as often with the lateral inhibition as without
     * it (the same input spikes reach it), and two neurons driven alike fire less together with it.
     */
    @Test
    void lateralInhibitionSparesTheNeuronThatCausedIt() {
        double inhibition = DiehlCookParams.Coupling.paper().inhToExcPa();
        int[] alone = countsOfABrightSample(3, new float[] {1f, 0f, 0f}, inhibition);
        assertTrue(alone[0] > 0, "the driven neuron fires");
        assertArrayEquals(countsOfABrightSample(3, new float[] {1f, 0f, 0f}, 0), alone);
        int[] inhibited = countsOfABrightSample(2, new float[] {1f, 1f}, inhibition);
        int[] free = countsOfABrightSample(2, new float[] {1f, 1f}, 0);
        assertTrue(inhibited[0] + inhibited[1] < free[0] + free[1],
                Arrays.toString(inhibited) + " with inhibition, " + Arrays.toString(free) + " without");
    }

    /**
     * A spike's synaptic operations are its population's fan-out in the paper's wiring: an input
     * reaches every excitatory neuron (10), an excitatory neuron its one inhibitory partner, an
     * inhibitory neuron every excitatory neuron but its partner (9).
     */
    @Test
    void eachSpikeCostsItsPopulationsFanOut() {
        Map<String, Integer> fanOut = new TreeMap<>();
        try (DiehlCookNetwork net = network(params(0, 0), false, null)) {
            net.observe((population, neuron, timeMs) -> fanOut.put(population.name(), net.fanOut(population)));
            net.present(ones());
        }
        assertEquals(Map.of("input", 10, "exc", 1, "inh", 9), fanOut);
    }

    /**
     * A sample ends with every neuron at rest, as the paper's rest period is meant to leave it: the
     * potentials at their resting values (-65 mV excitatory, -60 mV inhibitory) and no synaptic
     * current, exactly, not merely decayed for 20 ms. The populations are read as the spikes of a
     * bright sample name them.
     */
    @Test
    void aSampleEndsWithEveryNeuronAtRest() {
        DiehlCookParams p = params(0, 0);
        Map<String, Population<?, ?>> fired = new HashMap<>();
        try (DiehlCookNetwork net = network(p, false, null)) {
            net.observe((population, neuron, timeMs) -> fired.put(population.name(), population));
            net.present(ones());
            assertEquals(Set.of("input", "exc", "inh"), fired.keySet(), "every population fires");
            double[] rest = {p.excitatory().eL(), p.inhibitory().eL()};
            String[] names = {"exc", "inh"};
            for (int k = 0; k < 2; k++) {
                NeuronState state = fired.get(names[k]).state();
                for (int j = 0; j < NEURONS; j++) {
                    assertEquals(rest[k], state.values("v")[j], names[k] + " " + j);
                    assertEquals(0.0, state.values("i_syn_ex")[j], names[k] + " " + j);
                    assertEquals(0.0, state.values("i_syn_in")[j], names[k] + " " + j);
                }
            }
        }
    }
}
