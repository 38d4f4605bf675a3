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
}
