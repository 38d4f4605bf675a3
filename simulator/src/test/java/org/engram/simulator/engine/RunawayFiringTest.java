package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.engram.simulator.EngramException;
import org.engram.simulator.model.LifAnalytic;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;

/**
 * Precise mode without refractoriness: a strong bias current shortens the interval between spikes
 * towards zero. Fast firing within the engine's bound is simulated exactly; beyond it (at 1e15 pA
 * the interval is below the resolution of a time in ms, and the neuron fired at one instant until
 * the heap ran out) the run stops with an error that names the neuron.
 */
class RunawayFiringTest {
    private static final double TAU_M = 10.0;
    private static final double C_M = 250.0;
    private static final double V_TH = 15.0;
    private static final double V_RESET = -2.0;
    private static final double DT = 0.1;

    private static LifDelta.Params params(double biasPa) {
        return new LifDelta.Params(TAU_M, C_M, 0, V_TH, V_RESET, 0, biasPa);
    }

    private static Engine engine(double biasPa) {
        NetworkBuilder b = new NetworkBuilder(DT);
        b.population("n", 1, LifDelta.MODEL, params(biasPa));
        return new Engine(b.build(), new EngineOptions(1, Mode.PRECISE));
    }

    /** tau_m ln((R I - V_reset) / (R I - theta)) with t_ref = 0 and E_L = 0. */
    private static double analyticIsi(double biasPa) {
        return LifAnalytic.isiMs(params(biasPa), 0);
    }

    @Test
    void fastFiringBelowTheBoundIsExact() {
        // R I = 850,000 mV: an interval of 2.0e-4 ms, about 500 spikes per step, half the bound.
        double bias = 2.125e7;
        double isi = analyticIsi(bias);
        assertTrue(DT / isi > 0.4 * ExactAdvance.MAX_CROSSINGS_BETWEEN_EVENTS
                && DT / isi < 0.6 * ExactAdvance.MAX_CROSSINGS_BETWEEN_EVENTS, "spikes per step " + DT / isi);
        try (Engine e = engine(bias)) {
            Population<?, ?> p = e.network().populations().get(0);
            SpikeRecorder r = e.recordSpikes(p);
            e.run(1.0);
            double[] t = r.timesMs();
            // From V = 0 the first crossing is tau_m ln(R I / (R I - theta)), then one per interval.
            double first = TAU_M * Math.log(850_000.0 / (850_000.0 - V_TH));
            assertEquals((int) Math.floor((1.0 - first) / isi) + 1, t.length, 1, "spikes in 1 ms");
            for (int k = 1; k < t.length; k++) {
                // 1e-12 ms: rounding of times near 1 ms over the run, far below the interval.
                assertEquals(isi, t[k] - t[k - 1], 1e-12, "interval " + k);
            }
        }
    }

    @Test
    void endlessFiringIsRefusedNamingTheNeuron() {
        try (Engine e = engine(1e15)) {
            EngramException x = assertThrows(EngramException.class, () -> e.run(10.0));
            assertTrue(x.getMessage().startsWith("population 'n' (model 'lif_delta'): neuron 0: expected at most 1000 "
                    + "spikes of one neuron within a step"), x.getMessage());
            assertTrue(x.getMessage().contains("t_ref > 0"), x.getMessage());
            // A model of one's own that fires without leaving the threshold is told where to look.
            assertTrue(x.getMessage().contains("leave the potential below threshold when it fires"), x.getMessage());
        }
    }

    /**
     * The bound holds as well before an input event: Poisson input of 1 MHz (100 events a step) puts
     * the first event of step 0 some 0.01 ms in, by when the neuron would have fired 10^9 times
     * (every 4e-12 ms). The timeout bounds a neuron that fires without end.
     */
    @Test
    void endlessFiringBeforeAnInputEventIsRefused() {
        NetworkBuilder b = new NetworkBuilder(DT).seed(3);
        Population<?, ?> p = b.population("n", 1, LifDelta.MODEL,
                new LifDelta.Params(TAU_M, C_M, 0, V_TH, V_RESET, 0, 1e15));
        b.poissonInput(p, 1e6, 1e-9, Receptor.EXCITATORY);
        try (Engine e = new Engine(b.build(), new EngineOptions(1, Mode.PRECISE))) {
            EngramException x = assertTimeoutPreemptively(Duration.ofMinutes(2),
                    () -> assertThrows(EngramException.class, () -> e.run(1.0)));
            assertTrue(x.getMessage().startsWith("population 'n' (model 'lif_delta'): neuron 0: expected at most 1000 "
                    + "spikes of one neuron within a step and between two of its input events"), x.getMessage());
        }
    }
}
