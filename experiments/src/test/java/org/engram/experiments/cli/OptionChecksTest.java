package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** A count past the data's size is noted (bench train --limit 100000 trained on 60,000 without a word). */
class OptionChecksTest {
    @Test
    void aCountPastTheDataIsNotedAndOneWithinItIsNot() {
        StringWriter text = new StringWriter();
        PrintWriter err = new PrintWriter(text);
        OptionChecks.noteFewer(err, "bench train", "--limit", 100_000, 60_000, "training images");
        OptionChecks.noteFewer(err, "bench stdp", "--test", 10_000, 10_000, "test images");
        assertEquals("engram bench train: note: --limit 100000 asks for more training images than the data has: its"
                + " 60000 are used" + System.lineSeparator(), text.toString());
    }
}
