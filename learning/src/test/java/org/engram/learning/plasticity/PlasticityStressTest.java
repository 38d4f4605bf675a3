package org.engram.learning.plasticity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.engine.Mode;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.event.SpikeListener;
import org.engram.simulator.input.PoissonSource;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.LifExp;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.monitor.SpikeTrainDigest;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Projection;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.Rules;
import org.engram.simulator.random.SplitMixRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random small networks with every shipped synaptic rule at once (pair STDP of a random variant on
 * the input, triplet STDP on the recurrent excitation, Vogels-Sprekeler on the inhibition,
 * reward-modulated STDP on a second input, rewarded between runs): 1, 2, 3 and 4 threads, and the same
 * duration split into random runs, give bit-identical spike trains and final weights, in grid and
 * precise mode; the rules are shown every spike once, in the order the listener contract promises;
 * and the pair rule's final weights match a second method, a replay of the recorded spike trains
 * through the rule's formula with each pair's contribution summed directly.
 */
class PlasticityStressTest {
    private static final double DT = 0.1;
    private static final int STEPS = 1500;   // 150 ms

    /** One random case: its seed and mode. */
    record Case(long seed, Mode mode) {
        @Override
        public String toString() {
            return mode + " seed " + seed;
        }
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (long seed = 1; seed <= 4; seed++) {
            cases.add(new Case(seed, Mode.GRID));
            cases.add(new Case(seed + 100, Mode.PRECISE));
        }
        return cases;
    }

    /** What a case's network and rules are, drawn from its seed. */
    private record Shape(int inputs, double inputHz, int exc, int inh, double driveHz, double inputP, double maxDelayMs,
                         PairStdp.Params pair) {
        static Shape of(long seed) {
            Random r = new Random(seed);
            // The variant from the seed's last bits, so that the four seeds of each mode cover all four.
            WeightDependence dependence = WeightDependence.values()[(int) (seed % 2)];
            Pairing pairing = Pairing.values()[(int) (seed / 2 % 2)];
            PairStdp.Params pair = new PairStdp.Params(0.005 + 0.02 * r.nextDouble(), 0.005 + 0.02 * r.nextDouble(),
                    10 + 20 * r.nextDouble(), 10 + 20 * r.nextDouble(), 0, 1, dependence, pairing);
            return new Shape(5 + r.nextInt(30), 10 + 30 * r.nextDouble(), 20 + r.nextInt(250), 5 + r.nextInt(40),
                    6500 + 2500 * r.nextDouble(), 0.1 + 0.3 * r.nextDouble(), 0.2 + 3 * r.nextDouble(), pair);
        }
    }

    private static Network network(long seed, Shape s) {
        NetworkBuilder b = new NetworkBuilder(DT).seed(seed);
        Population<?, ?> in = b.population("in", s.inputs(), PoissonSource.MODEL,
                new PoissonSource.Params(s.inputHz()));
        Population<?, ?> cue = b.population("cue", 8, PoissonSource.MODEL, new PoissonSource.Params(30));
        Population<?, ?> exc = b.population("exc", s.exc(), LifDelta.MODEL, new LifDelta.Params(20, 250, 0, 20, 10, 2,
                0));
        Population<?, ?> inh = b.population("inh", s.inh(), LifExp.MODEL,
                new LifExp.Params(10, 250, -65, -50, -65, 2, 300, 2, 5));
        b.connect("in->exc", in, exc, Rules.fixedProbability(s.inputP()), Synapses.excitatory(0)
                .weights(new UniformRealDistribution(new SplitMixRandom(0), 0.05, 0.6))
                .delays(new UniformRealDistribution(new SplitMixRandom(0), DT, s.maxDelayMs())).asPlastic());
        b.connect("cue->exc", cue, exc, Rules.fixedProbability(0.3), Synapses.excitatory(0.3).delayMs(0.5)
                .asPlastic());
        b.connect("exc->exc", exc, exc, Rules.fixedInDegree(5), Synapses.excitatory(0.2).delayMs(1.5).asPlastic());
        b.connect("exc->inh", exc, inh, Rules.fixedProbability(0.2), Synapses.excitatory(40).delayMs(0.8));
        b.connect("inh->exc", inh, exc, Rules.fixedInDegree(3), Synapses.inhibitory(-0.5)
                .delays(new UniformRealDistribution(new SplitMixRandom(0), DT, 2)).asPlastic());
        b.poissonInput(exc, s.driveHz(), 0.15, Receptor.EXCITATORY);
        b.poissonInput(inh, 2000, 20, Receptor.EXCITATORY);
        b.initialise(exc, "v", new UniformRealDistribution(new SplitMixRandom(0), 0, 20));
        return b.build();
    }

    private record Outcome(String hash, long spikes, float[][] weights, float[] initialPair, SpikeRecorder in,
                           SpikeRecorder exc, Projection pair) {
    }

    /** Runs the case for {@link #STEPS} steps in the given runs (in steps), rewarding after each run. */
    private static Outcome run(Case c, int threads, int[] runs) {
        Shape s = Shape.of(c.seed());
        Network net = network(c.seed(), s);
        List<Projection> plastic = List.of(net.projection("in->exc"), net.projection("exc->exc"),
                net.projection("inh->exc"), net.projection("cue->exc"));
        float[] initialPair = plastic.get(0).weights().clone();
        SpikeTrainDigest digest = new SpikeTrainDigest(DT);
        RewardStdp reward = new RewardStdp(plastic.get(3), new RewardStdp.Params(1, 1.05, 20, 20, 100, 0.05, 0, 1));
        ContractCheck contract = new ContractCheck();
        try (Engine e = new Engine(net, new EngineOptions(threads, c.mode()).withMinParallelNeuronSteps(0))) {
            e.addListener(contract);
            e.addListener(new PairStdp(plastic.get(0), s.pair()));
            e.addListener(new TripletStdp(plastic.get(1), TripletStdp.Params.visualCortex()));
            e.addListener(new VogelsSprekeler(plastic.get(2), new VogelsSprekeler.Params(20, 0.01, 0.2, 2)));
            e.addListener(reward);
            e.addObserver(digest);
            SpikeRecorder in = e.recordSpikes(net.population("in"));
            SpikeRecorder exc = e.recordSpikes(net.population("exc"));
            int done = 0;
            for (int steps : runs) {
                e.run(steps * DT);
                done += steps;
                reward.reward(done % 2 == 0 ? 1 : -0.5, e.timeMs());
            }
            assertEquals(null, contract.problem, c + ", " + threads + " threads: the listener contract");
            assertEquals(e.spikeCount(), contract.shown, c + ": every spike shown once");
            float[][] weights = new float[plastic.size()][];
            for (int p = 0; p < weights.length; p++) {
                weights[p] = plastic.get(p).weights().clone();
            }
            return new Outcome(digest.hex(), e.spikeCount(), weights, initialPair, in, exc, plastic.get(0));
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void sameSpikesAndWeightsForOneToFourThreadsAndSplitRuns(Case c) {
        Outcome one = run(c, 1, new int[] {STEPS / 2, STEPS - STEPS / 2});
        assertTrue(one.exc().count() > 100 && one.in().count() > 20, c + ": the network must be active, saw "
                + one.exc().count() + " excitatory and " + one.in().count() + " input spikes");
        for (int p = 0; p < one.weights().length; p++) {
            assertTrue(changed(one.weights()[p], p == 0 ? one.initialPair() : null), c + ": rule " + p
                    + " must change weights, else equal weights prove nothing");
        }
        for (int threads = 2; threads <= 4; threads++) {
            Outcome other = run(c, threads, new int[] {STEPS / 2, STEPS - STEPS / 2});
            assertEquals(one.hash(), other.hash(), c + ", " + threads + " threads: spike trains differ");
            for (int p = 0; p < one.weights().length; p++) {
                assertArrayEquals(one.weights()[p], other.weights()[p], c + ", " + threads
                        + " threads: weights of rule " + p + " differ");
            }
        }
        // The same two halves, each cut at random whole steps (a reward at the end of each half only,
        // so that the rewards fall where they fell above: rewards elsewhere would change the weights).
        Random r = new Random(c.seed());
        Outcome split = runInPieces(c, r, 2 + r.nextInt(3));
        assertEquals(one.hash(), split.hash(), c + ": a run split in pieces gave other spikes");
        for (int p = 0; p < one.weights().length; p++) {
            assertArrayEquals(one.weights()[p], split.weights()[p], c + ": a split run gave other weights of rule "
                    + p);
        }
        assertPairWeightsMatchReplay(c, one);
    }

    /** Each half of the run cut into {@code pieces} runs of random lengths, rewarded at the half's end only. */
    private static Outcome runInPieces(Case c, Random r, int pieces) {
        Shape s = Shape.of(c.seed());
        Network net = network(c.seed(), s);
        List<Projection> plastic = List.of(net.projection("in->exc"), net.projection("exc->exc"),
                net.projection("inh->exc"), net.projection("cue->exc"));
        SpikeTrainDigest digest = new SpikeTrainDigest(DT);
        RewardStdp reward = new RewardStdp(plastic.get(3), new RewardStdp.Params(1, 1.05, 20, 20, 100, 0.05, 0, 1));
        try (Engine e = new Engine(net, new EngineOptions(1 + r.nextInt(4), c.mode()).withMinParallelNeuronSteps(0))) {
            e.addListener(new PairStdp(plastic.get(0), s.pair()));
            e.addListener(new TripletStdp(plastic.get(1), TripletStdp.Params.visualCortex()));
            e.addListener(new VogelsSprekeler(plastic.get(2), new VogelsSprekeler.Params(20, 0.01, 0.2, 2)));
            e.addListener(reward);
            e.addObserver(digest);
            int done = 0;
            for (int half : new int[] {STEPS / 2, STEPS - STEPS / 2}) {
                int left = half;
                for (int k = 0; k < pieces - 1 && left > 1; k++) {
                    int steps = 1 + r.nextInt(left - 1);
                    e.run(steps * DT);
                    left -= steps;
                }
                e.run(left * DT);
                done += half;
                reward.reward(done % 2 == 0 ? 1 : -0.5, e.timeMs());
            }
            float[][] weights = new float[plastic.size()][];
            for (int p = 0; p < weights.length; p++) {
                weights[p] = plastic.get(p).weights().clone();
            }
            return new Outcome(digest.hex(), e.spikeCount(), weights, null, null, null, null);
        }
    }

    /**
     * Checks the order the listener contract promises: spikes in time order, those of one time in
     * network-wide neuron order (population, then neuron), and {@code afterSpikesAt} once after each
     * instant's spikes, at their time, before any later spike. Records the first breach.
     */
    private static final class ContractCheck implements SpikeListener {
        String problem;
        long shown;
        private double lastMs = Double.NEGATIVE_INFINITY;
        private long lastKey = -1;
        private boolean open;

        @Override
        public void onSpike(Population<?, ?> population, int neuron, double timeMs) {
            long key = ((long) population.index() << 32) | neuron;
            if (open && !TimeGrid.atOrBefore(timeMs, lastMs)) {
                breach("a spike at " + timeMs + " ms before afterSpikesAt(" + lastMs + ")");
            }
            if (timeMs < lastMs || timeMs == lastMs && key < lastKey) {
                breach("spike of " + population.name() + "[" + neuron + "] at " + timeMs + " ms out of order");
            }
            lastMs = timeMs;
            lastKey = key;
            open = true;
            shown++;
        }

        @Override
        public void afterSpikesAt(double timeMs) {
            if (!open || timeMs != lastMs) {
                breach("afterSpikesAt(" + timeMs + ") after the instant of " + lastMs + " ms, open: " + open);
            }
            open = false;
        }

        private void breach(String what) {
            problem = problem == null ? what : problem;
        }
    }

    private static boolean changed(float[] weights, float[] initial) {
        float first = weights.length == 0 ? 0 : weights[0];
        for (int k = 0; k < weights.length; k++) {
            if (initial != null ? weights[k] != initial[k] : weights[k] != first) {
                return true;
            }
        }
        return false;
    }

    /**
     * Replays each synapse of the pair rule's projection from the recorded trains: its source's and
     * target's spikes in time order, those of one instant presynaptic first; at a postsynaptic spike
     * {@code w += A+ f+(w) x}, {@code x} the sum of {@code exp(-(t_post - t_pre) / tau+)} over the
     * presynaptic spikes so far (the latest alone for nearest-neighbour pairing), at a presynaptic
     * spike {@code w -= A- f-(w) y} likewise over the postsynaptic spikes of earlier instants; the
     * weight clipped to the bounds and rounded to a float after each change, as the rule stores it.
     * The rule keeps running traces instead of these sums, so each change differs from the replay's
     * by a few ulps of a double (below 1e-13 relative: a trace is one rounded product per spike, tens
     * of spikes); that moves the float the weight is rounded to only where the exact change falls
     * within 1e-13 of a rounding boundary, one float ulp (at most 6e-8 for weights in [0, 1]) each
     * time. 1e-6 allows 16 such flips in a synapse's 150 ms, where the chance of even one is about
     * 1e-13 / 6e-8 per change.
     */
    private static void assertPairWeightsMatchReplay(Case c, Outcome o) {
        PairStdp.Params p = Shape.of(c.seed()).pair();
        Projection proj = o.pair();
        double[][] pre = byNeuron(o.in(), proj.source().size());
        double[][] post = byNeuron(o.exc(), proj.target().size());
        int[] rowStart = proj.rowStart();
        boolean nearest = p.pairing() == Pairing.NEAREST;
        boolean multiplicative = p.dependence() == WeightDependence.MULTIPLICATIVE;
        int moved = 0;
        for (int s = 0; s < proj.source().size(); s++) {
            for (int k = rowStart[s]; k < rowStart[s + 1]; k++) {
                double[] tPre = pre[s];
                double[] tPost = post[proj.target(k)];
                float w = o.initialPair()[k];
                int i = 0;
                int j = 0;
                while (i < tPre.length || j < tPost.length) {
                    boolean preFirst = j == tPost.length || i < tPre.length && TimeGrid.atOrBefore(tPre[i], tPost[j]);
                    if (preFirst) {
                        double y = 0;
                        for (int q = nearest ? Math.max(0, j - 1) : 0; q < j; q++) {
                            y += Math.exp(-(tPre[i] - tPost[q]) / p.tauMinusMs());
                        }
                        double f = multiplicative ? w - p.wMin() : 1;
                        w = (float) Math.max(p.wMin(), Math.min(p.wMax(), w - p.aMinus() * y * f));
                        i++;
                    } else {
                        double x = 0;
                        for (int q = nearest ? Math.max(0, i - 1) : 0; q < i; q++) {
                            x += Math.exp(-(tPost[j] - tPre[q]) / p.tauPlusMs());
                        }
                        double f = multiplicative ? p.wMax() - w : 1;
                        w = (float) Math.max(p.wMin(), Math.min(p.wMax(), w + p.aPlus() * x * f));
                        j++;
                    }
                }
                moved += w != o.initialPair()[k] ? 1 : 0;
                assertEquals(w, o.weights()[0][k], 1e-6, c + ": pair rule, synapse " + k + " (source " + s
                        + " -> target " + proj.target(k) + ") against the replay of its spike trains");
            }
        }
        assertTrue(moved > 0, c + ": the replay must move some weight");
    }

    /** The recorded spike times of each neuron, in time order. */
    private static double[][] byNeuron(SpikeRecorder r, int size) {
        int[] count = new int[size];
        for (int n : r.neurons()) {
            count[n]++;
        }
        double[][] times = new double[size][];
        for (int i = 0; i < size; i++) {
            times[i] = new double[count[i]];
        }
        int[] filled = new int[size];
        double[] t = r.timesMs();
        int[] n = r.neurons();
        for (int k = 0; k < t.length; k++) {
            times[n[k]][filled[n[k]]++] = t[k];
        }
        return times;
    }
}
