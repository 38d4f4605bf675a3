package org.engram.simulator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.engram.simulator.ParameterException;
import org.engram.simulator.input.SpikeTimes;
import org.junit.jupiter.api.Test;

class ParameterRecordsTest {
    /** A record of one's own, not public, with every kind of component the helper converts. */
    private record Mixed(double x, int n, long big, boolean on, String label) {
        Mixed {
            if (!(x > 0)) {
                throw new ParameterException("mixed", "x", "a number > 0", x);
            }
        }
    }

    /** A record whose own check fails with an Error rather than an exception. */
    private record Asserting(double x) {
        Asserting {
            if (x < 0) {
                throw new AssertionError("x < 0: " + x);
            }
        }
    }

    @Test
    void anErrorFromTheRecordsConstructorPassesUnwrapped() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> ParameterRecords.with(new Asserting(1), Map.of("x", -2.0)));
        assertEquals("x < 0: -2.0", e.getMessage());
    }

    @Test
    void changesOnlyTheNamedParameters() {
        // LifDelta's defaults written out by hand (its Javadoc table): tau_m 10, c_m 250, e_l -70,
        // v_th -55, v_reset -70, t_ref 2, i_e 0; an Integer is taken for a double.
        assertEquals(new LifDelta.Params(10, 250, -70, -50, -70, 2, 120),
                LifDelta.MODEL.defaultsWith(Map.of("v_th", -50, "i_e", 120.0)));
    }

    @Test
    void namesAreTheConfigNamesOrTheComponentNames() {
        LifExp.Params d = LifExp.MODEL.defaults();
        LifExp.Params expected = new LifExp.Params(d.tauM(), d.cM(), d.eL(), d.vTh(), d.vReset(), d.tRef(), d.iE(),
                5.0, 7.0);
        assertEquals(expected, LifExp.MODEL.defaultsWith(Map.of("tau_syn_ex", 5.0, "tauSynIn", 7.0)));
        assertEquals(List.of("tau_m", "c_m", "e_l", "v_th", "v_reset", "t_ref", "i_e", "tau_syn_ex", "tau_syn_in"),
                ParameterRecords.names(LifExp.Params.class));
        assertEquals("rate_hz", ParameterRecords.snakeCase("rateHZ"));
        assertEquals("vm_rest", ParameterRecords.snakeCase("VmRest"), "a capital first takes no underscore");
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void namesOfNoTypeOrOfAClassThatIsNoRecordAreRefusedByName() {
        ParameterException none = assertThrows(ParameterException.class, () -> ParameterRecords.names(null));
        assertEquals("type", none.location());
        assertEquals("null", none.found());
        Class raw = String.class;   // what a raw type lets through
        ParameterException notRecord = assertThrows(ParameterException.class, () -> ParameterRecords.names(raw));
        assertEquals("java.lang.String", notRecord.found());
    }

    @Test
    void changesAPresetOfAnyRecordKeepingItsOtherValues() {
        // Adex has fourteen doubles: a and b changed, the other twelve the defaults' own.
        Adex.Params d = Adex.MODEL.defaults();
        Adex.Params changed = ParameterRecords.with(d, Map.of("a", 2.0, "b", 0.0));
        assertEquals(new Adex.Params(d.cM(), d.gL(), d.eL(), d.vTh(), d.deltaT(), d.vPeak(), d.vReset(), d.tRef(),
                2.0, 0.0, d.tauW(), d.iE(), d.tauSynEx(), d.tauSynIn()), changed);
        double[][] times = {{1.0, 2.0}};
        SpikeTimes.Params sources = ParameterRecords.with(SpikeTimes.MODEL.defaults(), Map.of("times_ms", times));
        assertEquals(new SpikeTimes.Params(times), sources);
    }

    @Test
    void nothingToChangeGivesTheBaseItself() {
        Izhikevich.Params preset = Izhikevich.fastSpiking();
        assertSame(preset, ParameterRecords.with(preset, Map.of()));
    }

    @Test
    void convertsNumbersToTheComponentTypeAndRecordsOfOnesOwn() {
        Mixed base = new Mixed(1, 2, 3, false, "a");
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("x", 2.5f);
        changes.put("n", 4.0);
        changes.put("big", 5);
        changes.put("on", true);
        changes.put("label", "b");
        assertEquals(new Mixed(2.5, 4, 5, true, "b"), ParameterRecords.with(base, changes));
    }

    /**
     * A double is taken as it is, not through a float (0.1 as a float is 0.10000000149 as a double);
     * a long is taken as it is, not through a double (2^53 + 1 has no double); a double for a long
     * must be whole and below 2^53, where every double is the integer it shows and no other: 2^53 - 1
     * is taken, 2^53 (also what 2^53 + 1 rounds to) is refused.
     */
    @Test
    void numbersKeepEveryDigitTheComponentCanHold() {
        assertEquals(0.1, LifDelta.MODEL.defaultsWith(Map.of("tau_m", 0.1)).tauM());
        Mixed base = new Mixed(1, 2, 3, false, "a");
        long beyondDoubles = (1L << 53) + 1;
        assertEquals(beyondDoubles, ParameterRecords.with(base, Map.of("big", beyondDoubles)).big());
        assertEquals((1L << 53) - 1, ParameterRecords.with(base, Map.of("big", 0x1p53 - 1)).big());
        ParameterException e = assertThrows(ParameterException.class,
                () -> ParameterRecords.with(base, Map.of("big", 0x1p53)));
        assertEquals("Mixed: big: expected a value of type long, found 9.007199254740992E15 (Double)", e.getMessage());
    }

    /** A record with a float component. */
    private record Single(float f) {
    }

    /**
     * A finite number past a float's range is refused for a float component rather than taken as an infinity;
     * the largest float is taken, and an infinity given as such is left to the record's own checks.
     */
    @Test
    void aFiniteNumberPastAFloatsRangeIsRefused() {
        Single base = new Single(1);
        ParameterException e = assertThrows(ParameterException.class,
                () -> ParameterRecords.with(base, Map.of("f", -1e50)));
        assertEquals("Single: f: expected a value a float holds (magnitude at most 3.4028235E38), found -1.0E50",
                e.getMessage());
        assertEquals(Float.MAX_VALUE, ParameterRecords.with(base, Map.of("f", (double) Float.MAX_VALUE)).f());
        assertEquals(Float.POSITIVE_INFINITY, ParameterRecords.with(base, Map.of("f", Double.POSITIVE_INFINITY)).f());
    }

    /** Called directly, not through a model, an unknown name is offered the closest known one. */
    @Test
    void anUnknownNameGivenDirectlyIsOfferedTheClosest() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> ParameterRecords.with(LifDelta.MODEL.defaults(), Map.of("v_thresh", -50.0)));
        assertEquals("did you mean 'v_th'?", e.hint());
    }

    /** A name spelled out with a typo of its own, through a model, is offered the short form too. */
    @Test
    void aMisspeltLongNameThroughAModelIsOfferedTheShortForm() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> LifDelta.MODEL.defaultsWith(Map.of("v_tresh", -50.0)));
        assertTrue(e.getMessage().endsWith("found an unknown parameter; did you mean 'v_th'?"), e.getMessage());
    }

    @Test
    void reportsEveryUnknownNameAndWrongTypeAtOnce() {
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("v_thresh", -50.0);
        changes.put("t_ref", "two");
        ParameterException e = assertThrows(ParameterException.class, () -> LifDelta.MODEL.defaultsWith(changes));
        assertEquals(2, e.problems().size(), e.getMessage());
        String unknown = e.problems().get(0).getMessage();
        assertTrue(unknown.startsWith("lif_delta: v_thresh: expected one of [tau_m, c_m,")
                && unknown.endsWith("found an unknown parameter; did you mean 'v_th'?"), unknown);
        assertEquals("lif_delta: t_ref: expected a value of type double, found two (String)",
                e.problems().get(1).getMessage());
    }

    /**
     * NEST's g_L given to lif_cond_exp in Java: the model's own hint, as a config gets it, not the
     * closest name (e_l, a potential, which would mislead).
     */
    @Test
    void anUnknownNameTheModelKnowsInAnotherFormGetsTheModelsHint() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> LifCondExp.MODEL.defaultsWith(Map.of("g_L", 16.7)));
        assertEquals(LifCondExp.MODEL.hintFor("g_L"), e.hint());
        assertTrue(e.getMessage().startsWith("lif_cond_exp: g_L: expected one of [tau_m,"), e.getMessage());
        // A name the model gives no hint for keeps the closest one.
        ParameterException typo = assertThrows(ParameterException.class,
                () -> LifCondExp.MODEL.defaultsWith(Map.of("e_exc", 0.0)));
        assertEquals("did you mean 'e_ex'?", typo.hint());
    }

    @Test
    void refusesAFractionForAnIntegerAndOneParameterGivenTwice() {
        Mixed base = new Mixed(1, 2, 3, false, "a");
        ParameterException fraction = assertThrows(ParameterException.class,
                () -> ParameterRecords.with(base, Map.of("n", 2.5)));
        assertEquals("Mixed: n: expected a value of type int, found 2.5 (Double)", fraction.getMessage());
        ParameterException overflow = assertThrows(ParameterException.class,
                () -> ParameterRecords.with(base, Map.of("n", 3_000_000_000L)));
        assertTrue(overflow.getMessage().contains("found 3000000000 (Long)"), overflow.getMessage());
        Map<String, Object> twice = new LinkedHashMap<>();
        twice.put("tau_syn_ex", 1.0);
        twice.put("tauSynEx", 2.0);
        ParameterException e = assertThrows(ParameterException.class, () -> LifExp.MODEL.defaultsWith(twice));
        assertEquals("lif_exp: tau_syn_ex: expected one value, found two, as 'tau_syn_ex' and 'tauSynEx'",
                e.getMessage());
    }

    @Test
    void theRecordsOwnRuleStillApplies() {
        // v_reset must stay below v_th = -55 mV: the model's message, not the helper's.
        ParameterException e = assertThrows(ParameterException.class,
                () -> LifDelta.MODEL.defaultsWith(Map.of("v_reset", -50.0)));
        assertEquals("lif_delta: v_reset: expected a value < v_th = -55.0 (mV), found -50.0", e.getMessage());
        ParameterException own = assertThrows(ParameterException.class,
                () -> ParameterRecords.with(new Mixed(1, 2, 3, false, "a"), Map.of("x", -1)));
        assertEquals("mixed: x: expected a number > 0, found -1.0", own.getMessage());
    }

    /** The README's two calls are code that runs, with the values they say. */
    @Test
    void readmeCallsRunAsWritten() throws java.io.IOException {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("../README.md"));
        assertTrue(readme.contains("`LifDelta.MODEL.defaultsWith(Map.of(\"v_th\", -50.0, \"t_ref\", 0.0))`"));
        assertTrue(readme.contains(
                "`ParameterRecords.with(Izhikevich.regularSpiking(), Map.of(\"c\", -50, \"d\", 2))`"));
        assertEquals(new LifDelta.Params(10, 250, -70, -50, -70, 0, 0),
                LifDelta.MODEL.defaultsWith(Map.of("v_th", -50.0, "t_ref", 0.0)));
        Izhikevich.Params rs = Izhikevich.regularSpiking();
        Izhikevich.Params chattering = ParameterRecords.with(Izhikevich.regularSpiking(), Map.of("c", -50, "d", 2));
        assertEquals(new Izhikevich.Params(rs.a(), rs.b(), -50, 2, rs.vInit(), rs.uInit(), rs.iE()), chattering);
    }
}
