package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.engram.simulator.event.SpikeListener;
import org.engram.simulator.input.PoissonSource;
import org.engram.simulator.input.SpikeTimes;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.LifExp;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.monitor.StateRecorder;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Projection;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.TsodyksMarkram;
import org.engram.simulator.network.connect.Rules;
import org.engram.simulator.random.Purpose;
import org.engram.simulator.random.RandomStreams;
import org.engram.simulator.random.SplitMixRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Short-term plasticity through the engine: each spike delivers its weight times the factor
 * {@code u_n x_n} of its source's train ({@link ShortTermTrain}), whatever the delay, target,
 * receptor, mode or thread count.
 */
class ShortTermPlasticityTest {
    private static final double DT = 0.1;
    private static final double TAU_M = 20;
    /** A threshold no input here reaches: the potential is the sum of the decaying jumps. */
    private static final LifDelta.Params SILENT = new LifDelta.Params(TAU_M, 250, 0, 1000, 0, 2, 0);

    /** A synapse of a test network and the parameters of its projection. */
    private record Synapse(int target, double weight, double delayMs, TsodyksMarkram stp) {
    }

    /**
     * One source into four {@code lif_delta} neurons through three projections with short-term
     * plasticity: a depressing one (delay 1.5 ms), an inhibitory one (2.5 ms) and a facilitating one
     * with per-synapse weights and delays. Each neuron's potential, sampled every step, must be the
     * sum of its jumps {@code w u_n x_n}, each decayed from its arrival by {@code exp(-t / tau_m)}.
     * A spike given twice acts as two spikes at interval 0.
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void lifDeltaJumpsAreTheWeightsTimesTheFactors(Mode mode) {
        double[] times = mode == Mode.GRID ? new double[] {5.0, 25.0, 27.3, 60.0, 60.0, 61.2, 140.0}
                : new double[] {5.03, 25.07, 27.31, 60.02, 60.02, 61.25, 140.01};
        TsodyksMarkram depressing = new TsodyksMarkram(0.5, 100, 0);
        TsodyksMarkram inhibiting = new TsodyksMarkram(0.3, 40, 20);
        TsodyksMarkram facilitating = new TsodyksMarkram(0.1, 100, 1000);
        NetworkBuilder b = new NetworkBuilder(DT);
        Population<?, ?> src = b.population("src", 1, SpikeTimes.MODEL, new SpikeTimes.Params(new double[][] {times}));
        Population<?, ?> t = b.population("t", 4, LifDelta.MODEL, SILENT);
        b.connect("depressing", src, t, Rules.explicit(new int[] {0}, new int[] {0}),
                Synapses.excitatory(2).delayMs(1.5).shortTermPlasticity(depressing));
        b.connect("inhibiting", src, t, Rules.explicit(new int[] {0}, new int[] {1}),
                Synapses.inhibitory(-4).delayMs(2.5).shortTermPlasticity(inhibiting));
        b.connect("facilitating", src, t, Rules.explicit(new int[] {0, 0}, new int[] {2, 3}, new double[] {1.0, 3.0},
                new double[] {2.0, 3.7}), Synapses.excitatory(0).shortTermPlasticity(facilitating));
        List<Synapse> synapses = List.of(new Synapse(0, 2, 1.5, depressing), new Synapse(1, -4, 2.5, inhibiting),
                new Synapse(2, 1, 2.0, facilitating), new Synapse(3, 3, 3.7, facilitating));
        double[][] v = runAndSample(b.build(), new EngineOptions(1, mode), t, 200);
        assertPotentials(v, times, synapses);
    }

    /** Runs for {@code ms} and returns the potential of every neuron of {@code t} at the end of every step. */
    private static double[][] runAndSample(Network net, EngineOptions options, Population<?, ?> t, double ms) {
        try (Engine e = new Engine(net, options)) {
            StateRecorder r = e.recordState(t, "v", null, DT);
            e.run(ms);
            double[][] v = new double[r.neuronCount()][r.sampleCount()];
            for (int i = 0; i < v.length; i++) {
                for (int k = 0; k < v[i].length; k++) {
                    v[i][k] = r.value(k, i);
                }
            }
            return v;
        }
    }

    /** Compares each neuron's sampled potential with the decaying sum of its synapse's jumps. */
    private static void assertPotentials(double[][] v, double[] times, List<Synapse> synapses) {
        for (Synapse s : synapses) {
            TsodyksMarkram p = s.stp();
            double[] f = ShortTermTrain.factors(times, p.u(), p.tauRec(), p.tauFac());
            for (int k = 0; k < v[s.target()].length; k++) {
                double sampleMs = (k + 1) * DT;
                double expected = 0;
                for (int n = 0; n < times.length; n++) {
                    double arrival = times[n] + s.delayMs();
                    // An arrival at a sample's time, up to rounding, is in that sample.
                    if (arrival <= sampleMs + 1e-9) {
                        expected += s.weight() * f[n] * Math.exp(-Math.max(0, sampleMs - arrival) / TAU_M);
                    }
                }
                // Sums of a few terms of size ~1 decayed step by step: rounding ~1e-15 a step.
                assertEquals(expected, v[s.target()][k], 1e-9, "neuron " + s.target() + " at " + sampleMs + " ms");
            }
            // Not the plain weights: depression or facilitation changed the jumps.
            double spread = Arrays.stream(f).max().orElseThrow() - Arrays.stream(f).min().orElseThrow();
            assertTrue(spread > 0.05, "factors " + Arrays.toString(f));
        }
    }

    /**
     * Two spike-time sources and three Poisson sources (at 3 kHz some steps hold several spikes of a
     * source, and a slice of 10 steps, the shortest delay, three on average) into 300 targets that
     * log their input at every step, through depressing, facilitating and static projections of both
     * receptors, with drawn weights and delays, on 1 to 4 threads: every target's input at every step
     * equals the sum computed here from the recorded spikes.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void everyTargetReceivesItsSourcesWeightsTimesTheirFactors(int threads) {
        assertInputs(threads, 300, 400);
    }

    /** The same past 65,536 targets, whose indices are stored in 32 bits and delivered by a loop of their own. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void widelyIndexedTargetsReceiveTheirFactorsToo(int threads) {
        assertInputs(threads, 65_600, 40);
    }

    private static void assertInputs(int threads, int targets, int steps) {
        SplitMixRandom rng = RandomStreams.of(3, Purpose.TASK, 0);
        double[][] times = new double[2][];
        for (int i = 0; i < 2; i++) {
            times[i] = new double[6 + rng.nextInt(10)];
            for (int k = 0; k < times[i].length; k++) {
                // On the grid, some twice; early enough that their arrivals are all logged.
                times[i][k] = (1 + rng.nextInt(steps / 2)) * DT;
            }
            Arrays.sort(times[i]);
        }
        times[1][1] = times[1][0];
        NetworkBuilder b = new NetworkBuilder(DT).seed(5);
        Population<?, ?> src = b.population("src", 2, SpikeTimes.MODEL, new SpikeTimes.Params(times));
        Population<?, ?> poisson = b.population("poisson", 3, PoissonSource.MODEL, new PoissonSource.Params(3000));
        Population<InputLog.Params, InputLog.State> log = b.population("log", targets, InputLog.MODEL,
                new InputLog.Params(steps));
        double maxDelayMs = Math.min(6.0, steps * DT / 2);
        b.connect("depressing", src, log, Rules.fixedProbability(0.5), Synapses.excitatory(0)
                .weights(new UniformRealDistribution(new SplitMixRandom(0), 0.5, 1.5))
                .delays(new UniformRealDistribution(new SplitMixRandom(0), 1.0, maxDelayMs))
                .shortTermPlasticity(new TsodyksMarkram(0.5, 30, 0)));
        b.connect("facilitating", src, log, Rules.allToAll(), Synapses.inhibitory(-1).delayMs(2.0)
                .shortTermPlasticity(new TsodyksMarkram(0.1, 10, 50)));
        b.connect("static", src, log, Rules.fixedOutDegree(20), Synapses.excitatory(0.25).delayMs(1.0));
        b.connect("from-poisson", poisson, log, Rules.fixedOutDegree(50), Synapses.excitatory(1).delayMs(1.0)
                .shortTermPlasticity(new TsodyksMarkram(0.3, 5, 2)));
        Network net = b.build();
        double[][] spikes;
        double[][] poissonSpikes;
        try (Engine e = new Engine(net, EngineOptions.grid(threads).withMinParallelNeuronSteps(0))) {
            SpikeRecorder fromSrc = e.recordSpikes(src);
            SpikeRecorder fromPoisson = e.recordSpikes(poisson);
            e.run(steps * DT);
            spikes = byNeuron(fromSrc, 2);
            poissonSpikes = byNeuron(fromPoisson, 3);
        }
        assertTrue(hasRepeat(poissonSpikes), "some Poisson source must spike twice in a step");
        double[][] expectedEx = new double[steps][targets];
        double[][] expectedIn = new double[steps][targets];
        for (Projection p : net.projections()) {
            double[][] expected = p.name().equals("facilitating") ? expectedIn : expectedEx;
            double[][] train = p.source() == src ? spikes : poissonSpikes;
            TsodyksMarkram stp = p.shortTerm();
            for (int s = 0; s < train.length; s++) {
                double[] f = stp == null ? null : ShortTermTrain.factors(train[s], stp.u(), stp.tauRec(), stp.tauFac());
                for (int n = 0; n < train[s].length; n++) {
                    int stamp = (int) Math.round(train[s][n] / DT);
                    for (int k = p.rowStart()[s]; k < p.rowStart()[s + 1]; k++) {
                        // Arrives at the end of the target's step stamp + delay - 1.
                        int step = stamp + p.delaySteps(k) - 1;
                        if (step < steps) {
                            expected[step][p.target(k)] += p.weight(k) * (f == null ? 1 : f[n]);
                        }
                    }
                }
            }
        }
        InputLog.State state = log.state();
        for (int step = 0; step < steps; step++) {
            for (int i = 0; i < targets; i++) {
                // Sums of tens of terms of size ~1 in another order: rounding ~1e-15.
                assertEquals(expectedEx[step][i], state.excitatory[step][i], 1e-12, "excitatory step " + step
                        + " target " + i);
                assertEquals(expectedIn[step][i], state.inhibitory[step][i], 1e-12, "inhibitory step " + step
                        + " target " + i);
            }
        }
    }

    /** Each neuron's recorded spike times, in the order recorded (time order, a step's repeats together). */
    private static double[][] byNeuron(SpikeRecorder r, int neurons) {
        List<List<Double>> lists = new ArrayList<>();
        for (int i = 0; i < neurons; i++) {
            lists.add(new ArrayList<>());
        }
        for (int k = 0; k < r.count(); k++) {
            lists.get(r.neurons()[k]).add(r.timeMs(k));
        }
        return lists.stream().map(l -> l.stream().mapToDouble(Double::doubleValue).toArray()).toArray(double[][]::new);
    }

    private static boolean hasRepeat(double[][] trains) {
        for (double[] t : trains) {
            for (int n = 1; n < t.length; n++) {
                if (t[n] == t[n - 1]) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Markram, Wang and Tsodyks (1998) and NEST's {@code tsodyks2_synapse} examples: at 20 Hz a
     * depressing synapse (U 0.5, tau_rec 800 ms) gives ever smaller PSPs, a facilitating one (U 0.1,
     * tau_rec 100 ms, tau_fac 1000 ms) larger ones over the first spikes. Measured in a
     * {@code lif_exp} neuron's potential (tau_m 5 ms, current-based synapses of 2 ms), in both modes: each PSP's
     * peak above the potential at its spike, in proportion to the factors.
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void depressingPspsShrinkAndFacilitatingOnesGrowAt20Hz(Mode mode) {
        double[] times = new double[8];
        for (int n = 0; n < times.length; n++) {
            times[n] = 50.0 * (n + 1);
        }
        TsodyksMarkram depressing = new TsodyksMarkram(0.5, 800, 0);
        TsodyksMarkram facilitating = new TsodyksMarkram(0.1, 100, 1000);
        NetworkBuilder b = new NetworkBuilder(DT);
        Population<?, ?> src = b.population("src", 1, SpikeTimes.MODEL, new SpikeTimes.Params(new double[][] {times}));
        Population<?, ?> t = b.population("t", 2, LifExp.MODEL, new LifExp.Params(5, 250, -70, 0, -70, 2, 0, 2, 2));
        b.connect("depressing", src, t, Rules.explicit(new int[] {0}, new int[] {0}),
                Synapses.excitatory(500).shortTermPlasticity(depressing));
        b.connect("facilitating", src, t, Rules.explicit(new int[] {0}, new int[] {1}),
                Synapses.excitatory(500).shortTermPlasticity(facilitating));
        double[][] v = runAndSample(b.build(), new EngineOptions(1, mode), t, 50.0 * (times.length + 1));
        double[] fallingPsps = psps(v[0], times);
        double[] risingPsps = psps(v[1], times);
        double[] fallingFactors = ShortTermTrain.factors(times, 0.5, 800, 0);
        double[] risingFactors = ShortTermTrain.factors(times, 0.1, 100, 1000);
        for (int n = 1; n < times.length; n++) {
            assertTrue(fallingPsps[n] < fallingPsps[n - 1], "depressing PSPs " + Arrays.toString(fallingPsps));
            // The facilitating factors rise for the first five spikes, then level off.
            if (n < 5) {
                assertTrue(risingPsps[n] > risingPsps[n - 1], "facilitating PSPs " + Arrays.toString(risingPsps));
            }
            // Each PSP rides on the last one's tail, about e^-9 of it 45 ms after its peak at tau_m 5 ms (1e-4 of
            // it, twice the PSP at most): within 1%.
            assertEquals(fallingFactors[n] / fallingFactors[0], fallingPsps[n] / fallingPsps[0],
                    0.01 * fallingFactors[n] / fallingFactors[0]);
            assertEquals(risingFactors[n] / risingFactors[0], risingPsps[n] / risingPsps[0],
                    0.01 * risingFactors[n] / risingFactors[0]);
        }
    }

    /** Each PSP's peak above the potential at its spike (samples every step, from the spike for 50 ms). */
    private static double[] psps(double[] v, double[] times) {
        double[] psp = new double[times.length];
        for (int n = 0; n < times.length; n++) {
            int at = (int) Math.round(times[n] / DT) - 1;
            double peak = Double.NEGATIVE_INFINITY;
            for (int k = at; k < at + 500; k++) {
                peak = Math.max(peak, v[k]);
            }
            psp[n] = peak - v[at];
        }
        return psp;
    }

    /**
     * A network in which every population's spikes leave by a projection with short-term plasticity
     * (the log's onto itself, which it never uses: it never fires) delivers the factors as one with a
     * population of plain projections does. By hand for U 0.5, tau_rec 100 ms, tau_fac 50 ms,
     * weight 2 and spikes at 1 and 6 ms (h = 5 ms): the first delivers 2 U = 1; then
     * u_2 = 0.5 + 0.5 (1 - 0.5) exp(-0.1) = 0.7262093545 and x_2 = 1 + (0.5 - 1) exp(-0.05) =
     * 0.5243852877, so the second delivers 2 u_2 x_2 = 0.7616270027. With a delay of 1 ms the spikes,
     * stamped at steps 10 and 60, arrive in the logged input of steps 19 and 69.
     */
    @Test
    void aNetworkWhoseEveryPopulationHasShortTermRoutesDeliversTheFactors() {
        NetworkBuilder b = new NetworkBuilder(DT);
        Population<?, ?> src = b.population("src", 1, SpikeTimes.MODEL,
                new SpikeTimes.Params(new double[][] {{1.0, 6.0}}));
        Population<InputLog.Params, InputLog.State> log = b.population("log", 1, InputLog.MODEL,
                new InputLog.Params(80));
        TsodyksMarkram stp = new TsodyksMarkram(0.5, 100, 50);
        b.connect("forth", src, log, Rules.allToAll(), Synapses.excitatory(2).delayMs(1.0).shortTermPlasticity(stp));
        b.connect("recurrent", log, log, Rules.allToAll(), Synapses.excitatory(2).delayMs(1.0)
                .shortTermPlasticity(stp));
        try (Engine e = new Engine(b.build(), EngineOptions.grid(1))) {
            e.run(80 * DT);
        }
        for (int step = 0; step < 80; step++) {
            double expected = step == 19 ? 1 : step == 69 ? 0.7616270026613583 : 0;
            assertEquals(expected, log.state().excitatory[step][0], 1e-12, "step " + step);
        }
    }

    /**
     * With a plastic projection, a spike delivers the weight a listener has set when it saw the spike,
     * times the factor: the listener doubles the weight at every spike of the source, so jump
     * {@code n} is {@code w 2^(n+1) u_n x_n}.
     */
    @Test
    void plasticWeightsAreDeliveredTimesTheFactor() {
        double[] times = {5.0, 15.0, 15.0, 40.0};
        TsodyksMarkram stp = new TsodyksMarkram(0.4, 50, 30);
        NetworkBuilder b = new NetworkBuilder(DT);
        Population<?, ?> src = b.population("src", 1, SpikeTimes.MODEL, new SpikeTimes.Params(new double[][] {times}));
        Population<?, ?> t = b.population("t", 1, LifDelta.MODEL, SILENT);
        b.connect("plastic", src, t, Rules.allToAll(), Synapses.excitatory(1).delayMs(1.0).asPlastic()
                .shortTermPlasticity(stp));
        Network net = b.build();
        float[] weights = net.projection("plastic").weights();
        SpikeListener doubling = (population, neuron, timeMs) -> {
            if (population == src) {
                weights[0] *= 2;
            }
        };
        double[] f = ShortTermTrain.factors(times, 0.4, 50, 30);
        try (Engine e = new Engine(net, EngineOptions.grid(1))) {
            StateRecorder r = e.recordState(t, "v", null, DT);
            e.addListener(doubling);
            e.run(60);
            double decay = Math.exp(-DT / TAU_M);
            double weight = 1;
            int shown = 0;
            for (int n = 0; n < times.length; n++) {
                weight *= 2;
                if (n + 1 < times.length && times[n + 1] == times[n]) {
                    continue;   // two spikes arrive together: their jumps are summed below
                }
                int k = (int) Math.round((times[n] + 1.0) / DT) - 1;
                double jump = r.value(k, 0) - r.value(k - 1, 0) * decay;
                double expected = 0;
                for (int m = shown; m <= n; m++) {
                    expected += Math.pow(2, m + 1) * f[m];
                }
                shown = n + 1;
                assertEquals(expected, jump, 1e-9, "jump at " + times[n] + " ms");
            }
        }
    }

    /**
     * A later engine goes on from the short-term state the earlier one left, on the network's clock:
     * the first engine runs 100 ms with spikes at 10 and 30 ms; the spike source's next time, 150 ms,
     * is on the second engine's clock, 250 ms on the network's, 220 ms after the last spike.
     */
    @Test
    void aLaterEngineContinuesTheStateOnTheNetworksClock() {
        double[] times = {10.0, 30.0, 150.0};
        NetworkBuilder b = new NetworkBuilder(DT);
        Population<?, ?> src = b.population("src", 1, SpikeTimes.MODEL, new SpikeTimes.Params(new double[][] {times}));
        Population<?, ?> t = b.population("t", 1, LifDelta.MODEL, SILENT);
        b.connect("stp", src, t, Rules.allToAll(), Synapses.excitatory(2).delayMs(1.0)
                .shortTermPlasticity(new TsodyksMarkram(0.5, 300, 100)));
        Network net = b.build();
        try (Engine first = new Engine(net, EngineOptions.grid(1))) {
            first.run(100);
        }
        double[] f = ShortTermTrain.factors(new double[] {10, 30, 250}, 0.5, 300, 100);
        try (Engine second = new Engine(net, EngineOptions.grid(2))) {
            StateRecorder r = second.recordState(t, "v", null, DT);
            second.run(160);
            int k = (int) Math.round(151.0 / DT) - 1;
            double jump = r.value(k, 0) - r.value(k - 1, 0) * Math.exp(-DT / TAU_M);
            assertEquals(2 * f[2], jump, 1e-9);
        }
    }
}
