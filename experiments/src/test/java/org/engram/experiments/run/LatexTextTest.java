package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Names as pdflatex with its default fonts prints them: the expected sources of ASCII and Greek were
 * compiled (article class, pdflatex, OT1 fonts) and their PDF's text read back as the names typed.
 */
class LatexTextTest {
    @Test
    void asciiThatTheDefaultFontsDrawAsOtherGlyphsIsSpelledOut() {
        assertEquals("a\\textbar{}b \\textless{}EWC\\textgreater{} \\textasciigrave{}c\\textasciigrave{}",
                LatexText.escaped("a|b <EWC> `c`"));
        assertEquals("``plain'' and ``fine''", LatexText.escaped("\"plain\" and \"fine\""));
        assertEquals("a-{}-b-{}-{}-c d-e", LatexText.escaped("a--b---c d-e"));
        // A hyphen that ends the text has none after it (a label such as "replay-").
        assertEquals("replay-", LatexText.escaped("replay-"));
        assertEquals("x-{}-", LatexText.escaped("x--"));
    }

    @Test
    void greekLettersAreSetInMathMode() {
        assertEquals("EWC ($\\lambda$ = 100)", LatexText.escaped("EWC (λ = 100)"));
        assertEquals("$\\alpha$$\\omega$$\\varsigma$o", LatexText.escaped("αωςο"));
        assertEquals("$\\Gamma$$\\Omega$AP", LatexText.escaped("ΓΩΑΡ"), "Alpha and Rho look like A and P");
        assertFalse(LatexText.needsUnicode("EWC (λ = 100), Σ"));
    }

    @Test
    void otherLettersOutsideAsciiAreKeptAndTold() {
        assertEquals("Schätzung – 1", LatexText.escaped("Schätzung – 1"));
        assertTrue(LatexText.needsUnicode("Schätzung"));
        assertTrue(LatexText.needsUnicode("a – b"));
        assertFalse(LatexText.needsUnicode("replay_ewc"));
        // ASCII ends at U+007F (DEL): the first character past it is U+0080.
        assertFalse(LatexText.needsUnicode("a\u007fb"));
        assertTrue(LatexText.needsUnicode("a\u0080b"));
    }
}
