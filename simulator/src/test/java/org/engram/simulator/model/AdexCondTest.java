package org.engram.simulator.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.EngineChecks;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.engine.Mode;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdexCondTest {
    private static final double DT = 0.1;
    /** The kernel's substep (ms). */
    private static final double SUBSTEP = AdexKernel.MAX_SUBSTEP_MS;

    /** Input events (ms, nS; negative: inhibitory), each at the end of a step. */
    private record Input(double timeMs, double weight) {
    }

    /** The potential and w after each step, and the spike times (ms). */
    private record Trace(double[] v, double[] w, double[] spikes) {
    }

    /** NEST's defaults with a bias, a cut-off and time constants given. */
    private static AdexCond.Params cell(double iE, double vPeak, double tauSynEx, double tauSynIn) {
        AdexCond.Params d = AdexCond.MODEL.defaults();
        return new AdexCond.Params(d.cM(), d.gL(), d.eL(), d.vTh(), d.deltaT(), vPeak, d.vReset(), d.tRef(), d.a(),
                d.b(), d.tauW(), iE, d.eEx(), d.eIn(), tauSynEx, tauSynIn);
    }

    /**
     * A cell of Naud et al. (2008), Table 1 (C pF, g_L nS, E_L mV, V_T mV, Delta_T mV, a nS, tau_w ms,
     * b pA, V_r mV), cut at 0 mV, on its step current {@code iPa} given as the bias.
     */
    private static AdexCond.Params naud(double c, double gL, double eL, double a, double tauW, double b, double vR,
                                        double iPa) {
        return new AdexCond.Params(c, gL, eL, -50, 2, 0, vR, 0, a, b, tauW, iPa, 0, -85, 0.2, 2);
    }

    /**
     * The model's equations, written here from the class comment, solved by commons-math3's
     * Dormand-Prince 8(5,3) with tolerances of 1e-12 step by step of the grid, so that inputs jump the
     * conductances at the steps' ends and a step current is constant within each call: y = (V, w,
     * g_ex, g_in). The right-hand side reads V as at most v_peak, as the model's does; a spike is where
     * V reaches v_peak, located by the solver's event search to 1e-10 ms, and resets V and adds b to w.
     */
    private static final class Reference implements FirstOrderDifferentialEquations {
        private final AdexCond.Params p;
        private double currentPa;
        /** Where the present call's clock starts (ms). */
        private double origin;

        Reference(AdexCond.Params p) {
            this.p = p;
        }

        @Override
        public int getDimension() {
            return 4;
        }

        @Override
        public void computeDerivatives(double t, double[] y, double[] dy) {
            double v = Math.min(y[0], p.vPeak());
            dy[0] = (-p.gL() * (v - p.eL()) + p.gL() * p.deltaT() * Math.exp((v - p.vTh()) / p.deltaT())
                    - y[2] * (v - p.eEx()) - y[3] * (v - p.eIn()) - y[1] + p.iE() + currentPa) / p.cM();
            dy[1] = (p.a() * (v - p.eL()) - y[1]) / p.tauW();
            dy[2] = -y[2] / p.tauSynEx();
            dy[3] = -y[3] / p.tauSynIn();
        }

        /** Runs from rest for {@code untilMs}, with {@code currentPa} during steps {@code [on, off)}. */
        Trace run(List<Input> inputs, double untilMs, double dt, int on, int off, double stepPa) {
            List<Double> spikes = new ArrayList<>();
            DormandPrince853Integrator solver = new DormandPrince853Integrator(1e-18, 1.0, 1e-12, 1e-12);
            solver.addEventHandler(new Peak(spikes), 1e-3, 1e-10, 10_000);
            int steps = (int) Math.round(untilMs / dt);
            double[] y = {p.eL(), 0, 0, 0};
            double[] v = new double[steps];
            double[] w = new double[steps];
            for (int step = 0; step < steps; step++) {
                double to = (step + 1) * dt;
                currentPa = step >= on && step < off ? stepPa : 0;
                // Each call runs on its own clock from 0, where doubles resolve the upstroke's last 1e-13 ms.
                origin = step * dt;
                double t = 0;
                while (t < dt) {
                    t = solver.integrate(this, t, y, dt, y);
                    if (t < dt) {
                        y[0] = p.vReset();
                        y[1] += p.b();
                    }
                }
                for (Input input : inputs) {
                    if (Math.abs(input.timeMs() - to) < 1e-9) {
                        y[input.weight() > 0 ? 2 : 3] += Math.abs(input.weight());
                    }
                }
                v[step] = y[0];
                w[step] = y[1];
            }
            return new Trace(v, w, spikes.stream().mapToDouble(Double::doubleValue).toArray());
        }

        /** V reaching v_peak: a spike, then the reset. */
        private final class Peak extends SolverEvent {
            private final List<Double> spikes;

            Peak(List<Double> spikes) {
                this.spikes = spikes;
            }

            @Override
            public double g(double t, double[] y) {
                return y[0] - p.vPeak();
            }

            @Override
            public Action eventOccurred(double t, double[] y, boolean increasing) {
                if (!increasing) {
                    return Action.CONTINUE;
                }
                spikes.add(origin + t);
                // The caller resets and goes on: a reset inside the solver made its event search fail.
                return Action.STOP;
            }
        }
    }

    /** Runs one neuron through the kernel, {@code stepPa} during steps {@code [on, off)}. */
    private static Trace kernel(AdexCond.Params p, List<Input> inputs, double untilMs, double dt, int on, int off,
                                double stepPa) {
        int steps = (int) Math.round(untilMs / dt);
        AdexCond.State state = AdexCond.MODEL.newState(1, p);
        KernelHarness harness = new KernelHarness(1, steps, dt);
        for (Input input : inputs) {
            harness.input(0, input.timeMs(), input.weight());
        }
        harness.current(on, off, 0, stepPa);
        double[] v = new double[steps];
        double[] w = new double[steps];
        harness.runStepwise(AdexCond.MODEL.prepare(p, new TimeGrid(dt)), state, 0, steps, step -> {
            v[step] = state.v[0];
            w[step] = state.w[0];
        });
        return new Trace(v, w, harness.spikeTimesMs(0));
    }

    private static Trace kernel(AdexCond.Params p, List<Input> inputs, double untilMs) {
        return kernel(p, inputs, untilMs, DT, 0, 0, 0);
    }

    private static double largestDifference(double[] a, double[] b) {
        double worst = 0;
        for (int k = 0; k < a.length; k++) {
            worst = Math.max(worst, Math.abs(a[k] - b[k]));
        }
        return worst;
    }

    /** The intervals between spikes (ms). */
    private static double[] intervals(double[] spikes) {
        double[] isi = new double[spikes.length - 1];
        for (int k = 0; k < isi.length; k++) {
            isi[k] = spikes[k + 1] - spikes[k];
        }
        return isi;
    }

    /**
     * Conductances of 20 and 15 + 20 nS (tau_syn_ex 2 ms) and an inhibitory 30 nS (tau_syn_in 5 ms)
     * take V from rest to -62.1 mV, where the exponential term counts, and down again: at every step's
     * end V is within 5e-6 mV of the reference (2.2e-6 mV measured, 2.1e-5 with the conductances read
     * at the substep's start in the first midpoint stage; a first-order method, whose error grows as h
     * rather than h^2, would be some 1000 times further off), and w within 2e-6 pA.
     */
    @Test
    void subthresholdPotentialWithSynapticInputMatchesDormandPrince() {
        AdexCond.Params p = cell(0, 0, 2, 5);
        List<Input> inputs = List.of(new Input(1.0, 20), new Input(12.0, -30), new Input(20.0, 15),
                new Input(20.3, 20));
        Trace kernel = kernel(p, inputs, 80);
        Trace reference = new Reference(p).run(inputs, 80, DT, 0, 0, 0);
        assertEquals(0, kernel.spikes().length + reference.spikes().length, "subthreshold");
        assertTrue(max(reference.v()) > -63, "peak " + max(reference.v()) + " mV");
        assertTrue(min(reference.v()) < p.eL() - 1, "trough " + min(reference.v()) + " mV");
        double worst = largestDifference(kernel.v(), reference.v());
        assertTrue(worst < 5e-6, "largest difference " + worst + " mV");
        double wWorst = largestDifference(kernel.w(), reference.w());
        // w follows V's error through a = 4 nS, filtered by tau_w = 144 ms: 8.8e-7 pA measured.
        assertTrue(wWorst < 2e-6, "w: " + wWorst + " pA");
    }

    /**
     * One excitatory input of 30 nS at NEST's tau_syn_ex of 0.2 ms: a PSP of 1.37 mV from rest,
     * within 1.5e-5 mV of the reference at every step (5.5e-6 mV measured with the conductance read
     * as its mean over the substep in both midpoint stages; 2.2e-5 with its start value in the
     * first, 1.6e-4 with its middle value in the second), its peak in the same step; the conductance
     * decays exactly, {@code 30 exp(-t / 0.2)} to within rounding. Inputs of 200-300 nS, each a PSP
     * of some 14 mV, stay within 1.5e-4 mV (6.2e-5 measured, 1.4e-3 with start values).
     */
    @Test
    void anExcitatoryPspMatchesTheReferenceAndItsConductanceDecaysExactly() {
        AdexCond.Params p = cell(0, 0, 0.2, 2);
        List<Input> one = List.of(new Input(1.0, 30));
        Trace kernel = kernel(p, one, 30);
        Trace reference = new Reference(p).run(one, 30, DT, 0, 0, 0);
        double psp = max(reference.v()) - p.eL();
        assertEquals(1.37, psp, 0.01, "PSP (mV)");
        assertTrue(largestDifference(kernel.v(), reference.v()) < 1.5e-5, "V");
        assertEquals(argMax(reference.v()), argMax(kernel.v()), "the PSP's peak step");

        AdexCond.State state = AdexCond.MODEL.newState(1, p);
        KernelHarness harness = new KernelHarness(1, 20, DT);
        harness.excitatory(0, 0, 30);
        harness.run(AdexCond.MODEL.prepare(p, new TimeGrid(DT)), state, 0, 11);
        // Arrived at the end of step 0; 10 steps (1 ms) of decay since, 100 substeps of two half-decays.
        assertEquals(30 * Math.exp(-1 / 0.2), state.gEx[0], 1e-13);

        List<Input> large = List.of(new Input(1.0, 300), new Input(12.0, -200), new Input(20.0, 200),
                new Input(20.3, 250));
        Trace largeReference = new Reference(p).run(large, 80, DT, 0, 0, 0);
        double largeWorst = largestDifference(kernel(p, large, 80).v(), largeReference.v());
        assertTrue(largeWorst < 1.5e-4, "large inputs: " + largeWorst + " mV");
    }

    /**
     * 2000 nS of inhibition (h g / C_m = 0.07 per substep) pulls V from rest towards E_in = -85 mV:
     * within 1 mV of it in 1 ms and never past it, as the conductance decays (tau_syn_in 2 ms).
     */
    @Test
    void anInhibitoryConductancePullsVTowardsEInNeverPastIt() {
        AdexCond.Params p = cell(0, 0, 0.2, 2);
        Trace trace = kernel(p, List.of(new Input(0.1, -2000)), 20);
        assertTrue(min(trace.v()) >= p.eIn(), "lowest " + min(trace.v()) + " mV");
        assertEquals(p.eIn(), trace.v()[10], 1.0, "V 1 ms after the input");
    }

    /**
     * At the inhibitory reversal potential an inhibitory input changes nothing: with E_L = E_in =
     * -85 mV and no exponential term (delta_t = 0, which would move V by 7e-9 mV/ms there), V stays at
     * exactly -85 mV under 100 nS of inhibition, since the conductance's term, g_in (E_in - V), is
     * exactly 0; the same input at E_L = -70.6 mV pulls V down by more than 3 mV.
     */
    @Test
    void atTheInhibitoryReversalAnInhibitoryInputChangesNothing() {
        AdexCond.Params d = AdexCond.MODEL.defaults();
        for (double eL : new double[] {d.eIn(), d.eL()}) {
            AdexCond.Params p = new AdexCond.Params(d.cM(), d.gL(), eL, d.vTh(), 0, d.vPeak(), -90, 0, d.a(), d.b(),
                    d.tauW(), 0, d.eEx(), d.eIn(), d.tauSynEx(), d.tauSynIn());
            Trace trace = kernel(p, List.of(new Input(1.0, -100)), 20);
            if (eL == d.eIn()) {
                for (double v : trace.v()) {
                    assertEquals(d.eIn(), v, 0.0);
                }
            } else {
                assertTrue(min(trace.v()) < eL - 3, "at rest: lowest " + min(trace.v()) + " mV");
            }
        }
    }

    /**
     * Brette and Gerstner's cell on a 1 nA step from 10 to 400 ms, cut at V_T + 5 Delta_T (where the
     * reference's event search finds the crossing; at 0 mV the upstroke outruns it): as many spikes
     * as the reference, each reported at the end of the step it falls in, or the next if it lies
     * within two substeps of that step's end (the kernel finds a spike within its substep; 15 of 15 in
     * the reference's step). At dt = 0.01 ms, one substep per step, every spike is 0 to 0.02 ms late
     * (0.0004 to 0.0098 ms measured: in the reference's substep).
     */
    @Test
    void spikeTimesUnderAStepCurrentMatchTheReference() {
        AdexCond.Params p = cell(0, -40.4, 0.2, 2);
        double[] late = lateness(p, DT);
        assertEquals(15, late.length, "spikes");
        int inStep = 0;
        for (double l : late) {
            assertTrue(l >= -1e-9 && l < DT + 2 * SUBSTEP, "late by " + l + " ms");
            inStep += l < DT ? 1 : 0;
        }
        assertTrue(inStep >= late.length - 2, inStep + " of " + late.length + " in the reference's step");
        for (double l : lateness(p, SUBSTEP)) {
            assertTrue(l >= -1e-9 && l < 2 * SUBSTEP, "at dt = 0.01 ms late by " + l + " ms");
        }
    }

    /** How late (ms) each of the kernel's spikes is against the reference's, on 1 nA from 10 to 400 ms. */
    private static double[] lateness(AdexCond.Params p, double dt) {
        int on = (int) Math.round(10 / dt);
        int off = (int) Math.round(400 / dt);
        double[] kernel = kernel(p, List.of(), 500, dt, on, off, 1000).spikes();
        double[] reference = new Reference(p).run(List.of(), 500, dt, on, off, 1000).spikes();
        assertEquals(reference.length, kernel.length, "spike counts at dt = " + dt);
        double[] late = new double[kernel.length];
        for (int k = 0; k < late.length; k++) {
            late[k] = kernel[k] - reference[k];
        }
        return late;
    }

    /**
     * Spikes driven by conductances alone, as a network drives them: Poisson-like excitatory inputs
     * (in a step with probability 0.25: 60 nS at tau_syn_ex 0.2 ms, or 12 nS at 2 ms) and inhibitory
     * ones (probability 0.1: 10 nS, tau_syn_in 2 ms),
     * over 500 ms, cut at -40.4 and -30 mV: as many spikes as the reference (18 and 71), each reported
     * at the end of its step or, within two substeps of that step's end, of the next; or, crossing
     * within a substep before a step's end where the reference crosses just after it, of that step
     * (-0.0003 to 0.108 ms late measured).
     */
    @ParameterizedTest
    @CsvSource({"-40.4, 60, 0.2", "-30, 60, 0.2", "-40.4, 12, 2", "-30, 12, 2"})
    void spikesDrivenByConductancesMatchTheReference(double vPeak, double weight, double tauSynEx) {
        AdexCond.Params p = cell(0, vPeak, tauSynEx, 2);
        Random random = new Random(11);
        List<Input> inputs = new ArrayList<>();
        for (int step = 1; step <= 5000; step++) {
            if (random.nextDouble() < 0.25) {
                inputs.add(new Input(step * DT, weight));
            }
            if (random.nextDouble() < 0.1) {
                inputs.add(new Input(step * DT, -10));
            }
        }
        double[] kernel = kernel(p, inputs, 500).spikes();
        double[] reference = new Reference(p).run(inputs, 500, DT, 0, 0, 0).spikes();
        assertEquals(reference.length, kernel.length, "spikes");
        assertTrue(kernel.length > 5, kernel.length + " spikes");
        for (int k = 0; k < kernel.length; k++) {
            double late = kernel[k] - reference[k];
            assertTrue(late > -SUBSTEP && late < DT + 2 * SUBSTEP, "spike " + k + " late by " + late + " ms");
        }
    }

    /** NEST's {@code aeif_cond_exp} defaults, parameter by parameter (NEST's names in the messages). */
    @Test
    void defaultsAreNestsAeifCondExp() {
        AdexCond.Params d = AdexCond.MODEL.defaults();
        assertEquals(281.0, d.cM(), "C_m (pF)");
        assertEquals(30.0, d.gL(), "g_L (nS)");
        assertEquals(-70.6, d.eL(), "E_L (mV)");
        assertEquals(-50.4, d.vTh(), "V_th (mV)");
        assertEquals(2.0, d.deltaT(), "Delta_T (mV)");
        assertEquals(0.0, d.vPeak(), "V_peak (mV)");
        assertEquals(-60.0, d.vReset(), "V_reset (mV)");
        assertEquals(0.0, d.tRef(), "t_ref (ms)");
        assertEquals(4.0, d.a(), "a (nS)");
        assertEquals(80.5, d.b(), "b (pA)");
        assertEquals(144.0, d.tauW(), "tau_w (ms)");
        assertEquals(0.0, d.iE(), "I_e (pA)");
        assertEquals(0.0, d.eEx(), "E_ex (mV)");
        assertEquals(-85.0, d.eIn(), "E_in (mV)");
        assertEquals(0.2, d.tauSynEx(), "tau_syn_ex (ms)");
        assertEquals(2.0, d.tauSynIn(), "tau_syn_in (ms)");
    }

    /**
     * As NEST's {@code aeif_cond_exp}, the right-hand side reads V as at most the cut-off in every
     * term, the synaptic ones and w's included. One substep (dt = 0.01 ms) from rest under 25,000 nS
     * of excitation and 28,000 nS of inhibition (tau_syn 2 ms), without the exponential term (so
     * the cut-off is v_th = -50.4 mV): they pull V towards -44.9 mV, and the midpoint's first stage
     * overshoots the cut-off to -46.4 mV; its second reads -50.4 mV there. V and w after the
     * substep match that midpoint step written out here to 1e-9; reading the stage's own V would
     * move V by 7.5 mV and w by 1.1e-3 pA.
     */
    @Test
    void theRightHandSideReadsVAsAtMostTheCutOffInEveryTerm() {
        AdexCond.Params d = AdexCond.MODEL.defaults();
        AdexCond.Params p = new AdexCond.Params(d.cM(), d.gL(), d.eL(), d.vTh(), 0, d.vPeak(), d.vReset(), 0, d.a(),
                d.b(), d.tauW(), 0, d.eEx(), d.eIn(), 2, 2);
        AdexCond.State state = AdexCond.MODEL.newState(1, p);
        state.gEx[0] = 25_000;
        state.gIn[0] = 28_000;
        new KernelHarness(1, 1, SUBSTEP).run(AdexCond.MODEL.prepare(p, new TimeGrid(SUBSTEP)), state, 0, 1);
        double[] capped = midpointStep(p, 25_000, 28_000, p.vTh());
        double[] uncapped = midpointStep(p, 25_000, 28_000, Double.POSITIVE_INFINITY);
        assertTrue(capped[2] > p.vTh(), "the first stage passes the cut-off: " + capped[2] + " mV");
        assertTrue(capped[0] < p.vTh(), "no spike: " + capped[0] + " mV");
        assertEquals(capped[0], state.v[0], 1e-9, "V");
        assertEquals(capped[1], state.w[0], 1e-9, "w");
        assertTrue(Math.abs(uncapped[0] - capped[0]) > 1 && Math.abs(uncapped[1] - capped[1]) > 1e-4,
                "the cap matters here");
    }

    /**
     * One midpoint step of h = 0.01 ms from rest (w = 0) with the conductances at their mean over
     * the step, {@code g (tau / h) (1 - exp(-h / tau))}, V read as at most {@code cap}: V and w after
     * it and V at the first stage.
     */
    private static double[] midpointStep(AdexCond.Params p, double gEx, double gIn, double cap) {
        double h = SUBSTEP;
        double mean = p.tauSynEx() / h * (1 - Math.exp(-h / p.tauSynEx()));
        double ex = gEx * mean;
        double in = gIn * mean;
        double v = p.eL();
        double c = Math.min(v, cap);
        double vMid = v + 0.5 * h * (p.gL() * (p.eL() - c) + ex * (p.eEx() - c) + in * (p.eIn() - c)) / p.cM();
        double wMid = 0.5 * h * p.a() * (c - p.eL()) / p.tauW();
        double m = Math.min(vMid, cap);
        double v1 = v + h * (p.gL() * (p.eL() - m) + ex * (p.eEx() - m) + in * (p.eIn() - m) - wMid) / p.cM();
        double w1 = h * (p.a() * (m - p.eL()) - wMid) / p.tauW();
        return new double[] {v1, w1, vMid};
    }

    /**
     * With a = 0 and tau_w = 1e9 ms, w changes only at spikes: after every step it is b times the
     * spikes so far: its decay over the 200 ms, a relative 2e-7 of some 500 pA, is 1e-4 pA at most.
     */
    @Test
    void wJumpsByBAtEachSpike() {
        AdexCond.Params d = AdexCond.MODEL.defaults();
        AdexCond.Params p = new AdexCond.Params(d.cM(), d.gL(), d.eL(), d.vTh(), d.deltaT(), d.vPeak(), d.vReset(), 0,
                0, 50, 1e9, 1000, d.eEx(), d.eIn(), d.tauSynEx(), d.tauSynIn());
        int steps = 2000;
        AdexCond.State state = AdexCond.MODEL.newState(1, p);
        KernelHarness harness = new KernelHarness(1, steps, DT);
        int[] spikesSoFar = new int[steps];
        double[] w = new double[steps];
        harness.runStepwise(AdexCond.MODEL.prepare(p, new TimeGrid(DT)), state, 0, steps, step -> {
            w[step] = state.w[0];
            spikesSoFar[step] = harness.spikeTimesMs(0).length;
        });
        assertTrue(spikesSoFar[steps - 1] > 5, spikesSoFar[steps - 1] + " spikes");
        for (int k = 0; k < steps; k++) {
            assertEquals(50.0 * spikesSoFar[k], w[k], 1e-4, "step " + k);
        }
    }

    /**
     * Without synaptic input the conductances stay 0 and the model is {@link Adex}: Naud et al.'s
     * adapting cell gives the same potentials and spikes to the bit.
     */
    @Test
    void withoutSynapticInputItIsAdexToTheBit() {
        AdexCond.Params c = naud(200, 12, -70, 2, 300, 60, -58, 500);
        Adex.Params p = new Adex.Params(c.cM(), c.gL(), c.eL(), c.vTh(), c.deltaT(), c.vPeak(), c.vReset(), c.tRef(),
                c.a(), c.b(), c.tauW(), c.iE(), c.tauSynEx(), c.tauSynIn());
        Adex.State state = Adex.MODEL.newState(1, p);
        KernelHarness harness = new KernelHarness(1, 5000, DT);
        double[] v = new double[5000];
        harness.runStepwise(Adex.MODEL.prepare(p, new TimeGrid(DT)), state, 0, 5000, step -> v[step] = state.v[0]);
        Trace cond = kernel(c, List.of(), 500);
        assertArrayEquals(v, cond.v());
        assertArrayEquals(harness.spikeTimesMs(0), cond.spikes());
    }

    /**
     * Naud et al.'s tonic cell (Table 1; their Fig. 4a): after the first intervals, while w settles
     * (tau_w 30 ms, three intervals), the intervals are constant: each spike is reported at its step's
     * end, so each interval is the true one to within a step either way, and all differ by at most
     * two steps (9.5-9.6 ms).
     */
    @Test
    void naudTonicCellFiresAtConstantIntervals() {
        double[] isi = intervals(kernel(naud(200, 10, -70, 2, 30, 0, -58, 500), List.of(), 1000).spikes());
        assertTrue(isi.length > 90, isi.length + " intervals");
        double[] settled = Arrays.copyOfRange(isi, 10, isi.length);
        assertTrue(max(settled) - min(settled) <= 2 * DT + 1e-9, "intervals " + min(settled) + "-" + max(settled));
        assertTrue(isi[0] < min(settled), "the first interval, before w has grown, is the shortest");
    }

    /**
     * Naud et al.'s adapting cell: the intervals grow (to within the two steps of their reporting)
     * from 11 ms to more than five times that, then settle (75.9 ms).
     */
    @Test
    void naudAdaptingCellsIntervalsGrow() {
        double[] isi = intervals(kernel(naud(200, 12, -70, 2, 300, 60, -58, 500), List.of(), 1000).spikes());
        assertTrue(isi.length > 10, isi.length + " intervals");
        for (int k = 1; k < isi.length; k++) {
            assertTrue(isi[k] >= isi[k - 1] - 2 * DT - 1e-9, "interval " + k + ": " + isi[k] + " after " + isi[k - 1]);
        }
        assertTrue(isi[isi.length - 1] > 5 * isi[0], "from " + isi[0] + " to " + isi[isi.length - 1] + " ms");
    }

    /**
     * Naud et al.'s initial-burst cell: a burst at the onset (the first two intervals, 3.4 and 7.4 ms,
     * under a fifth of the later ones) and then tonic firing at constant intervals (64 ms, to within
     * two steps).
     */
    @Test
    void naudInitialBurstCellBurstsThenFiresTonically() {
        double[] isi = intervals(kernel(naud(130, 18, -58, 4, 150, 120, -50, 400), List.of(), 1000).spikes());
        assertTrue(isi.length > 10, isi.length + " intervals");
        double[] tonic = Arrays.copyOfRange(isi, 3, isi.length);
        assertTrue(isi[0] < min(tonic) / 5 && isi[1] < min(tonic) / 5, "burst " + isi[0] + ", " + isi[1]);
        assertTrue(max(tonic) - min(tonic) <= 2 * DT + 1e-9, "tonic intervals " + min(tonic) + "-" + max(tonic));
    }

    /**
     * Naud et al.'s regular-bursting cell: the intervals are bimodal, each either within a burst
     * (under 10 ms) or between bursts (over 100 ms), none in between; bursts repeat (at least five in
     * 1 s), each of at least two spikes.
     */
    @Test
    void naudRegularBurstingCellsIntervalsAreBimodal() {
        double[] isi = intervals(kernel(naud(200, 10, -58, 2, 120, 100, -46, 210), List.of(), 1000).spikes());
        int between = 0;
        for (int k = 0; k < isi.length; k++) {
            assertTrue(isi[k] < 10 || isi[k] > 100, "interval " + k + ": " + isi[k] + " ms");
            if (isi[k] > 100) {
                between++;
                assertTrue(k + 1 == isi.length || isi[k + 1] < 10, "a burst of one spike after interval " + k);
            }
        }
        assertTrue(between >= 5, between + " bursts");
    }

    /**
     * Conductances far beyond the stability bound of a whole substep (56,170 nS for the defaults): a
     * pulse of 1e6 nS with its reversal potential at -55 mV, below the threshold, holds V there and
     * lets it go as the conductance decays, never past -55 mV; one of inhibition, likewise at E_in =
     * -85 mV. The substep is taken in pieces the midpoint method follows (h (g_L + g) / C_m = 1 each),
     * so each step's end matches the reference within 2e-3 mV (7.3e-4 mV measured, 3.0e-4 for
     * inhibition).
     */
    @Test
    void aConductanceBeyondTheStabilityBoundSplitsTheSubstepAndVNeverPassesItsReversal() {
        AdexCond.Params d = AdexCond.MODEL.defaults();
        AdexCond.Params p = new AdexCond.Params(d.cM(), d.gL(), d.eL(), d.vTh(), d.deltaT(), d.vPeak(), d.vReset(),
                d.tRef(), d.a(), d.b(), d.tauW(), d.iE(), -55, d.eIn(), d.tauSynEx(), d.tauSynIn());
        for (double weight : new double[] {1e6, -1e6}) {
            List<Input> pulse = List.of(new Input(1.0, weight));
            Trace kernel = kernel(p, pulse, 20);
            Trace reference = new Reference(p).run(pulse, 20, DT, 0, 0, 0);
            double reversal = weight > 0 ? p.eEx() : p.eIn();
            assertEquals(reversal, kernel.v()[10], 1e-2, "V just after the pulse");
            if (weight > 0) {
                assertTrue(max(kernel.v()) <= reversal, "highest " + max(kernel.v()) + " mV");
            } else {
                assertTrue(min(kernel.v()) >= reversal, "lowest " + min(kernel.v()) + " mV");
            }
            assertTrue(largestDifference(kernel.v(), reference.v()) < 2e-3, "V against the reference");
        }
    }

    /**
     * The fastest membrane validation accepts, {@code c_m / g_l} = 0.005 ms, is at the stability
     * bound with no conductance at all (it had failed on any input): inputs of 30 nS of inhibition
     * and 10 nS of excitation (tau_syn 2 ms) split its substeps, and V follows the reference within
     * 0.03 mV (0.015 mV measured: V sits at its equilibrium under the conductances, which the kernel
     * holds at their mean over the substep, half a substep behind their value at its end, where
     * the equilibrium moves 0.12 mV per nS).
     */
    @Test
    void theFastestMembraneRunsUnderConductancesInPieces() {
        AdexCond.Params d = AdexCond.MODEL.defaults();
        AdexCond.Params p = new AdexCond.Params(0.15, d.gL(), d.eL(), d.vTh(), d.deltaT(), d.vPeak(), d.vReset(),
                d.tRef(), d.a(), d.b(), d.tauW(), d.iE(), d.eEx(), d.eIn(), 2, 2);
        List<Input> inputs = List.of(new Input(1.0, -30), new Input(5.0, 10));
        Trace kernel = kernel(p, inputs, 20);
        Trace reference = new Reference(p).run(inputs, 20, DT, 0, 0, 0);
        assertTrue(min(kernel.v()) < d.eL() - 5 && max(kernel.v()) > d.eL() + 5, "V moved");
        assertTrue(largestDifference(kernel.v(), reference.v()) < 0.03, "V against the reference");
    }

    /** An absurd conductance (over 65536 pieces a substep) or a state that is not finite fails by name. */
    @Test
    void anAbsurdConductanceOrAStateNotFiniteFailsNamingTheNeuron() {
        AdexCond.Params p = AdexCond.MODEL.defaults();
        AdexCond.State state = AdexCond.MODEL.newState(2, p);
        state.gIn[1] = 1e12;
        KernelHarness harness = new KernelHarness(2, 1, DT);
        ArithmeticException stiff = assertThrows(ArithmeticException.class,
                () -> harness.run(AdexCond.MODEL.prepare(p, new TimeGrid(DT)), state, 0, 1));
        assertTrue(stiff.getMessage().startsWith("adex_cond neuron 1: v = -70.6 mV, w = 0.0 pA, g_ex = 0.0 nS, g_in = "
                + "1.0E12 nS: a conductance of 9.975"), stiff.getMessage());
        assertTrue(stiff.getMessage().endsWith(" nS would split the midpoint substep of 0.01 ms into more than 65536"
                + " pieces"), stiff.getMessage());
        for (int variable = 0; variable < 4; variable++) {
            AdexCond.State bad = AdexCond.MODEL.newState(1, p);
            double[][] values = {bad.v, bad.w, bad.gEx, bad.gIn};
            values[variable][0] = variable % 2 == 0 ? Double.NaN : Double.POSITIVE_INFINITY;
            ArithmeticException notFinite = assertThrows(ArithmeticException.class,
                    () -> new KernelHarness(1, 1, DT).run(AdexCond.MODEL.prepare(p, new TimeGrid(DT)), bad, 0, 1));
            assertTrue(notFinite.getMessage().endsWith(": the state is not finite"), notFinite.getMessage());
        }
    }

    /**
     * The piece limit is inclusive: a substep that needs exactly {@link AdexKernel#MAX_PIECES} pieces
     * runs, one that needs more fails. With dt = h = 2^-7 ms, C_m = 2^8 pF and g_L + g = 2^31 nS a
     * piece is {@code C_m / (g_L + g) = 2^-23} ms and the substep takes {@code 2^-7 / 2^-23 = 2^16}
     * of them, every figure exact in binary; the excitatory conductance written between runs is the
     * double whose mean over the substep makes {@code g_L + g} exactly 2^31, then the next double
     * up, for which the sum is the next double above 2^31 and the count just over 2^16.
     */
    @Test
    void aSubstepOfExactlyTheMostPiecesRunsAndOneMoreFails() {
        AdexCond.Params d = AdexCond.MODEL.defaults();
        AdexCond.Params p = new AdexCond.Params(256, 16, d.eL(), d.vTh(), d.deltaT(), d.vPeak(), d.vReset(), 0,
                d.a(), d.b(), d.tauW(), d.iE(), d.eEx(), d.eIn(), d.tauSynEx(), d.tauSynIn());
        double h = 0x1p-7;
        double sum = 0x1p31;
        double mean = Conductances.meanOverInterval(h, p.tauSynEx());
        double gEx = (sum - p.gL()) / mean;
        while (p.gL() + gEx * mean > sum) {
            gEx = Math.nextDown(gEx);
        }
        while (p.gL() + gEx * mean < sum) {
            gEx = Math.nextUp(gEx);
        }
        assertEquals(sum, p.gL() + gEx * mean, 0.0, "the conductances sum to 2^31 nS");
        assertEquals(AdexKernel.MAX_PIECES, h * sum / p.cM(), 0.0, "pieces");
        AdexCond.State most = AdexCond.MODEL.newState(1, p);
        most.gEx[0] = gEx;
        new KernelHarness(1, 1, h).run(AdexCond.MODEL.prepare(p, new TimeGrid(h)), most, 0, 1);
        assertTrue(Double.isFinite(most.v[0]), "ran: V = " + most.v[0]);

        double over = gEx;
        while (!(p.gL() + over * mean > sum)) {
            over = Math.nextUp(over);
        }
        AdexCond.State tooMany = AdexCond.MODEL.newState(1, p);
        tooMany.gEx[0] = over;
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> new KernelHarness(1, 1, h).run(AdexCond.MODEL.prepare(p, new TimeGrid(h)), tooMany, 0, 1));
        assertTrue(e.getMessage().endsWith("into more than 65536 pieces"), e.getMessage());
    }

    /** The model has no exact propagation: precise mode refuses it by name; grid mode runs it. */
    @Test
    void preciseModeRefusesItByName() {
        NetworkBuilder b = new NetworkBuilder(DT).seed(1);
        Population<?, ?> p = b.population("cells", 2, AdexCond.MODEL, AdexCond.MODEL.defaults());
        EngineChecks.requireRunnable(p, Mode.GRID, b.grid());
        ParameterException e = assertThrows(ParameterException.class,
                () -> EngineChecks.requireRunnable(p, Mode.PRECISE, b.grid()));
        assertEquals("model", e.location(), e.getMessage());
        assertTrue(e.getMessage().contains("adex_cond"), e.getMessage());
    }

    /** A negative conductance written between runs is refused before the next, by name. */
    @Test
    void aNegativeConductanceWrittenBetweenRunsIsRefusedByName() {
        NetworkBuilder b = new NetworkBuilder(DT).seed(1);
        Population<?, ?> cells = b.population("cells", 3, AdexCond.MODEL, AdexCond.MODEL.defaults());
        try (Engine engine = new Engine(b.build(), EngineOptions.grid(1))) {
            engine.run(1);
            cells.state().values("g_ex")[2] = -1;
            ParameterException e = assertThrows(ParameterException.class, () -> engine.run(1));
            assertTrue(e.getMessage().contains("population 'cells'") && e.getMessage().contains("g_ex[2]")
                    && e.getMessage().contains("a conductance >= 0"), e.getMessage());
        }
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElseThrow();
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    private static int argMax(double[] values) {
        int best = 0;
        for (int k = 1; k < values.length; k++) {
            best = values[k] > values[best] ? k : best;
        }
        return best;
    }
}
