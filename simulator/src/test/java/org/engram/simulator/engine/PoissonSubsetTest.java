package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.engram.simulator.input.PoissonInput;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.monitor.StateRecorder;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Poisson input into chosen neurons. Each neuron's train comes from a stream keyed by its own
 * index, so the independent answer is the same input into every neuron: a chosen neuron must get,
 * bit for bit, what it gets there, and every other neuron nothing at all.
 */
class PoissonSubsetTest {
    /**
     * More than two of the engine's blocks of 4,096 neurons, so a block's first chosen neuron is
     * found past the start of the list; listed out of order, as a user may.
     */
    private static final int LOGGED = 9_000;
    private static final int[] CHOSEN_OF_LOGGED = {8_999, 0, 4_096, 1, 4_095, 6_000, 4_097, 8_191, 8_192, 2_250,
        2_251, 6_750};
    /** 30 kHz for 2 ms, then 10 kHz: two count tables, means 3 and 1 per step at dt = 0.1 ms. */
    private static final double[] TIMES_MS = {0, 2};
    private static final double[] RATES_HZ = {30_000, 10_000};
    private static final int STEPS = 50;

    static Stream<Integer> threads() {
        return Stream.of(1, 2, 3, 4);
    }

    private static InputLog.State logged(int[] neurons, int threads) {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(21);
        Population<InputLog.Params, InputLog.State> p = b.population("p", LOGGED, InputLog.MODEL,
                new InputLog.Params(STEPS));
        b.poissonInput(new PoissonInput(p, neurons, TIMES_MS, RATES_HZ, 0.5, Receptor.EXCITATORY));
        Network net = b.build();
        try (Engine e = new Engine(net, EngineOptions.grid(threads).withMinParallelNeuronSteps(0))) {
            e.run(STEPS * 0.1);
        }
        return p.state();
    }

    @ParameterizedTest
    @MethodSource("threads")
    void gridRowsOfChosenNeuronsEqualThoseOfDriveIntoEveryNeuronAndOthersGetNothing(int threads) {
        InputLog.State all = logged(null, 1);
        InputLog.State chosen = logged(CHOSEN_OF_LOGGED, threads);
        boolean[] isChosen = membership(LOGGED, CHOSEN_OF_LOGGED);
        double chosenEvents = 0;
        double otherEventsUnderAll = 0;
        for (int s = 0; s < STEPS; s++) {
            for (int i = 0; i < LOGGED; i++) {
                if (isChosen[i]) {
                    assertEquals(all.excitatory[s][i], chosen.excitatory[s][i], "step " + s + ", neuron " + i);
                    chosenEvents += chosen.excitatory[s][i] / 0.5;
                } else {
                    assertEquals(0.0, chosen.excitatory[s][i], "step " + s + ", neuron " + i + " is not chosen");
                    otherEventsUnderAll += all.excitatory[s][i];
                }
                assertEquals(0.0, chosen.inhibitory[s][i]);
            }
        }
        // The comparison means something only if trains were drawn: 12 neurons over 20 steps at a
        // mean of 3 and 30 at 1 expect 1,080 events, which cannot be 0 (probability e^-1080).
        assertTrue(chosenEvents > 0, "events into the chosen neurons");
        assertTrue(otherEventsUnderAll > 0, "drive into every neuron reaches the others");
    }

    static Stream<Arguments> modesAndThreads() {
        return Stream.of(Mode.values()).flatMap(m -> threads().map(t -> Arguments.of(m, t)));
    }

    private static final int SPIKING = 300;
    private static final int[] CHOSEN_OF_SPIKING = {299, 3, 150, 0, 74, 75, 76, 224, 225};

    /** What a run records of every neuron: its potential at every step's end, and its spikes. */
    private record Recorded(double[][] v, double[][] spikesMs) {
    }

    /**
     * Unconnected LIF neurons driven to fire (10 kHz x 0.2 mV x tau_m 20 ms is a mean of 40 mV
     * against a threshold of 20), in {@code parts} engines one after another on the network, the
     * last in the mode given and those before it in grid mode (a precise-mode engine must be the
     * network's last): each goes on with the trains the one before drew.
     */
    private static Recorded spiking(int[] neurons, Mode mode, int threads, int parts) {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(8);
        Population<?, ?> p = b.population("p", SPIKING, LifDelta.MODEL, new LifDelta.Params(20, 250, 0, 20, 10, 2, 0));
        b.poissonInput(new PoissonInput(p, neurons, 10_000, 0.2, Receptor.EXCITATORY));
        Network net = b.build();
        int[] every = IntStream.range(0, SPIKING).toArray();
        double[][] v = new double[SPIKING][0];
        double[][] spikes = new double[SPIKING][0];
        for (int k = 0; k < parts; k++) {
            EngineOptions options = new EngineOptions(threads, k == parts - 1 ? mode : Mode.GRID);
            try (Engine e = new Engine(net, options.withMinParallelNeuronSteps(0))) {
                StateRecorder trace = e.recordState(p, "v", every, 0.1);
                SpikeRecorder spikeRecorder = e.recordSpikes(p);
                e.run(60.0 / parts);
                for (int i = 0; i < SPIKING; i++) {
                    v[i] = concat(v[i], trace.trace(i));
                    spikes[i] = concat(spikes[i], spikeRecorder.timesOf(i));
                }
            }
        }
        return new Recorded(v, spikes);
    }

    @ParameterizedTest
    @MethodSource("modesAndThreads")
    void chosenNeuronsFireAsUnderDriveIntoEveryNeuronAndOthersStayAtRest(Mode mode, int threads) {
        assertChosenAsUnderAll(spiking(null, mode, 1, 1), spiking(CHOSEN_OF_SPIKING, mode, threads, 1));
    }

    /**
     * A second engine on the network, after a grid-mode one, goes on with the chosen trains and
     * starts none for the others.
     */
    @ParameterizedTest
    @MethodSource("modesAndThreads")
    void chosenTrainsGoOnInALaterEngineAsUnderDriveIntoEveryNeuron(Mode mode, int threads) {
        assertChosenAsUnderAll(spiking(null, mode, 1, 2), spiking(CHOSEN_OF_SPIKING, mode, threads, 2));
    }

    private static void assertChosenAsUnderAll(Recorded all, Recorded chosen) {
        boolean[] isChosen = membership(SPIKING, CHOSEN_OF_SPIKING);
        int chosenSpikes = 0;
        int otherSpikesUnderAll = 0;
        for (int i = 0; i < SPIKING; i++) {
            if (isChosen[i]) {
                assertArrayEquals(all.v()[i], chosen.v()[i], "potential of neuron " + i);
                assertArrayEquals(all.spikesMs()[i], chosen.spikesMs()[i], "spikes of neuron " + i);
                chosenSpikes += chosen.spikesMs()[i].length;
            } else {
                // e_l = 0: a neuron without input stays at exactly 0 mV.
                double[] rest = new double[all.v()[i].length];
                assertArrayEquals(rest, chosen.v()[i], "potential of neuron " + i + ", not chosen");
                assertEquals(0, chosen.spikesMs()[i].length, "spikes of neuron " + i + ", not chosen");
                otherSpikesUnderAll += all.spikesMs()[i].length;
            }
        }
        // A mean drive of twice the threshold fires each neuron many times in 60 ms (some 10 spikes
        // at the 2 ms refractory period and a charging time near 4 ms); 0 would mean no drive.
        assertTrue(chosenSpikes > CHOSEN_OF_SPIKING.length, "spikes of the chosen neurons: " + chosenSpikes);
        assertTrue(otherSpikesUnderAll > 0, "drive into every neuron fires the others");
        assertEquals(600, all.v()[0].length, "one sample per step of 60 ms");
    }

    private static boolean[] membership(int size, int[] neurons) {
        boolean[] in = new boolean[size];
        for (int i : neurons) {
            in[i] = true;
        }
        return in;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
