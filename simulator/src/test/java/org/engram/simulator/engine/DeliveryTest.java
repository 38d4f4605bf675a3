package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.distribution.EnumeratedRealDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.engram.simulator.input.CurrentSource;
import org.engram.simulator.input.SpikeTimes;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.LifExp;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.monitor.StateRecorder;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Projection;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.Rules;
import org.engram.simulator.random.Purpose;
import org.engram.simulator.random.RandomStreams;
import org.engram.simulator.random.SplitMixRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Spikes reach every target exactly once, exactly one delay after they were emitted. */
class DeliveryTest {
    private static final double DT = 0.1;
    private static final int STEPS = 400;

    /** 17 threads: more workers than 16, the spacing of the per-worker event counters. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 17})
    void everySpikeReachesEveryTargetOnceAtItsDelay(int threads) {
        assertEveryArrival(threads, 37, STEPS, 250, 6.0);
    }

    /**
     * Past 65,536 target neurons a projection stores its targets as {@code int}s rather than 16 bits
     * ({@link Projection#wideTargets()}), which the engine delivers through a loop of their own:
     * the same check, onto 65,600 neurons, with spikes and delays short enough that the log of every
     * neuron's input at every step stays small.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void spikesReachTargetsPast16BitIndicesOnceAtTheirDelay(int threads) {
        assertEveryArrival(threads, 65_600, 50, 10, 2.0);
    }

    /**
     * Sends random spikes from 60 sources into a log of every target's input at every step, through
     * a projection of drawn delays, one of drawn weights and one delay, and ones of one weight and
     * one delay, and compares the log with the sums built here from the projections' rows.
     *
     * @param lastSpikeStep the last step a source may spike at
     * @param maxDelayMs    the longest drawn delay; every spike must arrive within {@code steps}
     */
    private static void assertEveryArrival(int threads, int targets, int steps, int lastSpikeStep,
                                           double maxDelayMs) {
        int sources = 60;
        SplitMixRandom rng = RandomStreams.of(7, Purpose.TASK, 0);
        double[][] times = new double[sources][];
        for (int i = 0; i < sources; i++) {
            // The last source fires at least once: its row ends the projection's arrays, where a read
            // one synapse too far fails.
            int n = i == sources - 1 ? 1 + rng.nextInt(7) : rng.nextInt(8);
            times[i] = new double[n];
            for (int k = 0; k < n; k++) {
                // Spike times on the grid, well before the end so every delay fits.
                times[i][k] = (1 + rng.nextInt(lastSpikeStep)) * DT;
            }
            java.util.Arrays.sort(times[i]);
        }
        NetworkBuilder b = new NetworkBuilder(DT).seed(11);
        Population<?, ?> src = b.population("src", sources, SpikeTimes.MODEL, new SpikeTimes.Params(times));
        Population<InputLog.Params, InputLog.State> log = b.population("log", targets, InputLog.MODEL,
                new InputLog.Params(steps));
        // Weight 1 on one projection, -1 on the others, quarters on one: input sums count arrivals.
        b.connect("exc", src, log, Rules.fixedProbability(0.3),
                Synapses.excitatory(1).delays(new UniformRealDistribution(new SplitMixRandom(0), 0.1, maxDelayMs)));
        b.connect("inh", src, log, Rules.fixedOutDegree(5),
                Synapses.inhibitory(-1).delayMs(2.0));
        // Weights in quarters: every sum of a few of them is exact, whatever the order of its terms.
        b.connect("exc-drawn", src, log, Rules.fixedOutDegree(4), Synapses.excitatory(1).delayMs(1.5)
                .weights(new EnumeratedRealDistribution(new SplitMixRandom(1), new double[] {0.25, 0.5, 1.75},
                        new double[] {0.3, 0.3, 0.4})));
        // Only the last source, onto 16 targets: the other rows are empty, and with one thread the
        // last one is a whole cache line of wide (int) targets that ends the array, where reading
        // up to the row's end inclusive fails.
        int[] lastSource = new int[16];
        int[] spread = new int[16];
        for (int k = 0; k < 16; k++) {
            lastSource[k] = sources - 1;
            spread[k] = k * (targets / 16);
        }
        b.connect("inh-last", src, log, Rules.explicit(lastSource, spread), Synapses.inhibitory(-1).delayMs(2.0));
        b.current(CurrentSource.pulse(log, new int[] {3}, 1.0, 2.0, 5.0));
        Network net = b.build();

        double[][] expectedEx = new double[steps][targets];
        double[][] expectedIn = new double[steps][targets];
        long expectedEvents = 0;
        for (Projection p : net.projections()) {
            double[][] expected = p.receptor() == Receptor.EXCITATORY ? expectedEx : expectedIn;
            for (int s = 0; s < sources; s++) {
                // Each spike is one event at every synapse of its row.
                expectedEvents += (long) times[s].length * (p.rowStart()[s + 1] - p.rowStart()[s]);
                for (double t : times[s]) {
                    int stamp = (int) Math.round(t / DT);
                    for (int k = p.rowStart()[s]; k < p.rowStart()[s + 1]; k++) {
                        // Arrives at time stamp + delay, i.e. at the end of the target's step stamp + delay - 1.
                        expected[stamp + p.delaySteps(k) - 1][p.target(k)] += p.weight(k);
                    }
                }
            }
        }
        try (Engine e = new Engine(net, EngineOptions.grid(threads).withMinParallelNeuronSteps(0))) {
            SpikeRecorder r = e.recordSpikes(src);
            e.run(steps * DT);
            assertEquals(java.util.Arrays.stream(times).mapToInt(a -> a.length).sum(), r.count());
            // The last spike is delivered before the run ends, so every one is counted.
            assertEquals(expectedEvents, e.synapticEvents(), "synaptic events, summed over the workers");
        }
        InputLog.State s = log.state();
        for (int step = 0; step < steps; step++) {
            for (int i = 0; i < targets; i++) {
                assertEquals(expectedEx[step][i], s.excitatory[step][i], 0.0,
                        "excitatory step " + step + " target " + i);
                assertEquals(expectedIn[step][i], s.inhibitory[step][i], 0.0,
                        "inhibitory step " + step + " target " + i);
                // The pulse is on during the steps that start in [1.0, 2.0) ms.
                double current = i == 3 && step >= 10 && step < 20 ? 5.0 : 0.0;
                assertEquals(current, s.current[step][i], 0.0, "current step " + step + " target " + i);
            }
        }
    }

    /**
     * A slice whose spikes exactly fill the arrays the spike exchange starts with (1,024), and one of
     * three times as many, which they grow for: 1,024 (then 3,072) sources fire together at 0.5 ms
     * (then 1.5 ms), one to one onto a log, weight 1 and delay 1 ms (10 steps, the slice). Each target
     * must log 1 at steps 14 and 24 (arrival at the end of step stamp + delay - 1: 5 + 10 - 1 and
     * 15 + 10 - 1), and nothing else.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void slicesThatFillAndOutgrowTheExchangeAreDeliveredWhole(int threads) {
        int sources = 3 * 1024;
        double[][] times = new double[sources][];
        for (int i = 0; i < sources; i++) {
            times[i] = i < 1024 ? new double[] {0.5, 1.5} : new double[] {1.5};
        }
        NetworkBuilder b = new NetworkBuilder(DT);
        Population<?, ?> src = b.population("src", sources, SpikeTimes.MODEL, new SpikeTimes.Params(times));
        Population<InputLog.Params, InputLog.State> log = b.population("log", sources, InputLog.MODEL,
                new InputLog.Params(30));
        b.connect("one-to-one", src, log, Rules.oneToOne(), Synapses.excitatory(1).delayMs(1.0));
        try (Engine e = new Engine(b.build(), EngineOptions.grid(threads).withMinParallelNeuronSteps(0))) {
            e.run(30 * DT);
            assertEquals(1024 + sources, e.synapticEvents());
        }
        for (int i = 0; i < sources; i++) {
            for (int step = 0; step < 30; step++) {
                double expected = step == 14 && i < 1024 || step == 24 ? 1 : 0;
                assertEquals(expected, log.state().excitatory[step][i], 0.0, "step " + step + " target " + i);
            }
        }
    }

    @Test
    void preciseSpikeArrivesExactlyOneDelayLater() {
        double spikeMs = 1.234567;
        double delayMs = 1.5;
        NetworkBuilder b = new NetworkBuilder(DT);
        Population<?, ?> src = b.population("src", 1, SpikeTimes.MODEL,
                new SpikeTimes.Params(new double[][] {{spikeMs}}));
        // A jump far above threshold makes the target fire at the arrival time itself.
        Population<?, ?> target = b.population("target", 1, LifDelta.MODEL, LifDelta.MODEL.defaults());
        b.connect("s->t", src, target, Rules.allToAll(), Synapses.excitatory(100).delayMs(delayMs));
        try (Engine e = new Engine(b.build(), EngineOptions.precise(1))) {
            SpikeRecorder r = e.recordSpikes(target);
            e.run(10);
            assertEquals(1, r.count());
            // spike + delay is computed as step * dt + offset in the engine: exact up to rounding.
            assertEquals(spikeMs + delayMs, r.timesMs()[0], 1e-12);
        }
    }

    /**
     * Precise mode queues a spike as an event of the receptor its projection names: one spike at
     * 1.234567 ms through an inhibitory projection (weight -3 pA, delay 1.5 ms) into a LIF neuron
     * with current synapses and a threshold out of reach leaves, at 10 ms, no excitatory current and
     * the inhibitory jump decayed since its arrival: -3 exp(-(10 - 2.734567) / 5) pA.
     */
    @Test
    void preciseInhibitorySpikeFeedsOnlyTheInhibitoryCurrent() {
        NetworkBuilder b = new NetworkBuilder(DT);
        Population<?, ?> src = b.population("src", 1, SpikeTimes.MODEL,
                new SpikeTimes.Params(new double[][] {{1.234567}}));
        // tau_ex 2 ms, tau_in 5 ms: the receptors differ in how their current decays.
        Population<?, ?> target = b.population("target", 1, LifExp.MODEL,
                new LifExp.Params(10, 250, -70, 1000, -70, 2, 0, 2, 5));
        b.connect("inh", src, target, Rules.allToAll(), Synapses.inhibitory(-3).delayMs(1.5));
        try (Engine e = new Engine(b.build(), EngineOptions.precise(1))) {
            StateRecorder in = e.recordState(target, "i_syn_in", new int[] {0}, 10);
            StateRecorder ex = e.recordState(target, "i_syn_ex", new int[] {0}, 10);
            e.run(10);
            assertEquals(0.0, ex.trace(0)[0], 0.0, "excitatory current");
            // The exponential is the only rounding: a relative 1e-12 is ample.
            double expected = -3 * Math.exp(-(10 - (1.234567 + 1.5)) / 5);
            assertEquals(expected, in.trace(0)[0], 1e-12 * Math.abs(expected), "inhibitory current");
        }
    }

    @Test
    void gridSourceSpikeOnTheGridKeepsItsTime() {
        NetworkBuilder b = new NetworkBuilder(DT);
        Population<?, ?> src = b.population("src", 2, SpikeTimes.MODEL,
                new SpikeTimes.Params(new double[][] {{0.3, 0.7, 2.0}, {1.05}}));
        try (Engine e = new Engine(b.build(), EngineOptions.grid(1))) {
            SpikeRecorder r = e.recordSpikes(src);
            e.run(5);
            // On-grid times are kept; 1.05 ms lies inside step 10 and is emitted at its end, 1.1 ms.
            assertEquals(0.3, r.timesMs()[0], 1e-12);
            assertEquals(0.7, r.timesMs()[1], 1e-12);
            assertEquals(1.1, r.timesMs()[2], 1e-12);
            assertEquals(2.0, r.timesMs()[3], 1e-12);
        }
    }

    @Test
    void uniformInitialDrawsStayInRange() {
        NetworkBuilder b = new NetworkBuilder(DT);
        Population<?, ?> p = b.population("p", 100, LifDelta.MODEL, LifDelta.MODEL.defaults());
        b.initialise(p, "v", new UniformRealDistribution(new SplitMixRandom(0), -70, -60));
        b.build();
        for (double v : p.state().values("v")) {
            org.junit.jupiter.api.Assertions.assertTrue(v >= -70 && v < -60, "v = " + v);
        }
    }

    @Test
    void staircaseCurrentHoldsEachAmplitudeFromItsChangeStep() {
        // Changes at 0, 0.3, 0.5, 1.2 ms (steps 0, 3, 5, 12) to 1, 2, 0, 7 pA; two sources add up
        // on neuron 1. Expected per step by hand: the last change at or before the step holds.
        NetworkBuilder b = new NetworkBuilder(DT);
        Population<InputLog.Params, InputLog.State> log = b.population("log", 3, InputLog.MODEL,
                new InputLog.Params(20));
        b.current(new CurrentSource(log, null, new double[] {0, 0.3, 0.5, 1.2}, new double[] {1, 2, 0, 7}));
        b.current(CurrentSource.pulse(log, new int[] {1}, 0.4, 0.6, 10));
        try (Engine e = new Engine(b.build(), EngineOptions.grid(2).withMinParallelNeuronSteps(0))) {
            e.run(20 * DT);
        }
        for (int step = 0; step < 20; step++) {
            double stair = step < 3 ? 1 : step < 5 ? 2 : step < 12 ? 0 : 7;
            for (int i = 0; i < 3; i++) {
                double pulse = i == 1 && step >= 4 && step < 6 ? 10 : 0;
                assertEquals(stair + pulse, log.state().current[step][i], 0.0, "step " + step + " neuron " + i);
            }
        }
    }
}
