package org.engram.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The values a rule names, shown as the config wrote them, found by the key the rule names. */
class RuleAsWrittenTest {
    private static final String STEP = "a whole number of time steps (multiple of dt = 0.1 ms)";

    /**
     * The step, named dt with its unit, is the top-level key dt_ms: none of {@code projections[0].dt},
     * {@code projections[0].dt_ms} or {@code dt} is written, so 0.1 shows as dt_ms was written, 1e-1.
     */
    @Test
    void aNameFollowedByMsIsTheKeyThatCarriesTheUnit() {
        assertEquals("a whole number of time steps (multiple of dt = 1e-1 ms)",
                NumberForms.ruleAsWritten(STEP, "projections[0].delay_ms", Map.of("dt_ms", "1e-1")::get));
    }

    /** Without the unit after it, dt is no name of dt_ms, and the value stays as the rule showed it. */
    @Test
    void aNameWithoutItsUnitIsNotTheKeyWithIt() {
        assertEquals("a value below dt = 0.1", NumberForms.ruleAsWritten("a value below dt = 0.1",
                "projections[0].delay_ms", Map.of("dt_ms", "1e-1")::get));
    }

    /** A name that ends in _ms is its own key, the unit after it notwithstanding (5e1 is 50.0). */
    @Test
    void aNameEndingInMsIsItsOwnKey() {
        assertEquals("a time before duration_ms = 5e1 ms",
                NumberForms.ruleAsWritten("a time before duration_ms = 50.0 ms", "record.from_ms",
                        Map.of("duration_ms", "5e1", "duration_ms_ms", "7")::get));
    }

    /** A rule of no key, or none, is shown as the check gave it. */
    @Test
    void aRuleOfNoKeyIsShownAsGiven() {
        assertEquals(STEP, NumberForms.ruleAsWritten(STEP, null, Map.of("dt_ms", "1e-1")::get));
        assertNull(NumberForms.ruleAsWritten(null, "projections[0].delay_ms", Map.of("dt_ms", "1e-1")::get));
    }
}
