package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The note on an object alignment below a cache line: given for 32 bytes, not for 64 (the line) or more, nor for a
 * JVM that does not tell its alignment. {@link BenchCommandTest} checks it in JVMs started with an alignment.
 */
class AlignmentNoticeTest {
    @Test
    void onlyAnAlignmentBelowACacheLineIsNoted() {
        assertEquals("note: the JVM aligns objects to 32 bytes, so the arrays a neuron pass streams lie at chance"
                + " offsets within cache lines and the same run can take up to 75% longer in one process than in"
                + " another; ./engram starts Java with -XX:ObjectAlignmentInBytes=64 (give it to java -jar too)",
                AlignmentNotice.of(OptionalInt.of(32)));
        assertNull(AlignmentNotice.of(OptionalInt.of(64)));
        assertNull(AlignmentNotice.of(OptionalInt.of(128)));
        assertNull(AlignmentNotice.of(OptionalInt.empty()));
    }

    /**
     * This JVM's alignment is read as it was started (HotSpot's default is 8 bytes), and its note, if any, is out
     * at once on a writer that does not flush at a line's end.
     */
    @Test
    void thisJvmsAlignmentIsReadAndItsNotePrinted() {
        int started = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-XX:ObjectAlignmentInBytes="))
                .mapToInt(a -> Integer.parseInt(a.substring(a.indexOf('=') + 1))).reduce((a, b) -> b).orElse(8);
        assertEquals(OptionalInt.of(started), AlignmentNotice.objectAlignmentBytes());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AlignmentNotice.print(new PrintWriter(bytes), "engram bench cuba");
        String printed = bytes.toString(StandardCharsets.UTF_8);
        if (started < 64) {
            assertTrue(printed.startsWith("engram bench cuba: note: the JVM aligns objects to " + started + " bytes, ")
                    && printed.endsWith("(give it to java -jar too)" + System.lineSeparator()), printed);
        } else {
            assertEquals("", printed);
        }
    }
}
