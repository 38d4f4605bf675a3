package org.engram.experiments.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What an unknown key of a typed entry is told when another simulator names a quantity so: the key here that
 * takes it, as the README's list of such names gives them, only where the entry's type reads that key.
 */
class SpecKeysTest {
    /**
     * NEST's {@code indegree} is {@code k} of {@code fixed_in_degree}, whatever its case; an entry of another
     * type is told the type that has it, and PyNN's {@code p_connect} is named only to a type that reads p.
     */
    @Test
    void aForeignNameIsToldTheKeyItsTypeReads() {
        SpecKeys.OfRule rules = new SpecKeys.OfRule();
        assertEquals("NEST's indegree is k here", rules.hintFor("fixed_in_degree", "InDegree"));
        assertEquals("NEST's indegree is k of type fixed_in_degree", rules.hintFor("all_to_all", "indegree"));
        assertEquals("PyNN's p_connect is p here", rules.hintFor("fixed_probability", "p_connect"));
        assertNull(rules.hintFor("all_to_all", "p_connect"), "all_to_all reads no p");
    }

    /** A key no simulator names so, or an entry of no known type, is left to the closest key by spelling. */
    @Test
    void noHintWithoutAForeignNameOrAKnownType() {
        SpecKeys.OfRule rules = new SpecKeys.OfRule();
        assertNull(rules.hintFor("all_to_all", "autapse"));
        assertNull(rules.hintFor("no_such_rule", "indegree"));
        assertEquals("k", rules.keyFor("OUTDEGREE"));
        assertNull(rules.keyFor("weigth"));
    }

    /**
     * NEST's {@code tau_psc} has no key here (the target model's synaptic time constant takes it), so it is told
     * to the short-term model, which reads U, tau_rec and tau_fac, and to no other type.
     */
    @Test
    void aNameWithoutAKeyHereIsToldWhatTakesIt() {
        SpecKeys.OfShortTerm shortTerm = new SpecKeys.OfShortTerm();
        assertEquals(List.of("tau_fac", "tau_rec", "u"), shortTerm.of("tsodyks_markram").stream().sorted().toList());
        assertNull(shortTerm.of("tsodyks"));
        assertEquals("NEST's tau_psc is the target model's synaptic time constant here (its params' tau_syn_ex or"
                + " tau_syn_in)", shortTerm.hintFor("tsodyks_markram", "tau_psc"));
        assertEquals("target_rate_hz", new SpecKeys.OfPlasticity().keyFor("rho0"));
    }

    /**
     * Brian's {@code taupre} is pair STDP's {@code tau_plus}; a Poisson input reads {@code rate_hz} and there is no
     * input of type {@code dc}.
     */
    @Test
    void plasticityAndInputTypesHaveTheirOwnKeys() {
        assertEquals("Brian's taupre is tau_plus here (ms)", new SpecKeys.OfPlasticity().hintFor("pair_stdp",
                "taupre"));
        SpecKeys.OfInput inputs = new SpecKeys.OfInput();
        assertTrue(inputs.of("poisson").contains("rate_hz"), inputs.of("poisson").toString());
        assertNull(inputs.of("dc"));
    }
}
