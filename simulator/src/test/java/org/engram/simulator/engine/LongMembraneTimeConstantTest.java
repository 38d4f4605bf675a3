package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.LifExp;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A LIF neuron with a membrane time constant far beyond the run (a near-perfect integrator) fires
 * in precise mode at the analytic times: from rest, t1 = -tau_m ln(1 - (V_th - E_L) / (R I)), which
 * tends to C (V_th - E_L) / I = 37.5 ms, then every t_ref + t1. Precise mode had fired lif_delta at
 * once (its log's ratio rounded to 1) and never fired lif_exp (its relaxation rounded to nothing)
 * at tau_m = 1e18 ms, and missed by 0.02 ms at 1e15.
 */
class LongMembraneTimeConstantTest {
    private static final double C_M = 250;
    private static final double I_E = 100;
    private static final double THETA = 15;
    private static final double T_REF = 2;

    @ParameterizedTest(name = "{0}, tau_m {1} ms")
    @CsvSource({"lif_delta, 1e6", "lif_delta, 1e12", "lif_delta, 1e15", "lif_delta, 1e18",
        "lif_exp, 1e6", "lif_exp, 1e12", "lif_exp, 1e15", "lif_exp, 1e18"})
    void firesAtTheAnalyticTimes(String model, double tauM) {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = model.equals("lif_delta")
                ? b.population("n", 1, LifDelta.MODEL, new LifDelta.Params(tauM, C_M, -70, -55, -70, T_REF, I_E))
                : b.population("n", 1, LifExp.MODEL, new LifExp.Params(tauM, C_M, -70, -55, -70, T_REF, I_E, 5, 10));
        double[] t;
        try (Engine e = new Engine(b.build(), new EngineOptions(1, Mode.PRECISE))) {
            SpikeRecorder r = e.recordSpikes(p);
            e.run(200);
            t = r.timesMs();
        }
        double charging = -tauM * Math.log1p(-THETA / (tauM / C_M * I_E));
        assertEquals(37.5, charging, 1e-3, "the limit of a perfect integrator");
        assertEquals((int) ((200 + T_REF) / (T_REF + charging)), t.length, "spikes in 200 ms");
        for (int k = 0; k < t.length; k++) {
            assertEquals(k * T_REF + (k + 1) * charging, t[k], 1e-9, "spike " + k);
        }
    }
}
