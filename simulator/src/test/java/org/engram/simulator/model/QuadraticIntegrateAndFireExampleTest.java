package org.engram.simulator.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.TimeGrid;
import org.junit.jupiter.api.Test;

/** A user-defined model written only against the public SPI, as the README shows it. */
public class QuadraticIntegrateAndFireExampleTest {

    /** Quadratic integrate-and-fire: tau dv/dt = v^2 + I (v dimensionless); at v_peak, v -> v_reset. */
    public static final class Qif implements NeuronModel<Qif.Params, Qif.State> {

        /** Time constant tau (ms), reset and peak of v, constant drive i_e > 0; an input makes v jump by its weight. */
        public record Params(double tau, double vReset, double vPeak, double iE) {
            public Params {
                ParameterException.requirePositive("qif", "tau", tau, "ms");
                ParameterException.requirePositive("qif", "i_e", iE, "1");
                if (!(vReset < vPeak)) {
                    throw new ParameterException("qif", "v_reset", "a value < v_peak = " + vPeak, vReset);
                }
            }
        }

        /** One array per state variable, registered for monitors. */
        public static final class State extends NeuronState {
            final double[] v;

            State(int size, Params p) {
                super(size);
                v = variable("v", "1");
                Arrays.fill(v, p.vReset());
            }
        }

        @Override public String name() { return "qif"; }
        @Override public Class<Params> parametersType() { return Params.class; }
        @Override public Params defaults() { return new Params(10, -10, 10, 1); }
        @Override public State newState(int size, Params p) { return new State(size, p); }

        /** Exact for constant I: v(t) = r tan(r t/tau + atan(v0/r)), r = sqrt(I); a step is v -> (v + I k)/(1 - v k), k = tan(r dt/tau)/r. */
        @Override
        public Kernel<State> prepare(Params p, TimeGrid grid) {
            double r = Math.sqrt(p.iE());
            if (!(r * grid.dtMs() / p.tau() < Math.PI / 2)) {
                throw new ParameterException("qif", "dt", "a step < pi tau / (2 sqrt(i_e)) (ms)", grid.dtMs());
            }
            double k = StrictMath.tan(r * grid.dtMs() / p.tau()) / r;
            double drive = p.iE();
            double vReset = p.vReset();
            double vPeak = p.vPeak();
            return (s, lo, hi, fromStep, toStep, in, out) -> {
                for (int step = fromStep; step < toStep; step++) {
                    int row = in.row(step);
                    for (int i = lo; i < hi; i++) {
                        double denominator = 1 - s.v[i] * k;   // <= 0: v passed through infinity in this step
                        s.v[i] = (s.v[i] + drive * k) / denominator + in.excitatory(row, i) + in.inhibitory(row, i);
                        if (denominator <= 0 || s.v[i] >= vPeak) {
                            s.v[i] = vReset;
                            out.spike(i, step);
                        }
                    }
                }
            };
        }
    }

    private static double[] run(Qif.Params p, double dtMs, int steps) {
        Qif model = new Qif();
        Qif.State state = model.newState(1, p);
        KernelHarness harness = new KernelHarness(1, steps, dtMs);
        harness.run(model.prepare(p, new TimeGrid(dtMs)), state, 0, steps);
        return harness.spikeTimesMs(0);
    }

    /**
     * Every interval starts from a reset on a grid point and the kernel is exact, so it is the analytic
     * time from v_reset to v_peak rounded up to the grid: in [T, T + dt] (1e-9 for the rounding of step * dt).
     */
    private static void assertIntervals(double[] spikes, double period, double dtMs) {
        assertTrue(spikes.length > 10, "expected regular firing, got " + spikes.length + " spikes");
        for (int k = 1; k < spikes.length; k++) {
            double isi = spikes[k] - spikes[k - 1];
            assertTrue(isi >= period - 1e-9 && isi <= period + dtMs + 1e-9, "interval " + isi + ", analytic " + period);
        }
    }

    @Test
    void periodMatchesArctanFormula() {
        // Integrating dt = tau dv / (v^2 + I) from v_reset to v_peak: T = tau/sqrt(I) (atan(v_p/sqrt(I)) - atan(v_r/sqrt(I))).
        Qif.Params p = new Qif.Params(10, -10, 10, 0.5);
        double r = Math.sqrt(0.5);
        double period = 10 / r * (Math.atan(10 / r) - Math.atan(-10 / r));
        assertIntervals(run(p, 0.1, 5000), period, 0.1);
    }

    @Test
    void periodTendsToPiOverSqrtDriveForInfiniteResetAndPeak() {
        // From -infinity to +infinity the arctan difference is pi: T = pi tau / sqrt(I); starting from v_r = -1e12
        // instead of -infinity saves tau / |v_r| = 1e-11 ms.
        Qif.Params p = new Qif.Params(10, -1e12, Double.POSITIVE_INFINITY, 2);
        double period = Math.PI * 10 / Math.sqrt(2) - 10 / 1e12;
        assertIntervals(run(p, 0.1, 5000), period, 0.1);
    }
}
