package org.engram.simulator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;

class LifCondExpTest {
    private static final double TAU_M = 20;
    private static final double C_M = 200;
    private static final double E_L = -60;
    private static final double E_EX = 0;
    private static final double E_IN = -80;
    private static final double TAU_EX = 5;
    private static final double TAU_IN = 10;

    /** The COBA benchmark's neuron with a threshold it never reaches, so the potential runs free. */
    private static LifCondExp.Params free() {
        return new LifCondExp.Params(TAU_M, C_M, E_L, 50, E_L, 5, 0, E_EX, E_IN, TAU_EX, TAU_IN);
    }

    /** Input events (ms, nS; negative: inhibitory), each on a multiple of 0.1 ms. */
    private static final double[][] EVENTS = {{1.0, 30}, {15.0, -50}, {20.0, 20}, {20.5, 10}};
    private static final double END_MS = 60;

    /** The potential after each step of {@code dt} from rest, through the kernel. */
    private static double[] kernelPotential(double dt) {
        int steps = (int) Math.round(END_MS / dt);
        LifCondExp.Params p = free();
        LifCondExp.State state = LifCondExp.MODEL.newState(1, p);
        KernelHarness harness = new KernelHarness(1, steps, dt);
        for (double[] event : EVENTS) {
            // Input delivered for step k arrives at its end, (k + 1) dt.
            int step = (int) Math.round(event[0] / dt) - 1;
            if (event[1] > 0) {
                harness.excitatory(step, 0, event[1]);
            } else {
                harness.inhibitory(step, 0, event[1]);
            }
        }
        double[] v = new double[steps];
        harness.runStepwise(LifCondExp.MODEL.prepare(p, new TimeGrid(dt)), state, 0, steps,
                step -> v[step] = state.v[0]);
        return v;
    }

    /** The same trajectory from the differential equations by an adaptive 8th-order Runge-Kutta method. */
    private static double[] referencePotential(double dt) {
        FirstOrderDifferentialEquations cell = new FirstOrderDifferentialEquations() {
            @Override
            public int getDimension() {
                return 3;
            }

            @Override
            public void computeDerivatives(double t, double[] y, double[] dy) {
                double gL = C_M / TAU_M;
                dy[0] = (gL * (E_L - y[0]) + y[1] * (E_EX - y[0]) + y[2] * (E_IN - y[0])) / C_M;
                dy[1] = -y[1] / TAU_EX;
                dy[2] = -y[2] / TAU_IN;
            }
        };
        DormandPrince853Integrator solver = new DormandPrince853Integrator(1e-9, 1.0, 1e-13, 1e-13);
        int steps = (int) Math.round(END_MS / dt);
        double[] y = {E_L, 0, 0};
        double[] v = new double[steps];
        for (int step = 0; step < steps; step++) {
            double from = step * dt;
            double to = (step + 1) * dt;
            solver.integrate(cell, from, y, to, y);
            for (double[] event : EVENTS) {
                if (Math.abs(event[0] - to) < 1e-9) {
                    y[event[1] > 0 ? 1 : 2] += Math.abs(event[1]);
                }
            }
            v[step] = y[0];
        }
        return v;
    }

    private static double maxError(double dt) {
        double[] kernel = kernelPotential(dt);
        double[] reference = referencePotential(dt);
        double worst = 0;
        for (int k = 0; k < kernel.length; k++) {
            worst = Math.max(worst, Math.abs(kernel[k] - reference[k]));
        }
        return worst;
    }

    @Test
    void potentialFollowsTheEquationsWithSecondOrderError() {
        double[] reference = referencePotential(0.1);
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double v : reference) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        // The inputs move the potential by several mV each way: a test of the synapses, not of rest.
        assertTrue(max > E_L + 4 && min < E_L - 1, "excursion " + min + " .. " + max + " mV");
        double coarse = maxError(0.1);
        double fine = maxError(0.05);
        assertTrue(coarse < 1e-3, "error at dt = 0.1 ms: " + coarse + " mV");
        // Second order: halving the step quarters the error.
        assertEquals(4, coarse / fine, 0.2, "errors " + coarse + " and " + fine + " mV");
    }

    @Test
    void withoutSynapticInputIntervalIsTheLifFormula() {
        // 300 pA over a leak of 10 nS: R I = 30 mV above E_L, against a threshold 10 mV above it.
        LifCondExp.Params p = new LifCondExp.Params(TAU_M, C_M, E_L, -50, -60, 5, 300, E_EX, E_IN, TAU_EX, TAU_IN);
        double dt = 0.1;
        int steps = 10_000;
        LifCondExp.State state = LifCondExp.MODEL.newState(1, p);
        KernelHarness harness = new KernelHarness(1, steps, dt);
        harness.run(LifCondExp.MODEL.prepare(p, new TimeGrid(dt)), state, 0, steps);
        double[] spikes = harness.spikeTimesMs(0);
        double expected = 5 + TAU_M * Math.log(30.0 / 20.0);
        assertTrue(spikes.length > 50, spikes.length + " spikes");
        for (int k = 1; k < spikes.length; k++) {
            assertEquals(expected, spikes[k] - spikes[k - 1], dt, "interval " + k);
        }
    }

    @Test
    void noConductanceCarriesThePotentialPastItsReversal() {
        // Conductances 500 times the leak: a forward Euler step would move V by 5 * (E - V), hundreds of mV.
        LifCondExp.Params p = free();
        double dt = 0.1;
        LifCondExp.State state = LifCondExp.MODEL.newState(1, p);
        KernelHarness harness = new KernelHarness(1, 400, dt);
        harness.inhibitory(0, 0, -5000);
        harness.excitatory(200, 0, 50_000);
        double[] v = new double[400];
        harness.runStepwise(LifCondExp.MODEL.prepare(p, new TimeGrid(dt)), state, 0, 400, step -> v[step] = state.v[0]);
        for (int k = 1; k <= 200; k++) {
            assertTrue(v[k] >= E_IN && v[k] <= E_L, "step " + k + ": " + v[k] + " mV");
        }
        assertEquals(E_IN, v[3], 1.0, "inhibition pulls V close to E_in within steps");
        for (int k = 201; k < 400; k++) {
            assertTrue(v[k] <= E_EX && v[k] >= E_IN, "step " + k + ": " + v[k] + " mV");
        }
        assertEquals(E_EX, v[203], 2.0, "excitation pulls V close to E_ex within steps");
    }

    @Test
    void aNegativeInhibitoryWeightRaisesTheConductanceWhichDecaysWithItsTimeConstant() {
        LifCondExp.Params p = free();
        double dt = 0.1;
        LifCondExp.State state = LifCondExp.MODEL.newState(1, p);
        KernelHarness harness = new KernelHarness(1, 100, dt);
        harness.inhibitory(0, 0, -12);
        harness.excitatory(0, 0, 3);
        harness.run(LifCondExp.MODEL.prepare(p, new TimeGrid(dt)), state, 0, 51);
        // Arrived at the end of step 0 (0.1 ms); 50 steps of decay since.
        assertEquals(12 * Math.exp(-5.0 / TAU_IN), state.gIn[0], 1e-12);
        assertEquals(3 * Math.exp(-5.0 / TAU_EX), state.gEx[0], 1e-12);
        assertTrue(state.v[0] < E_L, "net inhibition hyperpolarises: " + state.v[0]);
    }

    /**
     * With constant coefficients the potential relaxes to {@code V_inf = (g_L E_L + g_ex E_ex + I) /
     * (g_L + g_ex)} with time constant {@code C_m / (g_L + g_ex)}, both from the equation alone. A
     * reversal E_ex = -40 mV (not 0, where its term vanishes) with g_ex = 30 nS against g_L = 10 nS:
     * {@code V_inf = (-600 - 1200) / 40 = -45} mV, reached within 15 exp(-20) mV after 100 ms (tau 5
     * ms); tau_syn_ex = 1e9 ms keeps g_ex within 3e-6 nS of 30, which moves V_inf by 0.125 mV/nS
     * times that. An external current of 200 pA alone: {@code V = E_L + (I / g_L) (1 - exp(-t /
     * tau_m))}, which the kernel solves exactly but for rounding (a few ulps of 60 mV a step).
     */
    @Test
    void theSteadyPotentialWeighsEachReversalByItsConductanceAndAddsTheCurrent() {
        LifCondExp.Params p = new LifCondExp.Params(TAU_M, C_M, E_L, 50, E_L, 5, 0, -40, E_IN, 1e9, TAU_IN);
        double dt = 0.1;
        LifCondExp.State state = LifCondExp.MODEL.newState(2, p);
        state.gEx[0] = 30;
        KernelHarness harness = new KernelHarness(2, 1000, dt);
        harness.current(0, 1000, 1, 200);
        harness.run(LifCondExp.MODEL.prepare(p, new TimeGrid(dt)), state, 0, 1000);
        assertEquals(-45, state.v[0], 1e-6, "conductance");
        assertEquals(E_L + 20 * (1 - Math.exp(-100 / TAU_M)), state.v[1], 1e-9, "current");
    }

    @Test
    void aNegativeConductanceWrittenBetweenRunsIsRefusedByName() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        Population<?, ?> cells = b.population("cells", 3, LifCondExp.MODEL, free());
        try (Engine engine = new Engine(b.build(), EngineOptions.grid(1))) {
            engine.run(1);
            cells.state().values("g_in")[1] = -5;
            ParameterException e = assertThrows(ParameterException.class, () -> engine.run(1));
            assertTrue(e.getMessage().contains("population 'cells'") && e.getMessage().contains("g_in[1]")
                    && e.getMessage().contains("a conductance >= 0") && e.getMessage().contains("-5.0"),
                    e.getMessage());
        }
    }
}
