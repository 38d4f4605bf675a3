package org.engram.simulator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.engram.simulator.ParameterException;
import org.junit.jupiter.api.Test;

class NeuronModelsTest {

    /** The units of the README's model table: a jump of the potential, the peak of a current, a conductance. */
    @Test
    void everyBuiltInModelThatTakesInputNamesItsWeightUnit() {
        Map<String, String> units = Map.of("lif_delta", "mV", "lif_exp", "pA", "lif_alpha", "pA", "lif_cond_exp", "nS",
                "adaptive_lif", "pA", "adex", "pA", "adex_cond", "nS", "hh_alpha", "pA", "izhikevich", "mV");
        for (NeuronModel<?, ?> m : NeuronModels.all()) {
            assertEquals(m.takesInput() ? units.get(m.name()) : null, m.weightUnit(), m.name());
        }
        assertEquals(units.size() + 2, NeuronModels.all().size(), "the two spike sources take no input");
    }

    @Test
    void findsEveryBuiltInModelByName() {
        assertSame(LifDelta.MODEL, NeuronModels.byName("lif_delta"));
        assertSame(LifExp.MODEL, NeuronModels.byName("lif_exp"));
        assertSame(AdaptiveLif.MODEL, NeuronModels.byName("adaptive_lif"));
        assertSame(Izhikevich.MODEL, NeuronModels.byName("izhikevich"));
        assertSame(HodgkinHuxley.MODEL, NeuronModels.byName("hh_alpha"));
        assertSame(AdexCond.MODEL, NeuronModels.byName("adex_cond"));
    }

    @Test
    void unknownNameListsKnownNamesAndSuggestsClosest() {
        ParameterException e = assertThrows(ParameterException.class, () -> NeuronModels.byName("izhikevitch"));
        assertEquals("izhikevitch", e.found());
        assertEquals("neuron model: model: expected one of [lif_delta, lif_exp, lif_alpha, lif_cond_exp, adaptive_lif, "
                + "adex, adex_cond, hh_alpha, izhikevich, spike_times, poisson_source], found izhikevitch; "
                + "did you mean 'izhikevich'?",
                e.getMessage());
    }

    @Test
    void distantNameGetsNoSuggestion() {
        ParameterException e = assertThrows(ParameterException.class, () -> NeuronModels.byName("morris_lecar"));
        assertNull(e.hint());
    }

    @Test
    void editDistanceCountsSingleCharacterEdits() {
        assertEquals(3, org.engram.simulator.Suggestions.editDistance("kitten", "sitting"));
        assertEquals(1, org.engram.simulator.Suggestions.editDistance("lif_exp", "lif_expp"));
        assertEquals(7, org.engram.simulator.Suggestions.editDistance("", "lif_exp"));
        assertEquals(0, org.engram.simulator.Suggestions.editDistance("qif", "qif"));
    }

    @Test
    void aSuggestionKeepsSomethingOfTheName() {
        assertEquals("lif_delta",
                org.engram.simulator.Suggestions.closest("lif_delt", List.of("lif_delta", "izhikevich")));
        assertEquals("exc", org.engram.simulator.Suggestions.closest("exd", List.of("exc", "inh")));
        // Two edits replace every character: a guess, not a typo.
        assertNull(org.engram.simulator.Suggestions.closest("zz", List.of("a")));
        assertNull(org.engram.simulator.Suggestions.closest("w", List.of("v")));
    }
}
