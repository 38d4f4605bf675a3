package org.engram.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    @Test
    void onATieTheNameThatKeepsEveryTypedLetterInOrderWins() {
        // 'e_x' is one edit from both: a substitution for e_l, a dropped letter for e_ex.
        assertEquals(1, Suggestions.editDistance("e_x", "e_l"));
        assertEquals(1, Suggestions.editDistance("e_x", "e_ex"));
        assertEquals("e_ex", Suggestions.closest("e_x", List.of("e_l", "e_ex", "e_in")));
        assertEquals("e_ex", Suggestions.closest("e_x", List.of("e_ex", "e_l")), "whatever the order");
    }

    @Test
    void aCloserNameStillWinsOverOneThatKeepsTheLetters() {
        // 'e_exx' keeps e_x's letters in order but is two edits away; 'e_l' is one.
        assertEquals("e_l", Suggestions.closest("e_x", List.of("e_exx", "e_l")));
    }

    /** A name written out is too far from its short form for a typo, but begins with it. */
    @Test
    void aNameWrittenOutSuggestsTheShortFormItBeginsWith() {
        List<String> lif = List.of("tau_m", "tau_syn_ex", "v_th", "v_reset", "t_ref", "e_l", "c_m");
        assertEquals("v_th", Suggestions.closest("v_thresh", lif));
        assertEquals("v_th", Suggestions.closest("V_Threshold", lif));
        assertEquals("t_ref", Suggestions.closest("t_refrac", lif));
        assertEquals("tau_m", Suggestions.closest("tau_membrane", lif));
        // The longest one it begins with, and none shorter than three characters.
        assertEquals("tau_syn_ex", Suggestions.closest("tau_syn_excitatory", lif));
        assertEquals("e_l", Suggestions.closest("e_leak_reversal", lif));
        assertEquals(null, Suggestions.closest("leak_reversal", lif));
        assertEquals(null, Suggestions.closest("membrane_tau", lif));
        // A further word after a whole name, or a name of one word, is no spelling out.
        assertEquals(null, Suggestions.closest("ewc_online_x", List.of("ewc", "online_ewc")));
        assertEquals(null, Suggestions.closest("model_params", List.of("model", "params", "size")));
        assertEquals(null, Suggestions.closest("masking", List.of("mas", "naive")));
    }

    /**
     * A short form keeps the first letter of the word it abbreviates and some others in order, so a word
     * spelled out with a typo of its own still gives it: {@code v_tresh} is three edits from {@code v_th}
     * (too many for a typo of a four-letter name) and does not begin with it.
     */
    @Test
    void aNameWrittenOutWithATypoSuggestsTheShortFormItAbbreviates() {
        List<String> lif = List.of("tau_m", "tau_syn_ex", "v_th", "v_reset", "t_ref", "e_l", "c_m");
        assertEquals(3, Suggestions.editDistance("v_tresh", "v_th"));
        assertEquals("v_th", Suggestions.closest("v_tresh", lif));
        assertEquals("v_th", Suggestions.closest("v_threshhold", lif));
        assertEquals("t_ref", Suggestions.closest("t_refactory", lif));
        assertEquals("tau_syn_ex", Suggestions.closest("tau_syn_exitatory", lif));
        // The word must be longer, start with the short form's first letter and hold its letters in order.
        assertEquals(null, Suggestions.closest("v_th_extra", lif), "no word spelled out after the name");
        assertEquals(null, Suggestions.closest("v_hreshold", lif), "another first letter");
        assertEquals(null, Suggestions.closest("t_rise_time", lif), "no f after r and e");
        assertEquals(null, Suggestions.closest("w_threshold", lif), "other words before the last");
    }

    /** A key written without its unit, as NEST and PyNN write it, is the key with the unit. */
    @Test
    void aKeyWithoutItsUnitSuggestsTheKeyWithIt() {
        List<String> input = List.of("amplitudes_pa", "mean_pa", "neurons", "rate_hz", "rates_hz", "receptor",
                "std_pa", "target", "times_ms", "type", "weight");
        assertEquals("std_pa", Suggestions.closest("std", input));
        assertEquals("rate_hz", Suggestions.closest("rate", input));
        assertEquals("times_ms", Suggestions.closest("times", input));
        assertEquals("delay_ms", Suggestions.closest("delay", List.of("delay_ms", "name", "weight")));
        assertEquals("dt_ms", Suggestions.closest("dt", List.of("dt_ms", "duration_ms", "seed")));
        assertEquals(null, Suggestions.closest("v", List.of("v_th", "v_reset")), "two would fit: none is offered");
        assertEquals(null, Suggestions.closest("tau", List.of("tau_syn_ex")), "more than one word after it");
    }

    /**
     * The key with its unit wins over a short key two edits away: a user rule's {@code tau} had been
     * given {@code eta} (two edits: an e put before, the u dropped) beside {@code tau_ms}; with no unit
     * form, the typo stays.
     */
    @Test
    void aKeyWithoutItsUnitIsNoTypoOfAnotherShortKey() {
        assertEquals("tau_ms", Suggestions.closest("tau", List.of("eta", "tau_ms", "w_max", "w_min")));
        assertEquals("tau_ms", Suggestions.closest("tau", List.of("a", "tau_ms", "w_min", "w_max")));
        assertEquals("eta", Suggestions.closest("tau", List.of("eta", "w_max", "w_min")));
        assertEquals("tau_ms", Suggestions.closest("TAU_MS", List.of("tau_ms", "tau_ms_x")), "an exact match first");
    }

    /**
     * A key one edit from a known key is that key's typo, unless the word after the other is a unit:
     * {@code spike} in {@code record} had been given {@code spike_neurons} beside {@code spikes}, and GPM's
     * {@code threshold} {@code threshold_increment} beside {@code thresholds}.
     */
    @Test
    void aOneEditTypoWinsOverAKeyWithAnotherWordAppended() {
        assertEquals("spikes", Suggestions.closest("spike", List.of("rate_bin_ms", "spike_neurons", "spikes")));
        assertEquals("thresholds", Suggestions.closest("threshold", List.of("samples", "threshold_increment",
                "thresholds")));
        assertEquals("delay_ms", Suggestions.closest("delay", List.of("delay_ms", "relay")), "a unit still wins");
    }

    /**
     * Levenshtein distances worked by hand: kitten -> sitting is k->s, e->i and an appended g (3); flaw ->
     * lawn drops f and appends n (2); from or to the empty string every character is one edit; the
     * distance is symmetric.
     */
    @Test
    void editDistancesAreTheFewestSingleCharacterEdits() {
        assertEquals(3, Suggestions.editDistance("kitten", "sitting"));
        assertEquals(3, Suggestions.editDistance("sitting", "kitten"));
        assertEquals(2, Suggestions.editDistance("flaw", "lawn"));
        assertEquals(3, Suggestions.editDistance("", "abc"));
        assertEquals(3, Suggestions.editDistance("abc", ""));
        assertEquals(0, Suggestions.editDistance("tau_m", "tau_m"));
        assertEquals(1, Suggestions.editDistance("tau_m", "tau_M"), "case counts here; closest ignores it");
    }

    /**
     * On a tie where no name keeps every typed letter in order, the first known name wins: tau_x is one
     * substitution from both tau_a and tau_b. A null name has no suggestion.
     */
    @Test
    void onAnOpenTieTheFirstKnownNameWins() {
        assertEquals("tau_a", Suggestions.closest("tau_x", List.of("tau_a", "tau_b")));
        assertEquals("tau_b", Suggestions.closest("tau_x", List.of("tau_b", "tau_a")));
        assertEquals(null, Suggestions.closest(null, List.of("tau_a")));
        assertEquals(null, Suggestions.didYouMean(null, List.of("tau_a")));
        assertEquals("did you mean 'tau_a'?", Suggestions.didYouMean("tau_x", List.of("tau_a")));
    }

    /**
     * Of two short forms a written-out name abbreviates, the longer one wins whatever the order:
     * tau_syn_excitatory spells out tau_s's s (as syn) and tau_syn_ex's ex, and is 8 and 13 edits from
     * them, too many for a typo of 18 characters (at most 6).
     */
    @Test
    void theLongestShortFormAWrittenOutNameAbbreviatesWins() {
        assertEquals("tau_syn_ex", Suggestions.closest("tau_syn_excitatory", List.of("tau_s", "tau_syn_ex")));
        assertEquals("tau_syn_ex", Suggestions.closest("tau_syn_excitatory", List.of("tau_syn_ex", "tau_s")));
    }

    /**
     * Of two short forms of one length, the first known name wins, as on a tie of edit distances: thresh
     * holds both t, h and t, s in order, and v_thresh is 4 edits from v_th and from v_ts (at most 2 for a typo).
     */
    @Test
    void ofTwoShortFormsOfOneLengthTheFirstKnownNameWins() {
        assertEquals("v_th", Suggestions.closest("v_thresh", List.of("v_th", "v_ts")));
        assertEquals("v_ts", Suggestions.closest("v_thresh", List.of("v_ts", "v_th")));
    }

    /** A name that only starts with an underscore is one word, not several: _th is no short form of _thresh. */
    @Test
    void aLeadingUnderscoreMakesNoWords() {
        assertEquals(null, Suggestions.closest("_thresh", List.of("_th")));
        assertEquals("e_th", Suggestions.closest("e_thresh", List.of("e_th")));
    }
}
