package org.engram.simulator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.events.EventHandler;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;
import org.engram.simulator.engine.TimeGrid;
import org.junit.jupiter.api.Test;

class AdexTest {
    private static final double DT = 0.1;

    /** Brette and Gerstner's regular-spiking cell (the defaults) with a bias and a refractory period. */
    private static Adex.Params cell(double iE, double tRef) {
        return cell(iE, tRef, Adex.MODEL.defaults().tauSynEx());
    }

    private static Adex.Params cell(double iE, double tRef, double tauSynEx) {
        Adex.Params d = Adex.MODEL.defaults();
        return new Adex.Params(d.cM(), d.gL(), d.eL(), d.vTh(), d.deltaT(), d.vPeak(), d.vReset(), tRef, d.a(), d.b(),
                d.tauW(), iE, tauSynEx, d.tauSynIn());
    }

    /** Input events (ms, pA; negative: inhibitory), each at the end of a step. */
    private record Input(double timeMs, double weight) {
    }

    /**
     * The model's equations solved by an adaptive 8th-order Runge-Kutta method that stops exactly at
     * {@code v_peak}, where the test resets and goes on; inputs jump the synaptic currents at their times.
     */
    private static final class Reference {
        final List<Double> spikes = new ArrayList<>();
        final double[] potential;
        private boolean peaked;

        Reference(Adex.Params p, List<Input> inputs, double untilMs) {
            FirstOrderDifferentialEquations cell = new FirstOrderDifferentialEquations() {
                @Override
                public int getDimension() {
                    return 4;
                }

                @Override
                public void computeDerivatives(double t, double[] y, double[] dy) {
                    double v = Math.min(y[0], p.vPeak());
                    dy[0] = (-p.gL() * (v - p.eL()) + p.gL() * p.deltaT() * Math.exp((v - p.vTh()) / p.deltaT())
                            - y[1] + y[2] + y[3] + p.iE()) / p.cM();
                    dy[1] = (p.a() * (v - p.eL()) - y[1]) / p.tauW();
                    dy[2] = -y[2] / p.tauSynEx();
                    dy[3] = -y[3] / p.tauSynIn();
                }
            };
            DormandPrince853Integrator solver = new DormandPrince853Integrator(1e-14, 0.05, 1e-11, 1e-11);
            solver.addEventHandler(new EventHandler() {
                @Override
                public void init(double t0, double[] y0, double t) {
                }

                @Override
                public double g(double t, double[] y) {
                    return y[0] - p.vPeak();
                }

                @Override
                public Action eventOccurred(double t, double[] y, boolean increasing) {
                    peaked = increasing;
                    return increasing ? Action.STOP : Action.CONTINUE;
                }

                @Override
                public void resetState(double t, double[] y) {
                }
            }, 0.01, 1e-10, 1000);
            int steps = (int) Math.round(untilMs / DT);
            potential = new double[steps];
            double[] y = {p.eL(), 0, 0, 0};
            for (int step = 0; step < steps; step++) {
                double to = (step + 1) * DT;
                double now = step * DT;
                do {
                    peaked = false;
                    now = solver.integrate(cell, now, y, to, y);
                    if (peaked) {
                        // Stopped at the peak: the spike and its reset.
                        spikes.add(now);
                        y[0] = p.vReset();
                        y[1] += p.b();
                    }
                } while (peaked);
                for (Input input : inputs) {
                    if (Math.abs(input.timeMs() - to) < 1e-9) {
                        y[input.weight() > 0 ? 2 : 3] += input.weight();
                    }
                }
                potential[step] = y[0];
            }
        }
    }

    /** Runs one neuron through the kernel; returns the potential after each step, spike times in {@code spikes}. */
    private static double[] kernel(Adex.Params p, List<Input> inputs, double untilMs, List<Double> spikes) {
        int steps = (int) Math.round(untilMs / DT);
        Adex.State state = Adex.MODEL.newState(1, p);
        KernelHarness harness = new KernelHarness(1, steps, DT);
        for (Input input : inputs) {
            int step = (int) Math.round(input.timeMs() / DT) - 1;
            if (input.weight() > 0) {
                harness.excitatory(step, 0, input.weight());
            } else {
                harness.inhibitory(step, 0, input.weight());
            }
        }
        double[] v = new double[steps];
        harness.runStepwise(Adex.MODEL.prepare(p, new TimeGrid(DT)), state, 0, steps, step -> v[step] = state.v[0]);
        for (double t : harness.spikeTimesMs(0)) {
            spikes.add(t);
        }
        return v;
    }

    @Test
    void subthresholdResponseToSynapticInputMatchesRungeKutta() {
        Adex.Params p = cell(0, 0, 2.0);
        List<Input> inputs = List.of(new Input(1.0, 3000), new Input(12.0, -1000), new Input(20.0, 2000),
                new Input(20.3, 2500));
        List<Double> spikes = new ArrayList<>();
        double[] v = kernel(p, inputs, 80, spikes);
        Reference reference = new Reference(p, inputs, 80);
        assertTrue(spikes.isEmpty() && reference.spikes.isEmpty(), "subthreshold: " + spikes + " " + reference.spikes);
        double worst = 0;
        double peak = -Double.MAX_VALUE;
        for (int k = 0; k < v.length; k++) {
            worst = Math.max(worst, Math.abs(v[k] - reference.potential[k]));
            peak = Math.max(peak, reference.potential[k]);
        }
        // The inputs reach well into the range where the exponential term matters (V_T = -50.4 mV).
        assertTrue(peak > -56, "peak " + peak + " mV");
        assertTrue(worst < 1e-4, "largest difference " + worst + " mV");
    }

    @Test
    void adaptingSpikeTrainMatchesRungeKutta() {
        // Cut at V_T + 5 Delta_T, as Brian's example of this cell does: above it the upstroke's slope
        // (10^10 mV/ms at 0 mV) asks the reference for steps below 10^-14 ms.
        Adex.Params d = cell(1000, 0);
        Adex.Params p = new Adex.Params(d.cM(), d.gL(), d.eL(), d.vTh(), d.deltaT(), d.vTh() + 5 * d.deltaT(),
                d.vReset(), d.tRef(), d.a(), d.b(), d.tauW(), d.iE(), d.tauSynEx(), d.tauSynIn());
        List<Double> spikes = new ArrayList<>();
        kernel(p, List.of(), 300, spikes);
        Reference reference = new Reference(p, List.of(), 300);
        assertEquals(reference.spikes.size(), spikes.size(),
                "spike counts: " + spikes + " against " + reference.spikes);
        for (int k = 0; k < spikes.size(); k++) {
            // A grid spike is reported at the end of the step it happens in.
            double late = spikes.get(k) - reference.spikes.get(k);
            assertTrue(late > -0.01 && late < DT + 0.01, "spike " + k + ": " + spikes.get(k) + " against "
                    + reference.spikes.get(k) + " ms");
        }
        double first = spikes.get(1) - spikes.get(0);
        double last = spikes.get(spikes.size() - 1) - spikes.get(spikes.size() - 2);
        assertTrue(spikes.size() > 5 && last > 2 * first, "adaptation: intervals " + first + " then " + last + " ms");
    }

    @Test
    void refractoryPeriodHoldsTheResetForTRefAfterTheSpikeStep() {
        Adex.Params p = cell(1000, 2.0);
        Adex.State state = Adex.MODEL.newState(1, p);
        KernelHarness harness = new KernelHarness(1, 1000, DT);
        double[] v = new double[1000];
        double[] w = new double[1000];
        harness.runStepwise(Adex.MODEL.prepare(p, new TimeGrid(DT)), state, 0, 1000, step -> {
            v[step] = state.v[0];
            w[step] = state.w[0];
        });
        int spikeStep = (int) Math.round(harness.spikeTimesMs(0)[0] / DT) - 1;
        for (int k = spikeStep; k <= spikeStep + 20; k++) {
            assertEquals(p.vReset(), v[k], 0.0, "held at step " + k);
        }
        assertNotEquals(p.vReset(), v[spikeStep + 21], "free again after 2 ms");
        assertNotEquals(w[spikeStep + 1], w[spikeStep + 20], "w goes on while V is held");
    }
}
