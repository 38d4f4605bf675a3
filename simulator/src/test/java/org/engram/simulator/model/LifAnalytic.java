package org.engram.simulator.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;

/**
 * The closed form that tests hold a LIF neuron under a constant current to, and a first crossing found
 * by scanning a closed form.
 */
public final class LifAnalytic {
    /**
     * A cell for tests of the closed forms: NEST's {@code iaf_psc_delta} defaults but for a reset of
     * -68 mV, apart from rest so that the interval's two logarithm arguments differ, and no bias.
     */
    public static final LifDelta.Params CELL = new LifDelta.Params(10.0, 250.0, -70.0, -55.0, -68.0, 2.0, 0);

    private LifAnalytic() {
    }

    /**
     * @param iE a bias current (pA)
     * @return {@link #CELL} with that bias {@code i_e}
     */
    public static LifDelta.Params cellWithBias(double iE) {
        return new LifDelta.Params(CELL.tauM(), CELL.cM(), CELL.eL(), CELL.vTh(), CELL.vReset(), CELL.tRef(), iE);
    }

    /**
     * The inter-spike interval of a {@code lif_delta} neuron under a constant current {@code I} above
     * its rheobase: {@code t_ref + tau_m ln((R I - (V_reset - E_L)) / (R I - (V_th - E_L)))}.
     *
     * @param p       the neuron's parameters; {@code I} is their bias {@code i_e} plus {@code extraPa}
     * @param extraPa a current beside the bias (pA)
     * @return the interval in ms
     */
    public static double isiMs(LifDelta.Params p, double extraPa) {
        double drive = p.resistance() * (p.iE() + extraPa);
        return p.tRef() + p.tauM() * Math.log((drive - (p.vReset() - p.eL())) / (drive - (p.vTh() - p.eL())));
    }

    /**
     * Asserts a regular grid train: every interval in {@code [isi, isi + dt]}, as the clamp of
     * exactly {@code t_ref} steps and the crossing rounded up to the grid give, and more than 50 spikes.
     *
     * @param spikes the spike times (ms)
     * @param isiMs  the closed-form interval (ms)
     * @param dtMs   the time step (ms)
     */
    static void assertGridIntervals(double[] spikes, double isiMs, double dtMs) {
        assertTrue(spikes.length > 50, spikes.length + " spikes");
        for (int k = 1; k < spikes.length; k++) {
            double measured = spikes[k] - spikes[k - 1];
            assertTrue(measured >= isiMs - 1e-9 && measured <= isiMs + dtMs + 1e-9,
                    "interval " + k + " = " + measured);
        }
    }

    /**
     * The first time in (0, untilMs] at which {@code u} reaches {@code theta}, or NaN: a scan of the closed form
     * every 0.001 ms refined by bisection to below 1e-15 ms.
     */
    static double firstCrossing(DoubleUnaryOperator u, double theta, double untilMs) {
        for (int k = 1; k <= Math.round(untilMs * 1000); k++) {
            if (u.applyAsDouble(k * 1e-3) >= theta) {
                double lo = (k - 1) * 1e-3;
                double hi = k * 1e-3;
                for (int b = 0; b < 60; b++) {
                    double mid = 0.5 * (lo + hi);
                    if (u.applyAsDouble(mid) >= theta) {
                        hi = mid;
                    } else {
                        lo = mid;
                    }
                }
                return hi;
            }
        }
        return Double.NaN;
    }
}
