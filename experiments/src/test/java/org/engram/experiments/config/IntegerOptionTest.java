package org.engram.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A number option is read as a config reads an integer, and a form it refuses is told the decimal to write. */
class IntegerOptionTest {
    private static final String RULE = "expected a seed written in decimal (digits after an optional sign, without"
            + " leading zeros), found ";

    private static String refused(String text, long min, long max) {
        return assertThrows(IllegalArgumentException.class, () -> NumberForms.integer(text, "a seed", min, max),
                text).getMessage();
    }

    private static String refused(String text) {
        return assertThrows(IllegalArgumentException.class, () -> NumberForms.integer(text, "a seed"), text)
                .getMessage();
    }

    @Test
    void readsTheFormsAConfigReads() {
        assertEquals(5, NumberForms.integer("+5", "a seed"));
        assertEquals(-1000, NumberForms.integer("-1_000", "a seed"));
        assertEquals(0, NumberForms.integer("0", "a seed"));
    }

    @Test
    void refusesOtherFormsWithTheDecimalToWrite() {
        // 010 read as octal is 1*8 + 0 = 8.
        assertEquals(RULE + "'010'; numbers are decimal, without leading zeros: write 10 (decimal) or 8"
                + " (YAML 1.1 reads 010 as octal 8)", refused("010"));
        assertEquals(RULE + "'0x10'; 0x10 is hexadecimal: numbers are decimal, write 16", refused("0x10"));
        assertEquals(RULE + "''4''; a number in quotes is text: write 4 without quotes", refused("'4'"));
        assertEquals(RULE + "'\"4\"'; a number in quotes is text: write 4 without quotes", refused("\"4\""));
        // Quotes that do not pair, and text that is no number, get no advice.
        assertEquals(RULE + "''4\"'", refused("'4\""));
        assertEquals(RULE + "'four'", refused("four"));
        assertEquals("expected a seed from -9223372036854775808 to 9223372036854775807, found"
                + " '9223372036854775808'", refused("9223372036854775808"));
    }

    /** A whole number with a point or exponent is told the integer, or the bound of the option's type it passes. */
    @Test
    void aWholeNumberWithAPointIsToldTheIntegerOrTheBound() {
        long min = Integer.MIN_VALUE;
        long max = Integer.MAX_VALUE;
        String rule = "an integer is written without point or exponent";
        assertEquals(RULE + "'4.0'; " + rule + ": write 4", refused("4.0", min, max));
        assertEquals(RULE + "'2147483647.0'; " + rule + ": write 2147483647", refused("2147483647.0", min, max));
        assertEquals(RULE + "'3e9'; " + rule + ", and 3e9 is more than the largest allowed, 2147483647",
                refused("3e9", min, max));
        assertEquals(RULE + "'-3e9'; " + rule + ", and -3e9 is less than the smallest allowed, -2147483648",
                refused("-3e9", min, max));
        assertEquals(RULE + "'-2147483648.0'; " + rule + ": write -2147483648", refused("-2147483648.0", min, max));
        // 4.5 is no whole number: the rule alone.
        assertEquals(RULE + "'4.5'", refused("4.5", min, max));
    }
}
