package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A mistyped option gets one suggestion: picocli's where it has one ({@code --thread}: {@code --threads}), else the
 * closest name by edit distance ({@code --jbos}: {@code --jobs}, a slip picocli finds nothing for). Every message
 * is out on standard error when the command returns, also where that writer does not flush at a line's end.
 */
class OptionSuggestionsTest {
    private static String err(int expectedCode, String... args) {
        CommandLine cl = EngramCommand.commandLine();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        cl.setErr(new PrintWriter(bytes));
        cl.setOut(new PrintWriter(new StringWriter()));
        assertEquals(expectedCode, cl.execute(args));
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    @Test
    void picocliSuggestsWhereItCanAndTheEditDistanceWhereItCannot() {
        assertEquals("engram: error: Unknown options: '--thread', 'x.yaml'\nPossible solutions: --threads\n"
                + "(see engram run --help)\n", err(2, "run", "--thread", "2", "x.yaml"));
        assertEquals("engram: error: Unknown options: '--jbos', 'x.yaml'\nDid you mean: --jobs?\n"
                + "(see engram run --help)\n", err(2, "run", "--jbos", "2", "x.yaml"));
    }

    /** A user error found as the command runs, not as its options are read, is out as well (exit code 2). */
    @Test
    void aUserErrorOfARunningCommandIsOutOnStandardError() {
        assertEquals("engram: error: engram run: --markdown: expected --keys beside it (it formats the key table),"
                + " found no --keys\n", err(2, "run", "--markdown"));
    }
}
