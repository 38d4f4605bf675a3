package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.engram.simulator.model.LifExp;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.monitor.StateRecorder;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Poisson input reaches the receptor it names, and only that one: into lif_exp neurons whose
 * excitatory and inhibitory currents decay with different time constants, the other current stays
 * exactly 0, and the named one has the mean of shot noise (Campbell's theorem). With the two time
 * constants equal, or into lif_delta, the receptor could be swapped unnoticed.
 */
class PoissonReceptorTest {
    private static final double DT = 0.1;
    private static final int NEURONS = 400;
    private static final double RATE_KHZ = 5;
    private static final double WEIGHT_PA = 10;
    private static final double TAU_EX = 2;
    private static final double TAU_IN = 5;
    private static final double RUN_MS = 20;

    /**
     * The mean and variance of {@code sum w exp(-(T - t_j)/tau)} over events at rate r in [0, T]:
     * precise mode, {@code r w tau (1 - exp(-T/tau))} and {@code r w^2 tau / 2 (1 - exp(-2T/tau))}; grid
     * mode adds each step's count at its end and decays by {@code q = exp(-dt/tau)} per step, so after n
     * steps {@code r dt w (1 - q^n) / (1 - q)} and {@code r dt w^2 (1 - q^2n) / (1 - q^2)}.
     */
    private static double[] shotNoise(Mode mode, double w, double tau) {
        if (mode == Mode.PRECISE) {
            return new double[] {RATE_KHZ * w * tau * (1 - Math.exp(-RUN_MS / tau)),
                RATE_KHZ * w * w * tau / 2 * (1 - Math.exp(-2 * RUN_MS / tau))};
        }
        double q = Math.exp(-DT / tau);
        double n = RUN_MS / DT;
        return new double[] {RATE_KHZ * DT * w * (1 - Math.pow(q, n)) / (1 - q),
            RATE_KHZ * DT * w * w * (1 - Math.pow(q, 2 * n)) / (1 - q * q)};
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void poissonInputFeedsOnlyTheReceptorItNames(Mode mode) {
        NetworkBuilder b = new NetworkBuilder(DT).seed(3);
        // A threshold out of reach: the currents are all there is to see.
        LifExp.Params params = new LifExp.Params(10, 250, -70, 1000, -70, 2, 0, TAU_EX, TAU_IN);
        Population<?, ?> exc = b.population("exc", NEURONS, LifExp.MODEL, params);
        Population<?, ?> inh = b.population("inh", NEURONS, LifExp.MODEL, params);
        b.poissonInput(exc, RATE_KHZ * 1000, WEIGHT_PA, Receptor.EXCITATORY);
        b.poissonInput(inh, RATE_KHZ * 1000, -WEIGHT_PA, Receptor.INHIBITORY);
        int[] all = new int[NEURONS];
        for (int i = 0; i < NEURONS; i++) {
            all[i] = i;
        }
        double[][] last = new double[4][];
        try (Engine e = new Engine(b.build(), new EngineOptions(1, mode))) {
            StateRecorder[] r = {e.recordState(exc, "i_syn_ex", all, RUN_MS),
                e.recordState(exc, "i_syn_in", all, RUN_MS), e.recordState(inh, "i_syn_ex", all, RUN_MS),
                e.recordState(inh, "i_syn_in", all, RUN_MS)};
            e.run(RUN_MS);
            for (int k = 0; k < 4; k++) {
                last[k] = new double[NEURONS];
                for (int i = 0; i < NEURONS; i++) {
                    last[k][i] = r[k].trace(i)[0];
                }
            }
        }
        for (int i = 0; i < NEURONS; i++) {
            assertEquals(0.0, last[1][i], 0.0, "inhibitory current of excitatory input's neuron " + i);
            assertEquals(0.0, last[2][i], 0.0, "excitatory current of inhibitory input's neuron " + i);
        }
        assertMean(last[0], shotNoise(mode, WEIGHT_PA, TAU_EX), "excitatory current");
        assertMean(last[3], shotNoise(mode, -WEIGHT_PA, TAU_IN), "inhibitory current");
    }

    /** The mean over the neurons, whose sd is sqrt(variance / N), within 5 of those (a chance of 6e-7 outside). */
    private static void assertMean(double[] currents, double[] meanAndVariance, String what) {
        double sum = 0;
        for (double c : currents) {
            sum += c;
        }
        assertEquals(meanAndVariance[0], sum / currents.length, 5 * Math.sqrt(meanAndVariance[1] / currents.length),
                what);
    }
}
