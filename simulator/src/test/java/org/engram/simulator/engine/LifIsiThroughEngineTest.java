package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.engram.simulator.ParameterException;
import org.engram.simulator.model.LifAnalytic;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A LIF neuron driven by a constant bias current fires with the analytic inter-spike interval. */
class LifIsiThroughEngineTest {
    private static final LifDelta.Params CELL = LifAnalytic.CELL;
    private static final double I_E = 500.0;

    private static double analyticIsi() {
        return LifAnalytic.isiMs(LifAnalytic.cellWithBias(I_E), 0);
    }

    private static double[] spikeTimes(Mode mode, double dt) {
        return spikeTimes(mode, dt, CELL.tRef());
    }

    private static double[] spikeTimes(Mode mode, double dt, double tRef) {
        NetworkBuilder b = new NetworkBuilder(dt);
        Population<LifDelta.Params, LifDelta.State> p = b.population("n", 1, LifDelta.MODEL,
                new LifDelta.Params(CELL.tauM(), CELL.cM(), CELL.eL(), CELL.vTh(), CELL.vReset(), tRef, I_E));
        Network net = b.build();
        try (Engine e = new Engine(net, new EngineOptions(1, mode))) {
            SpikeRecorder r = e.recordSpikes(p);
            e.run(200.0);
            return r.timesMs();
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void isiMatchesAnalyticFormula(Mode mode) {
        double dt = 0.1;
        double[] t = spikeTimes(mode, dt);
        double expected = analyticIsi();
        assertTrue(t.length > 10, "expected regular firing, got " + t.length + " spikes");
        // Grid: each spike is late by less than one step, so an interval is off by less than dt.
        // Precise: the crossing time is a closed form; 1e-9 ms allows rounding over 200 ms.
        double tolerance = mode == Mode.GRID ? dt : 1e-9;
        for (int k = 1; k < t.length; k++) {
            assertEquals(expected, t[k] - t[k - 1], tolerance, "interval " + k);
        }
    }

    /** Precise mode ends refractoriness at its exact time: t_ref 0.25 ms at dt = 0.1 ms (grid mode refuses it). */
    @Test
    void preciseModeTakesARefractoryPeriodOffTheGrid() {
        double[] t = spikeTimes(Mode.PRECISE, 0.1, 0.25);
        double expected = analyticIsi() - CELL.tRef() + 0.25;
        assertTrue(t.length > 10, "expected regular firing, got " + t.length + " spikes");
        for (int k = 1; k < t.length; k++) {
            assertEquals(expected, t[k] - t[k - 1], 1e-9, "interval " + k);
        }
        assertThrows(ParameterException.class, () -> spikeTimes(Mode.GRID, 0.1, 0.25));
    }

    @Test
    void firstPreciseSpikeIsTheChargingTime() {
        double[] t = spikeTimes(Mode.PRECISE, 0.1);
        double ri = CELL.resistance() * I_E;
        // From V = E_L at t = 0: t1 = tau_m ln(R I / (R I - (V_th - E_L))).
        assertEquals(CELL.tauM() * Math.log(ri / (ri - (CELL.vTh() - CELL.eL()))), t[0], 1e-9);
    }
}
