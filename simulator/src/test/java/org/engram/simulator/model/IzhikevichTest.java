package org.engram.simulator.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.TimeGrid;
import org.junit.jupiter.api.Test;

class IzhikevichTest {
    private static final double DT = 0.1;
    private static final int STEPS = 10_000;
    private static final double INPUT = 10;

    /** Spike times of the grid kernel under a step current of 10 for 1000 ms (current input, not bias). */
    private static double[] gridSpikes(Izhikevich.Params p) {
        Izhikevich.State state = Izhikevich.MODEL.newState(1, p);
        KernelHarness harness = new KernelHarness(1, STEPS, DT);
        harness.current(0, STEPS, 0, INPUT);
        harness.run(Izhikevich.MODEL.prepare(p, new TimeGrid(DT)), state, 0, STEPS);
        return harness.spikeTimesMs(0);
    }

    /** Independent reference: classical RK4 at 0.001 ms with the same peak-and-reset rule. */
    private static double[] referenceSpikes(Izhikevich.Params p) {
        double h = 0.001;
        double v = p.vInit();
        double u = p.uInit();
        List<Double> spikes = new ArrayList<>();
        for (int k = 0; k < 1_000_000; k++) {
            double k1v = dv(v, u);
            double k1u = du(p, v, u);
            double k2v = dv(v + 0.5 * h * k1v, u + 0.5 * h * k1u);
            double k2u = du(p, v + 0.5 * h * k1v, u + 0.5 * h * k1u);
            double k3v = dv(v + 0.5 * h * k2v, u + 0.5 * h * k2u);
            double k3u = du(p, v + 0.5 * h * k2v, u + 0.5 * h * k2u);
            double k4v = dv(v + h * k3v, u + h * k3u);
            double k4u = du(p, v + h * k3v, u + h * k3u);
            v += h / 6 * (k1v + 2 * k2v + 2 * k3v + k4v);
            u += h / 6 * (k1u + 2 * k2u + 2 * k3u + k4u);
            if (v >= 30) {
                v = p.c();
                u += p.d();
                spikes.add((k + 1) * h);
            }
        }
        return spikes.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double dv(double v, double u) {
        return 0.04 * v * v + 5 * v + 140 - u + INPUT;
    }

    private static double du(Izhikevich.Params p, double v, double u) {
        return p.a() * (p.b() * v - u);
    }

    /**
     * Forward Euler has first-order global error: the drift of the last fast-spiking spike time against the
     * reference was measured at 4.8 ms for 0.01 ms substeps, 2.4 ms for 0.005 ms (the kernel's) and 0.9 ms for
     * 0.002 ms, with equal counts (23 regular, 137 fast). The bounds are twice the measured drift, and one spike
     * of the count (an interval cut by the end of the run).
     */
    private static void assertAgreesWithReference(Izhikevich.Params p, double timeTolerance) {
        double[] grid = gridSpikes(p);
        double[] reference = referenceSpikes(p);
        assertEquals(reference.length, grid.length, 1, "spike count");
        for (int k = 0; k < Math.min(grid.length, reference.length); k++) {
            // The grid reports the end of the step of the crossing: up to dt later, inside the tolerance.
            assertEquals(reference[k], grid[k], timeTolerance, "spike " + k);
        }
    }

    @Test
    void regularSpikingMatchesReferenceIntegration() {
        assertAgreesWithReference(Izhikevich.regularSpiking(), 1.0);
    }

    @Test
    void fastSpikingMatchesReferenceIntegration() {
        assertAgreesWithReference(Izhikevich.fastSpiking(), 5.0);
    }

    @Test
    void regularSpikingAdapts() {
        double[] spikes = gridSpikes(Izhikevich.regularSpiking());
        double first = spikes[1] - spikes[0];
        double last = spikes[spikes.length - 1] - spikes[spikes.length - 2];
        // Izhikevich (2003), Fig. 2: a few short intervals, then the period increases (here 23 ms -> 45 ms).
        assertTrue(first < 0.6 * last, "first interval " + first + " ms, last " + last + " ms");
    }

    @Test
    void fastSpikingFiresMuchFasterWithoutFurtherSlowing() {
        double[] regular = gridSpikes(Izhikevich.regularSpiking());
        double[] fast = gridSpikes(Izhikevich.fastSpiking());
        assertTrue(fast.length > 100 && fast.length > 4 * regular.length,
                "fast " + fast.length + " spikes, regular " + regular.length);
        // Tonic firing: once the first 20 ms have passed, the intervals stay constant up to the grid's rounding
        // of each spike time (two steps).
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (int k = 1; k < fast.length; k++) {
            if (fast[k - 1] >= 20) {
                min = Math.min(min, fast[k] - fast[k - 1]);
                max = Math.max(max, fast[k] - fast[k - 1]);
            }
        }
        assertTrue(max - min <= 2 * DT + 1e-9, "intervals between " + min + " and " + max + " ms");
    }

    @Test
    void synapticInputMakesVoltageJump() {
        Izhikevich.Params p = Izhikevich.regularSpiking();
        Izhikevich.State state = Izhikevich.MODEL.newState(3, p);
        KernelHarness harness = new KernelHarness(3, 1, DT);
        harness.excitatory(0, 1, 5.0);
        harness.inhibitory(0, 2, -5.0);
        harness.run(Izhikevich.MODEL.prepare(p, new TimeGrid(DT)), state, 0, 1);
        // The neurons integrate the same step from the same state; neuron 1 then receives +5 mV at its end,
        // neuron 2 -5 mV.
        assertEquals(5.0, state.v[1] - state.v[0], 1e-12);
        assertEquals(-5.0, state.v[2] - state.v[0], 1e-12);
        assertEquals(state.u[0], state.u[1], 0);
        assertEquals(state.u[0], state.u[2], 0);
    }

    /**
     * A jump of 120 mV from near rest (-65 mV) passes the 30 mV peak at the end of the step it
     * arrives in: the neuron spikes in that step and is reset as at a peak reached by integration,
     * {@code v = c} and {@code u + d}, where {@code u} is that of a twin neuron without the input.
     */
    @Test
    void aJumpPastThePeakSpikesAndResets() {
        Izhikevich.Params p = Izhikevich.regularSpiking();
        Izhikevich.State state = Izhikevich.MODEL.newState(2, p);
        KernelHarness harness = new KernelHarness(2, 10, DT);
        harness.excitatory(3, 1, 120.0);
        harness.run(Izhikevich.MODEL.prepare(p, new TimeGrid(DT)), state, 0, 4);
        assertEquals(0, harness.spikeTimesMs(0).length, "the twin stays quiet");
        assertEquals(1, harness.spikeTimesMs(1).length, "one spike");
        assertEquals(4 * DT, harness.spikeTimesMs(1)[0], 1e-12, "at the end of step 3");
        assertEquals(p.c(), state.v[1], 0);
        assertEquals(state.u[0] + p.d(), state.u[1], 1e-12);
    }

    /**
     * A jump that lands exactly on the peak spikes, as the rule {@code v >= 30} says (Izhikevich 2003;
     * NEST's and Brian2's {@code izhikevich} test the same). At {@code v = 0, u = 0} with a bias of -140 the
     * neuron is at an equilibrium that floating point keeps exactly ({@code dv/dt = 140 - 0 - 140 = 0},
     * {@code du/dt = a (b 0 - 0) = 0}), so a jump of 30 mV takes it to 30 mV exactly: it spikes and is
     * reset to {@code v = c, u = d}, while a twin without the jump stays at the equilibrium.
     */
    @Test
    void aJumpExactlyToThePeakSpikes() {
        Izhikevich.Params p = new Izhikevich.Params(0.02, 0.2, -65, 8, 0, 0, -140);
        Izhikevich.State state = Izhikevich.MODEL.newState(2, p);
        KernelHarness harness = new KernelHarness(2, 10, DT);
        harness.excitatory(3, 1, 30.0);
        harness.run(Izhikevich.MODEL.prepare(p, new TimeGrid(DT)), state, 0, 4);
        assertEquals(0, state.v[0], 0, "the twin stays at the equilibrium");
        assertEquals(0, state.u[0], 0);
        assertArrayEquals(new double[] {4 * DT}, harness.spikeTimesMs(1), 1e-12, "a spike at the end of step 3");
        assertEquals(p.c(), state.v[1], 0);
        assertEquals(p.d(), state.u[1], 0);
    }

    /**
     * A substep that lands exactly on the peak spikes there, and the next substep starts from the reset.
     * With {@code dt = 2^-7} ms the kernel takes two substeps of {@code h = 2^-8} ms, exact in binary. From
     * the equilibrium {@code v = 0, u = 0} under a bias of -140, a current of 7680 gives {@code dv/dt = 7680}
     * and {@code v = 7680 / 256 = 30} exactly after the first substep, while {@code du/dt = a (b 0 - 0) = 0};
     * the reset makes it {@code v = -65, u = 8}. The second substep, by hand:
     * {@code dv/dt = 0.04 * 4225 - 325 + 140 - 8 - 140 + 7680 = 7516}, {@code v = -65 + 7516 / 256 = -35.640625};
     * {@code du/dt = 0.02 (0.2 (-65) - 8) = -0.42}, {@code u = 8 - 0.42 / 256 = 7.998359375}.
     */
    @Test
    void aSubstepExactlyAtThePeakSpikesAndTheNextStartsFromTheReset() {
        double dt = 0.0078125;
        Izhikevich.Params p = new Izhikevich.Params(0.02, 0.2, -65, 8, 0, 0, -140);
        Izhikevich.State state = Izhikevich.MODEL.newState(1, p);
        KernelHarness harness = new KernelHarness(1, 1, dt);
        harness.current(0, 1, 0, 7680);
        harness.run(Izhikevich.MODEL.prepare(p, new TimeGrid(dt)), state, 0, 1);
        assertArrayEquals(new double[] {dt}, harness.spikeTimesMs(0), 0, "one spike, in the step");
        // 0.04 and 0.02 are not binary fractions: a few ulps of the terms, far below 1e-12.
        assertEquals(-35.640625, state.v[0], 1e-12);
        assertEquals(7.998359375, state.u[0], 1e-12);
    }

    /**
     * NEST's {@code izhikevich} lets a config set its spike cut-off {@code V_th}; here the peak is fixed, and
     * the refusal says so rather than suggesting the closest name. The defaults are Izhikevich's (2003)
     * regular-spiking cell: {@code a = 0.02, b = 0.2, c = -65, d = 8}, starting at {@code v = -65, u = b v}.
     */
    @Test
    void settingTheSpikeCutOffIsRefusedNamingTheFixedPeak() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> Izhikevich.MODEL.defaultsWith(Map.of("V_th", 30.0)));
        assertTrue(e.hint().startsWith("izhikevich resets v when it reaches 30.0 mV"), e.hint());
        ParameterException typo = assertThrows(ParameterException.class,
                () -> Izhikevich.MODEL.defaultsWith(Map.of("dd", 2.0)));
        assertEquals("did you mean 'd'?", typo.hint());
        assertEquals(new Izhikevich.Params(0.02, 0.2, -65, 8, -65, -13, 0),
                Izhikevich.MODEL.defaultsWith(Map.of()));
    }

    /**
     * The equation adds the bias and the external current, {@code I_e + I(t)}: the regular-spiking
     * cell with a bias of 10 and no current source fires exactly as with a current of 10 and no bias.
     */
    @Test
    void aBiasActsAsAnExternalCurrentDoes() {
        Izhikevich.Params rs = Izhikevich.regularSpiking();
        Izhikevich.Params biased = rs.withBias(INPUT);
        assertEquals(new Izhikevich.Params(rs.a(), rs.b(), rs.c(), rs.d(), rs.vInit(), rs.uInit(), INPUT), biased);
        Izhikevich.State state = Izhikevich.MODEL.newState(1, biased);
        KernelHarness harness = new KernelHarness(1, STEPS, DT);
        harness.run(Izhikevich.MODEL.prepare(biased, new TimeGrid(DT)), state, 0, STEPS);
        double[] spikes = harness.spikeTimesMs(0);
        assertTrue(spikes.length > 10, spikes.length + " spikes");
        assertArrayEquals(gridSpikes(rs), spikes);
    }

    /**
     * Input that drives v below where an Euler substep converges fails with a message that names the neuron and
     * its state. A current of -1e8 had the first substep take v to -5e5 mV and the next to +1e8, a spike, ten a
     * step from a hyperpolarising input; a synaptic jump of -1e6 mV did the same at the next substep.
     */
    @Test
    void inputThatDrivesVWhereEulerDivergesFailsClearly() {
        Izhikevich.Params p = Izhikevich.regularSpiking();
        Izhikevich.State byCurrent = Izhikevich.MODEL.newState(1, p);
        KernelHarness current = new KernelHarness(1, 20, DT);
        current.current(0, 20, 0, -1e8);
        ArithmeticException driven = assertThrows(ArithmeticException.class,
                () -> current.run(Izhikevich.MODEL.prepare(p, new TimeGrid(DT)), byCurrent, 0, 20));
        assertTrue(driven.getMessage().startsWith("izhikevich neuron 0: v = -500"), driven.getMessage());
        assertTrue(driven.getMessage().contains("input current -1.0E8: below -5062.5 mV, where the Euler substep of"
                + " 0.005 ms diverges"), driven.getMessage());
        assertEquals(0, current.spikeTimesMs(0).length, "no spike before the failure");
        // -5e5 holds v near its fixed point, (-5 - sqrt(25 - 0.16 (140 - u + I))) / 0.08, about -3,600 mV,
        // where the substeps converge: nothing fails.
        Izhikevich.State held = Izhikevich.MODEL.newState(1, p);
        KernelHarness strong = new KernelHarness(1, 200, DT);
        strong.current(0, 200, 0, -5e5);
        strong.run(Izhikevich.MODEL.prepare(p, new TimeGrid(DT)), held, 0, 200);
        assertEquals(0, strong.spikeTimesMs(0).length);
        assertTrue(held.v[0] < -3500 && held.v[0] > -3700, "v = " + held.v[0]);
        Izhikevich.State jumped = Izhikevich.MODEL.newState(1, p);
        KernelHarness jump = new KernelHarness(1, 3, DT);
        jump.inhibitory(0, 0, -1e6);
        ArithmeticException byJump = assertThrows(ArithmeticException.class,
                () -> jump.run(Izhikevich.MODEL.prepare(p, new TimeGrid(DT)), jumped, 0, 3));
        assertTrue(byJump.getMessage().startsWith("izhikevich neuron 0: v = -1000065."), byJump.getMessage());
    }
}
