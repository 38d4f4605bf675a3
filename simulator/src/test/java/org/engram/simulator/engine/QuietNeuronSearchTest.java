package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.engram.simulator.input.SpikeTimes;
import org.engram.simulator.model.ExactKernel;
import org.engram.simulator.model.ExactPropagation;
import org.engram.simulator.model.Kernel;
import org.engram.simulator.model.LifExp;
import org.engram.simulator.model.NeuronModel;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.Rules;
import org.junit.jupiter.api.Test;

/**
 * Precise mode: a neuron that receives nothing is not searched for threshold crossings once per
 * step, however long it stays quiet, and a crossing long after its last input still fires at the
 * analytic time. A current jump whose peak drive {@code R w} exceeds the threshold makes every
 * search do the full root finding, so a neuron left quiet after one was searched at every step of
 * the silence (10,000 searches for one second), about a thousand times the cost of a neuron that
 * got a smaller jump.
 */
class QuietNeuronSearchTest {
    private static final double DT = 0.1;
    private static final double TAU_M = 10;
    private static final double C_M = 250;
    private static final double R = TAU_M / C_M;

    /** lif_exp whose exact kernel counts its threshold searches. */
    private static final class CountingLifExp implements NeuronModel<LifExp.Params, LifExp.State>,
            ExactPropagation<LifExp.Params, LifExp.State> {
        int searches;

        @Override
        public String name() {
            return "counting_lif_exp";
        }

        @Override
        public Class<LifExp.Params> parametersType() {
            return LifExp.Params.class;
        }

        @Override
        public LifExp.Params defaults() {
            return LifExp.MODEL.defaults();
        }

        @Override
        public LifExp.State newState(int size, LifExp.Params params) {
            return LifExp.MODEL.newState(size, params);
        }

        @Override
        public Kernel<LifExp.State> prepare(LifExp.Params params, TimeGrid grid) {
            return LifExp.MODEL.prepare(params, grid);
        }

        @Override
        public ExactKernel<LifExp.State> prepareExact(LifExp.Params params, TimeGrid grid) {
            return new ForwardingExactKernel<>(LifExp.MODEL.prepareExact(params, grid)) {
                @Override
                public double nextCrossingMs(LifExp.State state, int i, double fromMs, double untilMs) {
                    searches++;
                    return super.nextCrossingMs(state, i, fromMs, untilMs);
                }
            };
        }
    }

    private record Outcome(int searches, double[] spikesMs) {
    }

    /** One input of {@code weight} pA at 1.1 ms into a lif_exp neuron, then silence; runs of the given lengths. */
    private static Outcome oneInput(double tauSynEx, double weight, double... runsMs) {
        CountingLifExp model = new CountingLifExp();
        NetworkBuilder b = new NetworkBuilder(DT).seed(1);
        Population<?, ?> source = b.population("source", 1, SpikeTimes.MODEL,
                new SpikeTimes.Params(new double[][] {{1.0}}));
        Population<?, ?> target = b.population("target", 1, model,
                new LifExp.Params(TAU_M, C_M, -70, -55, -70, 2, 0, tauSynEx, 2));
        b.connect("in", source, target, Rules.allToAll(), Synapses.excitatory(weight).delayMs(DT));
        try (Engine e = new Engine(b.build(), EngineOptions.precise(1))) {
            SpikeRecorder spikes = e.recordSpikes(target);
            for (double ms : runsMs) {
                e.run(ms);
            }
            return new Outcome(model.searches, spikes.timesMs());
        }
    }

    /**
     * 400 pA into tau_syn = 2 ms: R w = 16 mV exceeds the 15 mV threshold distance, but the PSP
     * peaks at w R tau_s / (tau_m - tau_s) (x^(tau_s/(tau_m - tau_s)) - x^(tau_m/(tau_m - tau_s))),
     * x = tau_s / tau_m, about 3.8 mV: the neuron never fires. Looking ahead as far again as the
     * neuron has been quiet needs log2(1000 / 10) = 7 searches past the first 10 ms horizon, plus
     * the few around the input; 40 leaves room for a different schedule and is far below the
     * 10,000 steps of the run.
     */
    @Test
    void quietNeuronIsNotSearchedEveryStep() {
        Outcome quiet = oneInput(2, 400, 1000);
        assertEquals(0, quiet.spikesMs().length, "the PSP stays below threshold");
        assertTrue(quiet.searches() <= 40, "searches in 10,000 quiet steps: " + quiet.searches());
    }

    /**
     * With tau_syn = 200 ms, a 460 pA jump at t0 = 1.1 ms gives
     * V - E_L = w R tau_s / (tau_s - tau_m) (exp(-s/tau_s) - exp(-s/tau_m)), which reaches 15 mV
     * about 21 ms later, past the first 10 ms horizon. Reference: bisection of that closed form. The
     * engine's root search stops at a bracket of 1e-13 ms and the slope there is 0.16 mV/ms, so
     * 1e-9 ms is generous.
     */
    @Test
    void crossingLongAfterTheLastInputFiresAtTheAnalyticTime() {
        double tauS = 200;
        double w = 460;
        double lo = 0;
        double hi = 31;   // the PSP peaks near 31 ms and rises monotonically before
        for (int k = 0; k < 100; k++) {
            double mid = 0.5 * (lo + hi);
            double u = w * R * tauS / (tauS - TAU_M) * (Math.exp(-mid / tauS) - Math.exp(-mid / TAU_M));
            if (u >= 15) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        assertTrue(hi > 15, "the crossing comes long after the input: " + hi);
        Outcome late = oneInput(tauS, w, 300);
        assertTrue(late.spikesMs().length >= 1, "the neuron fires");
        assertEquals(1.1 + hi, late.spikesMs()[0], 1e-9);
        // Searched around the input and each spike, then a logarithmic number of times per silence.
        assertTrue(late.searches() <= 40 * late.spikesMs().length, "searches: " + late.searches());
        // The look-ahead carries over from run to run: pieces give the spike times of one run, bit for bit.
        Outcome pieces = oneInput(tauS, w, 7, 13.3, 100, 179.7);
        assertArrayEquals(late.spikesMs(), pieces.spikesMs(), 0.0);
    }
}
