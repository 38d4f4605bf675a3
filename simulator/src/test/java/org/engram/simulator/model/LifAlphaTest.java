package org.engram.simulator.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.TimeGrid;
import org.junit.jupiter.api.Test;

class LifAlphaTest {
    private static final double DT = 0.1;
    private static final TimeGrid GRID = new TimeGrid(DT);
    private static final double TAU_M = 10;
    private static final double C_M = 250;
    private static final double W = 1000;

    private static LifAlpha.Params params(double vTh, double iE, double tauSynEx, double tauSynIn) {
        return params(TAU_M, vTh, iE, tauSynEx, tauSynIn);
    }

    private static LifAlpha.Params params(double tauM, double vTh, double iE, double tauSynEx, double tauSynIn) {
        return new LifAlpha.Params(tauM, C_M, -70, vTh, -70, 2, iE, tauSynEx, tauSynIn);
    }

    /** The current a weight w makes t after it arrives: w (t / tau_s) e^(1 - t / tau_s), peak w at tau_s. */
    private static double psc(double w, double tauS, double t) {
        return w * t / tauS * Math.exp(1 - t / tauS);
    }

    /** u(t) = V - E_L after a weight w at t = 0, which makes the drive w e / tau_s. */
    private static double psp(double w, double tauS, double t) {
        return psp(TAU_M, w, tauS, t);
    }

    private static double psp(double tauM, double w, double tauS, double t) {
        return AlphaResponse.fromDrive(tauM, C_M, tauS, w * Math.E / tauS, t);
    }

    /**
     * The grid recursion is exact in exact arithmetic, so only rounding separates it from the closed
     * form: a few ulps of |V| = 70 mV per step, below 1e-9 of the smallest potential checked after its
     * first 0.5 ms (the potential starts at 0 with zero slope, so the first steps are compared absolutely).
     */
    private static void assertGridResponse(double tauSynEx, double tauSynIn, DoubleUnaryOperator exc,
                                           DoubleUnaryOperator inh) {
        assertGridResponse(TAU_M, tauSynEx, tauSynIn, exc, inh);
    }

    private static void assertGridResponse(double tauM, double tauSynEx, double tauSynIn, DoubleUnaryOperator exc,
                                           DoubleUnaryOperator inh) {
        LifAlpha.Params p = params(tauM, 100, 0, tauSynEx, tauSynIn);
        LifAlpha.State state = LifAlpha.MODEL.newState(2, p);
        KernelHarness harness = new KernelHarness(2, 1000, DT);
        harness.excitatory(0, 0, W);
        harness.inhibitory(0, 1, -W);
        harness.runStepwise(LifAlpha.MODEL.prepare(p, GRID), state, 0, 1000, step -> {
            double t = step * DT;   // the weight arrives at the end of step 0; after step k the time since is k dt
            if (step == 0) {
                assertEquals(0, state.iSynEx[0], 0, "the weight enters y, not yet the current");
                assertEquals(-70, state.v[0], 0, "nor V");
                return;
            }
            double expectedExc = exc.applyAsDouble(t);
            double expectedInh = -inh.applyAsDouble(t);
            double tolerance = t < 0.5 ? 1e-12 : 1e-9 * Math.abs(expectedExc);
            assertEquals(expectedExc, state.v[0] + 70, tolerance, "excitatory, t = " + t);
            assertEquals(expectedInh, state.v[1] + 70, tolerance, "inhibitory, t = " + t);
            assertEquals(psc(W, tauSynEx, t), state.iSynEx[0], 1e-9 * W, "excitatory current, t = " + t);
            assertEquals(-psc(W, tauSynIn, t), state.iSynIn[1], 1e-9 * W, "inhibitory current, t = " + t);
        });
    }

    @Test
    void theCurrentPeaksAtTheWeightTauSynAfterItArrives() {
        LifAlpha.Params p = params(100, 0, 2, 2);
        LifAlpha.State state = LifAlpha.MODEL.newState(1, p);
        KernelHarness harness = new KernelHarness(1, 100, DT);
        harness.excitatory(0, 0, W);
        double[] current = new double[60];
        harness.runStepwise(LifAlpha.MODEL.prepare(p, GRID), state, 0, 60, step -> current[step] = state.iSynEx[0]);
        int peak = 0;
        for (int k = 1; k < current.length; k++) {
            peak = current[k] > current[peak] ? k : peak;
        }
        assertEquals(20, peak, "2 ms after the weight arrived at the end of step 0");
        assertEquals(W, current[peak], 1e-9);
    }

    @Test
    void responseMatchesTheClosedFormForASynapseFasterThanTheMembrane() {
        assertGridResponse(2, 5, t -> psp(W, 2, t), t -> psp(W, 5, t));
    }

    @Test
    void responseMatchesTheClosedFormForASynapseSlowerThanTheMembrane() {
        assertGridResponse(20, 40, t -> psp(W, 20, t), t -> psp(W, 40, t));
    }

    /**
     * At dt = 0.1 ms the cases above have x = |1/tau_s - 1/tau_m| dt below AlphaCurrent.SERIES_LIMIT, so
     * they take the series; these take the closed forms: x = 0.19 and 0.115 for synapses of 0.5 and
     * 0.8 ms on a 10 ms membrane, and 0.195 for a 20 ms synapse on a 0.5 ms membrane.
     */
    @Test
    void responseMatchesTheClosedFormWherePropagatorsTakeTheirClosedForms() {
        assertGridResponse(0.5, 0.8, t -> psp(W, 0.5, t), t -> psp(W, 0.8, t));
        assertGridResponse(0.5, 20, 20, t -> psp(0.5, W, 20, t), t -> psp(0.5, W, 20, t));
    }

    @Test
    void equalTimeConstantsGiveTheLimit() {
        assertGridResponse(TAU_M, TAU_M, t -> psp(W, TAU_M, t), t -> psp(W, TAU_M, t));
    }

    @Test
    void nearlyEqualTimeConstantsAgreeWithTheLimit() {
        // The exact responses differ from the limit by a relative O(1e-12 t / tau), and neither side cancels.
        assertGridResponse(TAU_M * (1 + 1e-12), TAU_M * (1 - 1e-12), t -> psp(W, TAU_M, t), t -> psp(W, TAU_M, t));
    }

    /**
     * With tau_s = 5 and tau_m = 10 ms, g = |1/tau_s - 1/tau_m| is the double 0.1, so h = 1 ms puts
     * x = g h exactly on AlphaCurrent's switch and h = 1e-7 ms exactly on ExponentialCurrent's
     * (0.1 * 1e-7 == 1e-8 in doubles). The references are the integrals in closed form:
     * P31 = exp(-h / tau_m) (1 - e^-x (1 + x)) / (g^2 C_m), P32 = exp(-h / tau_m) (1 - e^-x) / (g C_m).
     */
    @Test
    void propagatorsAreRightExactlyOnTheirSwitches() {
        double tauS = 5;
        double g = 0.1;
        AlphaCurrent current = new AlphaCurrent(TAU_M, tauS, C_M);
        double h = 1;
        double p31 = Math.exp(-h / TAU_M) * (1 - Math.exp(-g * h) * (1 + g * h)) / (g * g * C_M);
        // 1 - e^-x (1 + x) = 0.0047 loses 1e-16 / 0.0047 = 2e-14 of itself to cancellation.
        assertEquals(p31, current.driveToVoltage(h), 1e-13 * p31);
        assertEquals(p31, current.toVoltage(h, 0, 1), 1e-13 * p31);
        double tiny = 1e-7;
        double p32 = Math.exp(-tiny / TAU_M) * -Math.expm1(-g * tiny) / (g * C_M);
        assertEquals(p32, current.toVoltage(tiny, 1, 0), 1e-14 * p32);
    }

    @Test
    void theSeriesAndTheClosedFormAgreeAroundTheSwitch() {
        for (double tauS : new double[] {2, 20}) {
            AlphaCurrent current = new AlphaCurrent(TAU_M, tauS, C_M);
            double g = Math.abs(1 / tauS - 1 / TAU_M);
            double h = AlphaCurrent.SERIES_LIMIT / g;
            // P31 grows as h^2: the two times apart by 2e-14 of h give values apart by about 4e-14.
            double below = current.driveToVoltage(h * (1 - 1e-14));
            double above = current.driveToVoltage(h * (1 + 1e-14));
            assertEquals(above, below, 1e-13 * above, "tau_s = " + tauS);
        }
        // f(x) / x^2 at x = 1e-3 by its first terms, 1/2 - x/3 + x^2/8 (next term 5e-11 of it), and 1/2 - x/6 + x^2/24.
        double x = 1e-3;
        assertEquals(0.5 - x / 3 + x * x / 8, AlphaCurrent.series(x, true), 1e-10);
        assertEquals(0.5 - x / 6 + x * x / 24, AlphaCurrent.series(x, false), 1e-10);
    }

    @Test
    void constantCurrentGivesTheLifIntervalWithinAStep() {
        LifAlpha.Params p = params(-55, 500, 2, 2);
        LifAlpha.State state = LifAlpha.MODEL.newState(1, p);
        KernelHarness harness = new KernelHarness(1, 10_000, DT);
        harness.run(LifAlpha.MODEL.prepare(p, GRID), state, 0, 10_000);
        LifAnalytic.assertGridIntervals(harness.spikeTimesMs(0), 2 + TAU_M * Math.log(20.0 / 5.0), DT);
    }

    /** A current input of 500 pA gives the spikes of a bias i_e of 500 pA, step for step. */
    @Test
    void anInputCurrentActsAsTheBias() {
        LifAlpha.Params biased = params(-55, 500, 2, 2);
        LifAlpha.Params plain = params(-55, 0, 2, 2);
        LifAlpha.State a = LifAlpha.MODEL.newState(1, biased);
        LifAlpha.State b = LifAlpha.MODEL.newState(1, plain);
        KernelHarness withBias = new KernelHarness(1, 2000, DT);
        KernelHarness withInput = new KernelHarness(1, 2000, DT);
        withInput.current(0, 2000, 0, 500);
        withBias.run(LifAlpha.MODEL.prepare(biased, GRID), a, 0, 2000);
        withInput.run(LifAlpha.MODEL.prepare(plain, GRID), b, 0, 2000);
        assertTrue(withBias.spikeTimesMs(0).length > 10);
        assertArrayEquals(withBias.spikeTimesMs(0), withInput.spikeTimesMs(0));
        assertEquals(a.v[0], b.v[0], 0);
    }

    @Test
    void aRefractoryNeuronHoldsItsResetWhileItsCurrentsGoOn() {
        LifAlpha.Params p = new LifAlpha.Params(TAU_M, C_M, -70, -55, -65, 2, 0, 2, 2);
        LifAlpha.State state = LifAlpha.MODEL.newState(1, p);
        state.v[0] = -54;   // above threshold: fires at the end of step 0
        KernelHarness harness = new KernelHarness(1, 100, DT);
        harness.excitatory(0, 0, W);
        harness.runStepwise(LifAlpha.MODEL.prepare(p, GRID), state, 0, 30, step -> {
            if (step < 20) {
                assertEquals(-65, state.v[0], 0, "held at the reset, step " + step);
            }
            if (step >= 1) {
                assertEquals(psc(W, 2, step * DT), state.iSynEx[0], 1e-9 * W, "step " + step);
            }
        });
        assertEquals(1, harness.spikeTimesMs(0).length);
        assertTrue(state.v[0] > -65, "free again after t_ref, driven by the current");
    }

    @Test
    void invalidParametersAreNamed() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> new LifAlpha.Params(TAU_M, C_M, -70, -55, -70, 2, 0, 0, 2));
        assertTrue(e.getMessage().contains("lif_alpha") && e.getMessage().contains("tau_syn_ex"), e.getMessage());
    }
}
