package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.engram.simulator.ParameterException;
import org.junit.jupiter.api.Test;

/** Range checks of integer options, and the note on a count past the data's size. */
class OptionChecksTest {
    /** The bound itself is allowed, one below it is refused naming the option and the value. */
    @Test
    void atLeastTakesItsBoundAndRefusesOneBelow() {
        assertDoesNotThrow(() -> OptionChecks.atLeast("bench cuba", "--neurons", 80, 80));
        ParameterException e = assertThrows(ParameterException.class,
                () -> OptionChecks.atLeast("bench cuba", "--neurons", 79, 80));
        assertEquals("bench cuba: --neurons: expected an integer >= 80, found 79", e.getMessage());
    }

    /** Both ends of the range are allowed (--threads 1 and 1024), one past either end is refused. */
    @Test
    void betweenTakesBothEndsAndRefusesOnePastEither() {
        assertDoesNotThrow(() -> OptionChecks.between("bench stdp", "--threads", 1, 1, 1024));
        assertDoesNotThrow(() -> OptionChecks.between("bench stdp", "--threads", 1024, 1, 1024));
        for (int threads : new int[] {0, 1025}) {
            ParameterException e = assertThrows(ParameterException.class,
                    () -> OptionChecks.between("bench stdp", "--threads", threads, 1, 1024));
            assertEquals("bench stdp: --threads: expected an integer in [1, 1024], found " + threads, e.getMessage());
        }
    }

    /** A count past the data's size is noted (bench train --limit 100000 trained on 60,000 without a word). */
    @Test
    void aCountPastTheDataIsNotedAndOneWithinItIsNot() {
        StringWriter text = new StringWriter();
        PrintWriter err = new PrintWriter(text);
        OptionChecks.noteFewer(err, "bench train", "--limit", 100_000, 60_000, "training images");
        OptionChecks.noteFewer(err, "bench stdp", "--test", 10_000, 10_000, "test images");
        assertEquals("engram bench train: note: --limit 100000 asks for more training images than the data has: its"
                + " 60000 are used" + System.lineSeparator(), text.toString());
    }

    /**
     * The note is out before the benchmark's minutes of training begin, even on a writer that does not flush at a
     * line's end: a buffered standard error would otherwise show it only with the report.
     */
    @Test
    void theNoteIsFlushedAtOnce() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintWriter buffered = new PrintWriter(bytes);
        OptionChecks.noteFewer(buffered, "bench stdp", "--test", 20_000, 10_000, "test images");
        assertEquals("engram bench stdp: note: --test 20000 asks for more test images than the data has: its 10000"
                + " are used" + System.lineSeparator(), bytes.toString(StandardCharsets.UTF_8));
    }
}
