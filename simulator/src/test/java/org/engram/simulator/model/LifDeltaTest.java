package org.engram.simulator.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.TimeGrid;
import org.junit.jupiter.api.Test;

class LifDeltaTest {
    private static final double DT = 0.1;
    /** Bias 500 pA: R I = 0.04 GOhm * 500 pA = 20 mV above E_L, threshold 15 mV above. */
    private static final LifDelta.Params PARAMS = new LifDelta.Params(10, 250, -70, -55, -70, 2, 500);

    /** {@link LifAnalytic#isiMs}: 2 + 10 ln(20 / 5) ms. */
    private static double analyticIsi(LifDelta.Params p) {
        return LifAnalytic.isiMs(p, 0);
    }

    @Test
    void gridIsiMatchesAnalyticFormulaWithinOneStep() {
        LifDelta.State state = LifDelta.MODEL.newState(1, PARAMS);
        KernelHarness harness = new KernelHarness(1, 10_000, DT);
        harness.run(LifDelta.MODEL.prepare(PARAMS, new TimeGrid(DT)), state, 0, 10_000);
        double[] spikes = harness.spikeTimesMs(0);
        double isi = analyticIsi(PARAMS);
        assertTrue(spikes.length > 50, "expected regular firing, got " + spikes.length + " spikes");
        for (int k = 1; k < spikes.length; k++) {
            double measured = spikes[k] - spikes[k - 1];
            // The clamp lasts exactly t_ref steps and the free evolution restarts on a grid point, so each
            // interval is t_ref plus the crossing time rounded up to the grid: in [T, T + dt]; 1e-9 absorbs
            // the rounding of step * dt.
            assertTrue(measured >= isi - 1e-9 && measured <= isi + DT + 1e-9,
                    "interval " + k + " = " + measured + " ms, analytic " + isi + " ms");
        }
    }

    @Test
    void exactIsiMatchesAnalyticFormula() {
        LifDelta.State state = LifDelta.MODEL.newState(1, PARAMS);
        ExactKernel<LifDelta.State> kernel = LifDelta.MODEL.prepareExact(PARAMS, new TimeGrid(DT));
        double[] spikes = KernelHarness.runExact(kernel, state, 0, 0, 1000, List.of());
        double isi = analyticIsi(PARAMS);
        assertTrue(spikes.length > 50);
        // First spike from rest: tau_m ln(R I / (R I - (V_th - E_L))).
        assertEquals(10 * Math.log(20.0 / 5.0), spikes[0], 1e-9);
        for (int k = 1; k < spikes.length; k++) {
            // Closed-form crossing time: errors are a few ulps of the spike time (< 1e-12 ms at 1000 ms).
            assertEquals(isi, spikes[k] - spikes[k - 1], 1e-9, "interval " + k);
        }
    }

    /**
     * Under a bias alone the exact kernel follows the charging curve {@code V(t) = E_L + R I (1 -
     * exp(-t/tau_m))} toward {@code E_L + R I}, here with 300 pA (12 mV, below the 15 mV threshold).
     * The spike times of {@link #exactIsiMatchesAnalyticFormula} do not show the potential between
     * spikes: firing resets it. Closed form with Math.exp: a few ulps of 70 mV.
     */
    @Test
    void exactPropagationUnderBiasFollowsTheChargingCurve() {
        LifDelta.Params p = new LifDelta.Params(10, 250, -70, -55, -70, 2, 300);
        LifDelta.State state = LifDelta.MODEL.newState(1, p);
        ExactKernel<LifDelta.State> kernel = LifDelta.MODEL.prepareExact(p, new TimeGrid(DT));
        double now = 0;
        for (double t : new double[] {0.37, 1.0, 4.2, 13.0, 40.0}) {
            kernel.propagate(state, 0, now, t);
            now = t;
            assertEquals(-70 + 12 * (1 - Math.exp(-t / 10)), state.v[0], 1e-12, "t = " + t);
        }
    }

    /**
     * A current injected into a precise neuron (what the engine writes from current sources) adds to the bias.
     * With {@code i_e = 500} pA and -200 pA injected the drive is {@code R I = 0.04 * 300 = 12} mV, below the
     * 15 mV threshold: the potential follows the charging curve of {@link
     * #exactPropagationUnderBiasFollowsTheChargingCurve} and no crossing comes. With +100 pA injected the drive
     * is 24 mV, and the crossing from rest comes at {@code tau_m ln(24 / (24 - 15))}.
     */
    @Test
    void anInjectedCurrentAddsToTheBias() {
        LifDelta.State state = LifDelta.MODEL.newState(1, PARAMS);
        ExactKernel<LifDelta.State> kernel = LifDelta.MODEL.prepareExact(PARAMS, new TimeGrid(DT));
        state.injectedPa[0] = -200;
        kernel.propagate(state, 0, 0, 4.2);
        // Closed form with Math.exp: a few ulps of 70 mV.
        assertEquals(-70 + 12 * (1 - Math.exp(-4.2 / 10)), state.v[0], 1e-12);
        assertTrue(Double.isNaN(kernel.nextCrossingMs(state, 0, 4.2, 1000)), "12 mV of drive stays below threshold");

        LifDelta.State rest = LifDelta.MODEL.newState(1, PARAMS);
        rest.injectedPa[0] = 100;
        assertEquals(10 * Math.log(24.0 / 9.0), kernel.nextCrossingMs(rest, 0, 0, 100), 1e-9);
    }

    /**
     * A potential exactly at threshold is a crossing at once, in both modes: in grid mode a neuron
     * whose resting potential is its threshold fires in its first step (the update leaves {@code
     * V = E_L} exactly: {@code P22 * 0} and {@code P20 * 0} add nothing); in precise mode a potential
     * written equal to the threshold crosses at the start of the search, as {@link ExactKernel}
     * promises, where no drive would carry it there otherwise.
     */
    @Test
    void aPotentialExactlyAtThresholdFiresAtOnce() {
        LifDelta.Params p = new LifDelta.Params(10, 250, -55, -55, -70, 2, 0);
        LifDelta.State grid = LifDelta.MODEL.newState(1, p);
        KernelHarness harness = new KernelHarness(1, 1, DT);
        harness.run(LifDelta.MODEL.prepare(p, new TimeGrid(DT)), grid, 0, 1);
        assertArrayEquals(new double[] {DT}, harness.spikeTimesMs(0));

        LifDelta.Params rest = new LifDelta.Params(10, 250, -70, -55, -70, 2, 0);
        LifDelta.State precise = LifDelta.MODEL.newState(1, rest);
        precise.v[0] = -55;
        assertEquals(3.0, LifDelta.MODEL.prepareExact(rest, new TimeGrid(DT)).nextCrossingMs(precise, 0, 3.0, 10.0));
    }

    /**
     * The search interval is closed at its end ({@link ExactKernel#nextCrossingMs}): a crossing found
     * in a longer interval is found again when the interval ends exactly there, as it does when an
     * input event arrives at the very time of the crossing; and a potential at threshold is found in
     * an interval of one instant, as when two events arrive at the same time.
     */
    @Test
    void aCrossingAtTheEndOfTheSearchIntervalIsFound() {
        LifDelta.State state = LifDelta.MODEL.newState(1, PARAMS);
        ExactKernel<LifDelta.State> kernel = LifDelta.MODEL.prepareExact(PARAMS, new TimeGrid(DT));
        double crossing = kernel.nextCrossingMs(state, 0, 0, 100);
        assertEquals(10 * Math.log(20.0 / 5.0), crossing, 1e-9);
        assertEquals(crossing, kernel.nextCrossingMs(state, 0, 0, crossing));
        state.v[0] = PARAMS.vTh();
        assertEquals(3.0, kernel.nextCrossingMs(state, 0, 3.0, 3.0));
    }

    /**
     * A precise neuron is held at {@code V_reset} through the whole refractory period, its end
     * included, and relaxes from there by the closed form {@code V_inf + (V_reset - V_inf) exp(-t/tau_m)}.
     * With {@code E_L = 0} and {@code V_inf = R I_e = 0.04 * 15 = 0.6 mV} the neuron reads exactly
     * {@code -0.3} at the end of its refractoriness (1 ms + 2 ms = 3 ms, exact in binary).
     */
    @Test
    void aPreciseNeuronIsHeldAtTheResetUntilItsRefractorinessEnds() {
        LifDelta.Params p = new LifDelta.Params(10, 250, 0, 15, -0.3, 2, 15);
        LifDelta.State state = LifDelta.MODEL.newState(1, p);
        ExactKernel<LifDelta.State> kernel = LifDelta.MODEL.prepareExact(p, new TimeGrid(DT));
        kernel.fire(state, 0, 1.0);
        kernel.propagate(state, 0, 1.0, 2.5);
        assertEquals(-0.3, state.v[0]);
        kernel.propagate(state, 0, 2.5, 3.0);
        assertEquals(-0.3, state.v[0]);
        kernel.propagate(state, 0, 3.0, 8.0);
        // Closed form with Math.exp: a few ulps of 1 mV.
        assertEquals(0.6 - 0.9 * Math.exp(-5.0 / 10), state.v[0], 1e-14);
    }

    /**
     * Moving a neuron over no time leaves it as it is. Evaluated, the closed form would not: with
     * {@code V_inf = 0.6 mV}, {@code 0.6 + (-0.3 - 0.6) * exp(0)} rounds {@code -0.9} and then the sum,
     * giving {@code -0.29999999999999993} for {@code -0.3}.
     */
    @Test
    void propagatingOverNoTimeLeavesThePotentialExactlyAsItWas() {
        LifDelta.Params p = new LifDelta.Params(10, 250, 0, 15, -0.3, 2, 15);
        LifDelta.State state = LifDelta.MODEL.newState(1, p);
        ExactKernel<LifDelta.State> kernel = LifDelta.MODEL.prepareExact(p, new TimeGrid(DT));
        state.v[0] = -0.3;
        assertEquals(-0.29999999999999993, 0.6 + (-0.3 - 0.6) * Math.exp(0));
        kernel.propagate(state, 0, 4.0, 4.0);
        assertEquals(-0.3, state.v[0]);
    }

    /**
     * A neuron that never fired is not refractory at any time, so it takes an input even at time 0;
     * one that a grid engine left with refractory steps discards input up to their end on the new
     * clock (3 steps: 0.3 ms) and takes it afterwards, while its neighbour left with none takes it
     * at once.
     */
    @Test
    void onlyRefractoryStepsLeftByGridModeDiscardInputInPreciseMode() {
        LifDelta.Params p = new LifDelta.Params(10, 250, -70, -55, -70, 2, 0);
        ExactKernel<LifDelta.State> kernel = LifDelta.MODEL.prepareExact(p, new TimeGrid(DT));
        LifDelta.State fresh = LifDelta.MODEL.newState(1, p);
        kernel.receive(fresh, 0, Receptor.EXCITATORY, 4.0, 0.0);
        assertEquals(-66.0, fresh.v[0]);

        LifDelta.State carried = LifDelta.MODEL.newState(2, p);
        carried.refractorySteps[1] = 3;
        kernel.continueFromGrid(carried, DT);
        kernel.receive(carried, 0, Receptor.EXCITATORY, 4.0, 0.0);
        kernel.receive(carried, 1, Receptor.EXCITATORY, 4.0, 0.0);
        kernel.propagate(carried, 1, 0.0, 0.3);
        kernel.receive(carried, 1, Receptor.EXCITATORY, 4.0, 0.3);
        assertArrayEquals(new double[] {-66.0, -70.0}, carried.v);
        kernel.propagate(carried, 1, 0.3, 0.4);
        kernel.receive(carried, 1, Receptor.EXCITATORY, 4.0, 0.4);
        assertEquals(-66.0, carried.v[1]);
    }

    @Test
    void rejectsAnInfiniteMembraneTimeConstant() {
        // tau_m = infinity passes "> 0", but the grid propagator then multiplies R = tau_m / C_m =
        // infinity by expm1(-dt / tau_m) = -0.0: the current's propagator is NaN, and so is every
        // membrane potential.
        ParameterException e = assertThrows(ParameterException.class,
                () -> new LifDelta.Params(Double.POSITIVE_INFINITY, 250, -70, -55, -70, 2, 0));
        assertEquals("tau_m", e.location());
    }
}
