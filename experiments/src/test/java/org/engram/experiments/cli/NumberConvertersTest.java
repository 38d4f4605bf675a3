package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** An int option takes every int, and is refused one past either end of the range by that end. */
class NumberConvertersTest {
    @Test
    void theIntRangesEndsAreTakenAndOnePastThemRefused() {
        assertEquals(Integer.MAX_VALUE, NumberConverters.integer("2147483647"));
        assertEquals(Integer.MIN_VALUE, NumberConverters.integer("-2147483648"));
        // 2^31 and -2^31 - 1, the first whole numbers an int cannot hold: not wrapped to the other end.
        assertEquals("expected an integer <= 2147483647, found 2147483648", assertThrows(
                CommandLine.TypeConversionException.class, () -> NumberConverters.integer("2147483648")).getMessage());
        assertEquals("expected an integer >= -2147483648, found -2147483649", assertThrows(
                CommandLine.TypeConversionException.class, () -> NumberConverters.integer("-2147483649")).getMessage());
    }
}
