package org.engram.simulator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.TimeGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ParameterValidationTest {
    private static final double NAN = Double.NaN;

    static Stream<Arguments> badParameters() {
        return Stream.of(
                Arguments.of("lif_delta", "tau_m", "0.0",
                        (Executable) () -> new LifDelta.Params(0, 250, -70, -55, -70, 2, 0)),
                Arguments.of("lif_delta", "v_reset", "-50.0",
                        (Executable) () -> new LifDelta.Params(10, 250, -70, -55, -50, 2, 0)),
                Arguments.of("lif_exp", "tau_m", "-5.0",
                        (Executable) () -> new LifExp.Params(-5, 250, -70, -55, -70, 2, 0, 2, 2)),
                Arguments.of("lif_exp", "tau_syn_ex", "0.0",
                        (Executable) () -> new LifExp.Params(10, 250, -70, -55, -70, 2, 0, 0, 2)),
                Arguments.of("lif_exp", "tau_syn_in", "-1.0",
                        (Executable) () -> new LifExp.Params(10, 250, -70, -55, -70, 2, 0, 2, -1)),
                Arguments.of("lif_exp", "v_reset", "-55.0",
                        (Executable) () -> new LifExp.Params(10, 250, -70, -55, -55, 2, 0, 2, 2)),
                Arguments.of("lif_exp", "c_m", "NaN",
                        (Executable) () -> new LifExp.Params(10, NAN, -70, -55, -70, 2, 0, 2, 2)),
                Arguments.of("lif_exp", "v_th", "NaN",
                        (Executable) () -> new LifExp.Params(10, 250, -70, NAN, -70, 2, 0, 2, 2)),
                Arguments.of("lif_exp", "t_ref", "-1.0",
                        (Executable) () -> new LifExp.Params(10, 250, -70, -55, -70, -1, 0, 2, 2)),
                Arguments.of("lif_cond_exp", "e_in", "NaN",
                        (Executable) () -> new LifCondExp.Params(10, 250, -70, -55, -70, 2, 0, 0, NAN, 2, 2)),
                Arguments.of("lif_cond_exp", "e_ex", "Infinity",
                        (Executable) () -> new LifCondExp.Params(10, 250, -70, -55, -70, 2, 0, 1 / 0.0, -85, 2, 2)),
                Arguments.of("lif_cond_exp", "e_in", "10.0",
                        (Executable) () -> new LifCondExp.Params(10, 250, -70, -55, -70, 2, 0, 0, 10, 2, 2)),
                Arguments.of("lif_cond_exp", "e_in", "0.0",
                        (Executable) () -> new LifCondExp.Params(10, 250, -70, -55, -70, 2, 0, 0, 0, 2, 2)),
                Arguments.of("lif_cond_exp", "tau_syn_in", "0.0",
                        (Executable) () -> new LifCondExp.Params(10, 250, -70, -55, -70, 2, 0, 0, -85, 2, 0)),
                Arguments.of("lif_cond_exp", "v_reset", "-50.0",
                        (Executable) () -> new LifCondExp.Params(10, 250, -70, -55, -50, 2, 0, 0, -85, 2, 2)),
                Arguments.of("adex", "delta_t", "-1.0",
                        (Executable) () -> new Adex.Params(281, 30, -70, -50, -1, 0, -60, 0, 4, 80, 144, 0, 2, 2)),
                Arguments.of("adex", "v_reset", "-45.0",
                        (Executable) () -> new Adex.Params(281, 30, -70, -50, 0, 0, -45, 0, 4, 80, 144, 0, 2, 2)),
                Arguments.of("adex", "v_peak", "-55.0",
                        (Executable) () -> new Adex.Params(281, 30, -70, -50, 2, -55, -60, 0, 4, 80, 144, 0, 2, 2)),
                Arguments.of("adex", "v_peak", "960.0",
                        (Executable) () -> new Adex.Params(281, 30, -70, -50, 2, 960, -60, 0, 4, 80, 144, 0, 2, 2)),
                Arguments.of("adex", "v_reset", "0.0",
                        (Executable) () -> new Adex.Params(281, 30, -70, -50, 2, 0, 0, 0, 4, 80, 144, 0, 2, 2)),
                // v_peak must be above v_th, not at it.
                Arguments.of("adex", "v_peak", "-50.0",
                        (Executable) () -> new Adex.Params(281, 30, -70, -50, 2, -50, -60, 0, 4, 80, 144, 0, 2, 2)),
                // With delta_t = 0 spikes are cut at v_th: a reset there would spike again at once.
                Arguments.of("adex", "v_reset", "-50.0",
                        (Executable) () -> new Adex.Params(281, 30, -70, -50, 0, 0, -50, 0, 4, 80, 144, 0, 2, 2)),
                Arguments.of("adex", "tau_syn_ex", "0.0",
                        (Executable) () -> new Adex.Params(281, 30, -70, -50, 2, 0, -60, 0, 4, 80, 144, 0, 0, 2)),
                Arguments.of("adex", "tau_w", "0.0",
                        (Executable) () -> new Adex.Params(281, 30, -70, -50, 2, 0, -60, 0, 4, 80, 0, 0, 2, 2)),
                Arguments.of("adex", "tau_w", "0.004",
                        (Executable) () -> new Adex.Params(281, 30, -70, -50, 2, 0, -60, 0, 4, 80, 0.004, 0, 2, 2)),
                Arguments.of("adex", "c_m", "0.1 pF over 30.0 nS",
                        (Executable) () -> new Adex.Params(0.1, 30, -70, -50, 2, 0, -60, 0, 4, 80, 144, 0, 2, 2)),
                Arguments.of("adex", "a", "NaN",
                        (Executable) () -> new Adex.Params(281, 30, -70, -50, 2, 0, -60, 0, NAN, 80, 144, 0, 2, 2)),
                Arguments.of("adex_cond", "e_in", "0.0",
                        (Executable) () -> adexCond(2, 0, 144, 0, 0, 0.2)),
                Arguments.of("adex_cond", "e_ex", "NaN",
                        (Executable) () -> adexCond(2, 0, 144, NAN, -85, 0.2)),
                Arguments.of("adex_cond", "tau_syn_ex", "-0.2",
                        (Executable) () -> adexCond(2, 0, 144, 0, -85, -0.2)),
                Arguments.of("adex_cond", "v_peak", "-55.0",
                        (Executable) () -> adexCond(2, -55, 144, 0, -85, 0.2)),
                Arguments.of("adex_cond", "delta_t", "-1.0",
                        (Executable) () -> adexCond(-1, 0, 144, 0, -85, 0.2)),
                Arguments.of("adex_cond", "tau_w", "0.004",
                        (Executable) () -> adexCond(2, 0, 0.004, 0, -85, 0.2)),
                Arguments.of("adaptive_lif", "tau_a", "0.0",
                        (Executable) () -> new AdaptiveLif.Params(10, 250, -70, -55, -70, 2, 0, 2, 2, 0, 1)),
                Arguments.of("adaptive_lif", "delta_a", "-1.0",
                        (Executable) () -> new AdaptiveLif.Params(10, 250, -70, -55, -70, 2, 0, 2, 2, 100, -1)),
                Arguments.of("adaptive_lif", "tau_syn_in", "NaN",
                        (Executable) () -> new AdaptiveLif.Params(10, 250, -70, -55, -70, 2, 0, 2, NAN, 100, 1)),
                Arguments.of("izhikevich", "a", "0.0",
                        (Executable) () -> Izhikevich.Params.of(0, 0.2, -65, 8)),
                // 401/ms: Euler on u with 0.005 ms substeps diverges (u reached 7e34 in 100 ms).
                Arguments.of("izhikevich", "a", "401.0",
                        (Executable) () -> Izhikevich.Params.of(401, 0.2, -65, 8)),
                // Params.of would derive u_init = b c, NaN too, and both would be reported.
                Arguments.of("izhikevich", "b", "NaN",
                        (Executable) () -> new Izhikevich.Params(0.02, NAN, -65, 8, -65, -13, 0)),
                // 400/ms, the bound itself: the factor 1 - a h = -1 of Euler on u no longer damps.
                Arguments.of("izhikevich", "a", "400.0",
                        (Executable) () -> Izhikevich.Params.of(400, 0.2, -65, 8)),
                Arguments.of("izhikevich", "c", "35.0",
                        (Executable) () -> Izhikevich.Params.of(0.02, 0.2, 35, 8)),
                // A reset at the peak itself would be a spike again at once.
                Arguments.of("izhikevich", "c", "30.0",
                        (Executable) () -> Izhikevich.Params.of(0.02, 0.2, 30, 8)),
                Arguments.of("lif_delta", "t_ref", "0.25",
                        (Executable) () -> LifDelta.MODEL.prepare(new LifDelta.Params(10, 250, -70, -55, -70, 0.25, 0),
                                new TimeGrid(0.1))),
                Arguments.of("lif_exp", "t_ref", "0.25",
                        (Executable) () -> LifExp.MODEL.prepare(
                                new LifExp.Params(10, 250, -70, -55, -70, 0.25, 0, 2, 2), new TimeGrid(0.1))),
                Arguments.of("lif_alpha", "t_ref", "0.25",
                        (Executable) () -> LifAlpha.MODEL.prepare(
                                new LifAlpha.Params(10, 250, -70, -55, -70, 0.25, 0, 2, 2), new TimeGrid(0.1))),
                Arguments.of("adex_cond", "t_ref", "0.25",
                        (Executable) () -> AdexCond.MODEL.prepare(new AdexCond.Params(281, 30, -70, -50, 2, 0, -60,
                                0.25, 4, 80, 144, 0, 0, -85, 0.2, 2), new TimeGrid(0.1))),
                Arguments.of("adex", "t_ref", "0.25",
                        (Executable) () -> Adex.MODEL.prepare(new Adex.Params(281, 30, -70, -50, 2, 0, -60, 0.25, 4, 80,
                                144, 0, 2, 2), new TimeGrid(0.1))),
                Arguments.of("hh_alpha", "c_m", "0.0", (Executable) () -> hh(0, 12000, 3600, 30, 0.2, -65)),
                Arguments.of("hh_alpha", "g_na", "-1.0", (Executable) () -> hh(100, -1, 3600, 30, 0.2, -65)),
                Arguments.of("hh_alpha", "g_k", "NaN", (Executable) () -> hh(100, 12000, NAN, 30, 0.2, -65)),
                Arguments.of("hh_alpha", "g_l", "Infinity", (Executable) () -> hh(100, 12000, 3600, 1 / 0.0, 0.2, -65)),
                Arguments.of("hh_alpha", "tau_syn_ex", "0.0", (Executable) () -> hh(100, 12000, 3600, 30, 0, -65)),
                Arguments.of("hh_alpha", "v_init", "NaN", (Executable) () -> hh(100, 12000, 3600, 30, 0.2, NAN)),
                // (12000 + 3600 + 30) nS / 50 pF = 312.6/ms: the 0.01 ms Runge-Kutta substep would be unstable.
                Arguments.of("hh_alpha", "c_m", "50.0 pF against 15630.0 nS",
                        (Executable) () -> hh(50, 12000, 3600, 30, 0.2, -65)),
                Arguments.of("hh_alpha", "t_ref", "0.25", (Executable) () -> HodgkinHuxley.MODEL.prepare(
                        new HodgkinHuxley.Params(100, 12000, 3600, 30, 50, -77, -54.4, 0.25, 0, 0.2, 0.2, -65),
                        new TimeGrid(0.1))),
                Arguments.of("adaptive_lif", "t_ref", "0.15",
                        (Executable) () -> AdaptiveLif.MODEL.prepare(
                                new AdaptiveLif.Params(10, 250, -70, -55, -70, 0.15, 0, 2, 2, 100, 1),
                                new TimeGrid(0.1))));
    }

    /** NEST's aeif_cond_exp defaults with the slope, cut-off, tau_w, reversals and tau_syn_ex given. */
    private static AdexCond.Params adexCond(double deltaT, double vPeak, double tauW, double eEx, double eIn,
                                            double tauSynEx) {
        return new AdexCond.Params(281, 30, -70.6, -50.4, deltaT, vPeak, -60, 0, 4, 80.5, tauW, 0, eEx, eIn, tauSynEx,
                2);
    }

    /** Hodgkin-Huxley parameters with NEST's reversal potentials, t_ref 2 ms and no bias. */
    private static HodgkinHuxley.Params hh(double cM, double gNa, double gK, double gL, double tauSynEx,
                                           double vInit) {
        return new HodgkinHuxley.Params(cM, gNa, gK, gL, 50, -77, -54.402, 2, 0, tauSynEx, 0.2, vInit);
    }

    @ParameterizedTest(name = "{0}.{1} = {2}")
    @MethodSource("badParameters")
    void rejectsBadParameterNamingItAndTheValue(String model, String parameter, String value, Executable build) {
        ParameterException e = assertThrows(ParameterException.class, build);
        assertEquals(model, e.source());
        assertEquals(parameter, e.location());
        assertEquals(value, e.found());
        assertTrue(e.getMessage().startsWith(model + ": " + parameter + ": expected "), e.getMessage());
        assertTrue(e.getMessage().endsWith("found " + value), e.getMessage());
    }

    /**
     * A refused AdEx cut-off is told its bound worked from the parameters, {@code v_th + 500 delta_t =
     * -50 + 500 * 2 = 950} mV for {@code v_peak = 960}; a capacitance of 0 is one problem, {@code c_m > 0},
     * not also a membrane too fast for the substep, which {@code c_m / g_l = 0} would otherwise be.
     */
    @Test
    void adexRefusalsStateTheirBoundsOncePerValue() {
        ParameterException peak = assertThrows(ParameterException.class,
                () -> new Adex.Params(281, 30, -70, -50, 2, 960, -60, 0, 4, 80, 144, 0, 2, 2));
        assertEquals("a value > v_th = -50.0 and <= v_th + 500.0 delta_t = 950.0 (mV; a margin below the"
                + " exponential's overflow)", peak.expected());
        ParameterException capacitance = assertThrows(ParameterException.class,
                () -> new Adex.Params(0, 30, -70, -50, 2, 0, -60, 0, 4, 80, 144, 0, 2, 2));
        assertEquals(1, capacitance.problems().size(), capacitance.getMessage());
        assertEquals("c_m", capacitance.location());
    }

    /**
     * Adex's bounds are inclusive where its table says so: v_peak up to v_th + 500 delta_t (here
     * -50 + 1000 mV), tau_w and c_m / g_l down to 0.005 ms (0.5 pF over 100 nS; 0.005 and 0.01 / 2
     * are the same double, as halving is exact).
     */
    @Test
    void adexAcceptsEachParameterAtItsBound() {
        Adex.Params p = new Adex.Params(0.5, 100, -70, -50, 2, 950, -60, 0, 4, 80, 0.005, 0, 2, 2);
        assertEquals(950, p.vPeak());
        assertEquals(AdexMembrane.MIN_TIME_CONSTANT_MS, p.tauW());
        assertEquals(AdexMembrane.MIN_TIME_CONSTANT_MS, p.cM() / p.gL());
    }
}
