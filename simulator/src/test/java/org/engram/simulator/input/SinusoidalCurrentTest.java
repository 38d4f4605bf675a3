package org.engram.simulator.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.engine.Mode;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.monitor.StateRecorder;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;

/**
 * A sinusoidal current: its mean over an interval against a numerical integral, and a LIF neuron
 * held below threshold against the closed-form response to the continuous sinusoid.
 */
class SinusoidalCurrentTest {
    private static final double TAU_M = 10;
    private static final double C_M = 250;
    private static final double R = TAU_M / C_M;
    private static final double AMPLITUDE = 100;
    private static final double FREQUENCY = 20;
    private static final double PHASE = 30;

    private static NetworkBuilder builder() {
        return new NetworkBuilder(0.1).seed(1);
    }

    /** A lif_delta population at rest 0 mV whose threshold the current never reaches. */
    private static Population<?, ?> cells(NetworkBuilder b, int size) {
        return b.population("cells", size, LifDelta.MODEL, new LifDelta.Params(TAU_M, C_M, 0, 1000, 0, 2, 0));
    }

    /** Simpson's rule with 2,000 panels: the mean of the sinusoid over [a, b] to 1e-12 of its amplitude. */
    private static double simpsonMean(SinusoidalCurrent c, double a, double b) {
        int n = 2000;
        double h = (b - a) / n;
        double w = 2 * Math.PI * c.frequencyHz() / 1000;
        double phase = Math.toRadians(c.phaseDeg());
        double sum = 0;
        for (int k = 0; k <= n; k++) {
            double weight = k == 0 || k == n ? 1 : k % 2 == 1 ? 4 : 2;
            sum += weight * Math.sin(w * (a + k * h) + phase);
        }
        return c.offsetPa() + c.amplitudePa() * sum * h / 3 / (b - a);
    }

    @Test
    void theMeanOverAnIntervalIsTheIntegralsMean() {
        Population<?, ?> p = cells(builder(), 1);
        SinusoidalCurrent c = new SinusoidalCurrent(p, null, AMPLITUDE, FREQUENCY, PHASE, 7);
        for (double[] interval : new double[][] {{0, 0.1}, {12.3, 12.4}, {0, 37}, {1000, 1000.01}, {5, 80}}) {
            assertEquals(simpsonMean(c, interval[0], interval[1]), c.meanPa(interval[0], interval[1]), 1e-9,
                    interval[0] + " to " + interval[1]);
        }
        SinusoidalCurrent still = new SinusoidalCurrent(p, null, AMPLITUDE, 0, PHASE, 7);
        assertEquals(7 + AMPLITUDE * 0.5, still.meanPa(3, 4), 1e-12, "0 Hz: the offset and amplitude sin(phase)");
    }

    @Test
    void theStepMeansAreTheMeansOverTheSteps() {
        Population<?, ?> p = cells(builder(), 1);
        SinusoidalCurrent c = new SinusoidalCurrent(p, null, AMPLITUDE, FREQUENCY, PHASE, 7);
        SinusoidalCurrent.StepMeans steps = c.stepMeans(0.1);
        for (long step : new long[] {0, 1, 17, 123_456, 360_000_000L}) {
            // Ten hours in, a step's middle is known to an ulp of its time, 7e-9 ms: 1e-7 pA at 20 Hz.
            assertEquals(c.meanPa(step * 0.1, (step + 1) * 0.1), steps.at(step), 1e-6, "step " + step);
        }
    }

    /**
     * A second engine on the network starts the sinusoid again from its own time 0, as current
     * sources follow each engine's clock: its trace is that of a fresh network from the same potential.
     */
    @Test
    void aLaterEngineStartsTheSinusoidFromItsOwnTimeZero() {
        NetworkBuilder b = builder();
        Population<?, ?> p = cells(b, 1);
        b.sinusoid(new SinusoidalCurrent(p, null, AMPLITUDE, FREQUENCY, PHASE, 0));
        Network net = b.build();
        try (Engine first = new Engine(net, EngineOptions.grid(1))) {
            first.run(25);
        }
        double left = p.values("v")[0];
        double[] continued;
        try (Engine second = new Engine(net, EngineOptions.grid(1))) {
            StateRecorder r = second.recordState(p, "v", new int[] {0}, 0.1);
            second.run(25);
            continued = r.trace(0);
        }
        NetworkBuilder fresh = builder();
        Population<?, ?> q = cells(fresh, 1);
        fresh.sinusoid(new SinusoidalCurrent(q, null, AMPLITUDE, FREQUENCY, PHASE, 0));
        Network other = fresh.build();
        q.values("v")[0] = left;
        try (Engine e = new Engine(other, EngineOptions.grid(1))) {
            StateRecorder r = e.recordState(q, "v", new int[] {0}, 0.1);
            e.run(25);
            assertArrayEquals(r.trace(0), continued, 0);
        }
    }

    /**
     * tau_m u' = -u + R I(t), u(0) = 0, I = A sin(w t + phi): u = R A / (1 + (w tau)^2) (sin(w t + phi)
     * - w tau cos(w t + phi)) + K exp(-t / tau), K taking u(0) to 0.
     */
    private static double response(double tMs) {
        double w = 2 * Math.PI * FREQUENCY / 1000;
        double phi = Math.toRadians(PHASE);
        double gain = R * AMPLITUDE / (1 + w * TAU_M * w * TAU_M);
        double steady = gain * (Math.sin(w * tMs + phi) - w * TAU_M * Math.cos(w * tMs + phi));
        double start = gain * (Math.sin(phi) - w * TAU_M * Math.cos(phi));
        return steady - start * Math.exp(-tMs / TAU_M);
    }

    /**
     * The step means make the potential at every step's end the continuous current's response within
     * 5e-5 mV of its 5 mV swing (2.8e-5 mV at most over these 200 ms, by the recursion worked out
     * apart); the sinusoid's value at each step's start, which lags by half a step, would be off by up
     * to 0.017 mV.
     */
    @Test
    void aLifNeuronFollowsTheContinuousSinusoidsResponseInBothModes() {
        double[][] traces = new double[2][];
        for (Mode mode : Mode.values()) {
            NetworkBuilder b = builder();
            Population<?, ?> p = cells(b, 3);
            b.sinusoid(new SinusoidalCurrent(p, new int[] {0, 2}, AMPLITUDE, FREQUENCY, PHASE, 0));
            EngineOptions options = mode == Mode.GRID ? EngineOptions.grid(1) : EngineOptions.precise(1);
            try (Engine e = new Engine(b.build(), options)) {
                StateRecorder r = e.recordState(p, "v", new int[] {0, 1, 2}, 0.1);
                e.run(200);
                traces[mode.ordinal()] = r.trace(0);
                for (int k = 0; k < r.sampleCount(); k++) {
                    double t = (k + 1) * 0.1;
                    assertEquals(response(t), r.value(k, 0), 5e-5, mode + ", t = " + t);
                    assertEquals(r.value(k, 0), r.value(k, 2), 0, "both chosen neurons");
                    assertEquals(0, r.value(k, 1), 0, "the neuron not chosen stays at rest");
                }
            }
        }
        assertArrayEquals(traces[0], traces[1], 1e-9, "grid and precise mode");
    }

    @Test
    void badValuesAreNamed() {
        Population<?, ?> p = cells(builder(), 1);
        ParameterException e = assertThrows(ParameterException.class,
                () -> new SinusoidalCurrent(p, null, AMPLITUDE, -1, 0, 0));
        assertTrue(e.getMessage().startsWith("sinusoidal current into 'cells': frequency_hz"), e.getMessage());
        e = assertThrows(ParameterException.class, () -> new SinusoidalCurrent(p, null, Double.NaN, 1, 0, 0));
        assertTrue(e.getMessage().contains("amplitude_pa"), e.getMessage());
        e = assertThrows(ParameterException.class, () -> new SinusoidalCurrent(p, new int[] {1}, 1, 1, 0, 0));
        assertTrue(e.getMessage().contains("neurons"), e.getMessage());
    }
}
