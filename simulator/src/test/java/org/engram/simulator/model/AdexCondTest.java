package org.engram.simulator.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.events.EventHandler;
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
        private final class Peak implements EventHandler {
            private final List<Double> spikes;

            Peak(List<Double> spikes) {
                this.spikes = spikes;
            }

            @Override
            public void init(double t0, double[] y0, double t) {
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

            @Override
            public void resetState(double t, double[] y) {
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
            int step = (int) Math.round(input.timeMs() / dt) - 1;
            if (input.weight() > 0) {
                harness.excitatory(step, 0, input.weight());
            } else {
                harness.inhibitory(step, 0, input.weight());
            }
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
     * end V is within 1e-4 mV of the reference (2.1e-5 mV measured; a first-order method, whose error
     * grows as h rather than h^2, would be some 100 times further off), and w within 1e-5 pA.
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
        assertTrue(worst < 1e-4, "largest difference " + worst + " mV");
        double wWorst = largestDifference(kernel.w(), reference.w());
        // w follows V's error through a = 4 nS, filtered by tau_w = 144 ms: 2.7e-6 pA measured.
        assertTrue(wWorst < 1e-5, "w: " + wWorst + " pA");
    }

    /**
     * One excitatory input of 30 nS at NEST's tau_syn_ex of 0.2 ms: a PSP of 1.37 mV from rest,
     * within 1e-4 mV of the reference at every step (2.2e-5 mV measured; with the conductance read at
     * the substep's middle, not as its mean over the substep, it was 1.6e-4), its peak in the same
     * step; the conductance decays exactly, {@code 30 exp(-t / 0.2)} to within rounding. Inputs of
     * 200-300 nS, each a PSP of some 14 mV, stay within 3e-3 mV (1.4e-3 measured).
     */
    @Test
    void anExcitatoryPspMatchesTheReferenceAndItsConductanceDecaysExactly() {
        AdexCond.Params p = cell(0, 0, 0.2, 2);
        List<Input> one = List.of(new Input(1.0, 30));
        Trace kernel = kernel(p, one, 30);
        Trace reference = new Reference(p).run(one, 30, DT, 0, 0, 0);
        double psp = max(reference.v()) - p.eL();
        assertEquals(1.37, psp, 0.01, "PSP (mV)");
        assertTrue(largestDifference(kernel.v(), reference.v()) < 1e-4, "V");
        assertEquals(argMax(reference.v()), argMax(kernel.v()), "the PSP's peak step");

        AdexCond.State state = AdexCond.MODEL.newState(1, p);
        KernelHarness harness = new KernelHarness(1, 20, DT);
        harness.excitatory(0, 0, 30);
        harness.run(AdexCond.MODEL.prepare(p, new TimeGrid(DT)), state, 0, 11);
        // Arrived at the end of step 0; 10 steps (1 ms) of decay since, 100 substeps of two half-decays.
        assertEquals(30 * Math.exp(-1 / 0.2), state.gEx[0], 1e-13);

        List<Input> large = List.of(new Input(1.0, 300), new Input(12.0, -200), new Input(20.0, 200),
                new Input(20.3, 250));
        assertTrue(largestDifference(kernel(p, large, 80).v(), new Reference(p).run(large, 80, DT, 0, 0, 0).v()) < 3e-3,
                "large inputs");
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

    /** A conductance that makes the substep unstable, or a state that is not finite, fails by name. */
    @Test
    void anUnstableConductanceOrAStateNotFiniteFailsNamingTheNeuron() {
        AdexCond.Params p = AdexCond.MODEL.defaults();
        AdexCond.State state = AdexCond.MODEL.newState(2, p);
        state.gIn[1] = 1e6;
        KernelHarness harness = new KernelHarness(2, 1, DT);
        ArithmeticException stiff = assertThrows(ArithmeticException.class,
                () -> harness.run(AdexCond.MODEL.prepare(p, new TimeGrid(DT)), state, 0, 1));
        assertTrue(stiff.getMessage().startsWith("adex_cond neuron 1: v = -70.6 mV, w = 0.0 pA, g_ex = 0.0 nS, g_in = "
                + "1000000.0 nS: a conductance of 1000000.0 nS makes the midpoint substep of 0.01 ms unstable (at most "
                + "56170.0 nS)"), stiff.getMessage());
        AdexCond.State nan = AdexCond.MODEL.newState(1, p);
        nan.w[0] = Double.NaN;
        ArithmeticException notFinite = assertThrows(ArithmeticException.class,
                () -> new KernelHarness(1, 1, DT).run(AdexCond.MODEL.prepare(p, new TimeGrid(DT)), nan, 0, 1));
        assertTrue(notFinite.getMessage().endsWith(": the state is not finite"), notFinite.getMessage());
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
