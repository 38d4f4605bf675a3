package org.engram.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A collection of checks reports every failed one, in order, and a single one exactly as its check does. */
class ProblemsTest {
    @Test
    void everyFailedCheckIsReportedInOrder() {
        Problems p = new Problems("net");
        assertFalse(p.positive("tau_m", -1, "ms"));
        assertTrue(p.positive("c_m", 250, "pF"));
        assertFalse(p.atLeastOne("size", 0));
        assertFalse(p.require(false, "rule", "a known rule", "x"));
        ParameterException e = assertThrows(ParameterException.class, p::throwIfAny);
        assertEquals(List.of("tau_m", "size", "rule"), e.problems().stream().map(EngramException::location).toList());
        assertEquals(String.join("\n", "3 problems:",
                "  net: tau_m: expected a finite number > 0 (ms), found -1.0",
                "  net: size: expected an integer >= 1, found 0",
                "  net: rule: expected a known rule, found x"), e.getMessage());
    }

    /** The range checks say that the value alone broke them; a rule of {@code require} may compare it with others. */
    @Test
    void rangeChecksAreToldFromRules() {
        Problems p = new Problems("net");
        assertFalse(p.positive("tau_m", 0, "ms"));
        assertFalse(p.nonNegative("delay", -1, "ms"));
        assertFalse(p.finite("e_l", Double.NaN, "mV"));
        assertFalse(p.atLeastOne("size", 0));
        assertFalse(p.inRange(false, "u", "a number in (0, 1]", 2));
        assertTrue(p.inRange(true, "p", "a number in [0, 1]", 0.5));
        assertFalse(p.require(false, "v_reset", "a value < v_th = -50 (mV)", -40));
        List<ParameterException> found = assertThrows(ParameterException.class, p::throwIfAny).problems();
        assertEquals(List.of("tau_m", "delay", "e_l", "size", "u", "v_reset"),
                found.stream().map(EngramException::location).toList());
        assertEquals(List.of(true, true, true, true, true, false),
                found.stream().map(ParameterException::outOfOwnRange).toList());
        assertEquals("net: u: expected a number in (0, 1], found 2", found.get(4).getMessage());
    }

    @Test
    void aSingleProblemKeepsItsOwnMessage() {
        Problems p = new Problems("net");
        p.nonNegative("rate", -2, "Hz");
        ParameterException e = assertThrows(ParameterException.class, p::throwIfAny);
        ParameterException direct = assertThrows(ParameterException.class,
                () -> ParameterException.requireNonNegative("net", "rate", -2, "Hz"));
        assertEquals(direct.getMessage(), e.getMessage());
        assertEquals(List.of(e), e.problems());
    }

    @Test
    void nothingFailedThrowsNothing() {
        Problems p = new Problems("net");
        p.finite("x", 1, "mV");
        p.throwIfAny();
    }

    /** Errors that stand for several are taken apart, so a report never nests "2 problems" in another. */
    @Test
    void joinedErrorsAreFlattened() {
        ParameterException a = new ParameterException("o", "a", "r", 1);
        ParameterException b = new ParameterException("o", "b", "r", 2);
        ParameterException c = new ParameterException("o", "c", "r", 3);
        ParameterException ab = ParameterException.all(List.of(a, b));
        assertEquals(List.of(a, b, c), ParameterException.all(List.of(ab, c)).problems());
        assertSame(c, ParameterException.all(List.of(c)));
        Problems p = new Problems("o");
        p.check(() -> {
            throw ab;
        });
        assertEquals(List.of(a, b), assertThrows(ParameterException.class, p::throwIfAny).problems());
    }

    /** Each check tells whether the value passed, at both sides of its rule, so a dependent check can be skipped. */
    @Test
    void eachCheckReturnsWhetherItPassed() {
        Problems p = new Problems("net");
        assertTrue(p.atLeastOne("size", 1));
        assertFalse(p.atLeastOne("steps", 0));
        assertTrue(p.nonNegative("delay", 0, "ms"));
        assertFalse(p.nonNegative("rate", -1e-9, "Hz"));
        assertTrue(p.finite("v", -70, "mV"));
        assertFalse(p.finite("i", Double.NaN, "pA"));
        assertTrue(p.require(true, "rule", "a known rule", "x"));
        ParameterException e = assertThrows(ParameterException.class, p::throwIfAny);
        assertEquals(List.of("steps", "rate", "i"), e.problems().stream().map(EngramException::location).toList());
    }
}
