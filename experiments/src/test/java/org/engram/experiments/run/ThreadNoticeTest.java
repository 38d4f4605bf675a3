package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ThreadNoticeTest {
    @Test
    void noNoteWhileTheProcessorsSuffice() {
        assertNull(ThreadNotice.of("--threads", 1, 1));
        assertNull(ThreadNotice.of("--threads", 2, 2));
        assertNull(ThreadNotice.of("threads", 3, 8));
    }

    @Test
    void moreThreadsThanProcessorsAreNotedWithWhereTheyWereGiven() {
        assertEquals("note: --threads 3 on 2 processors: the results do not depend on the thread count, but threads"
                + " beyond the processors take turns on them, so the run is no faster than with 2",
                ThreadNotice.of("--threads", 3, 2));
        assertEquals("note: threads 2 on 1 processor: the results do not depend on the thread count, but threads"
                + " beyond the processors take turns on them, so the run is no faster than with 1",
                ThreadNotice.of("threads", 2, 1));
    }

    /**
     * The note goes to the writer given, after the command, only when the count passes this machine's processors,
     * and at once: a buffered writer holds nothing back.
     */
    @Test
    void printNotesOnlyMoreThreadsThanThisMachinesProcessors() {
        int processors = Runtime.getRuntime().availableProcessors();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintWriter buffered = new PrintWriter(err, false, StandardCharsets.UTF_8);
        ThreadNotice.print(buffered, "engram bench cuba", "--threads", processors);
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        ThreadNotice.print(buffered, "engram bench cuba", "--threads", processors + 1);
        assertEquals("engram bench cuba: note: --threads " + (processors + 1) + " on " + processors + " processor"
                + (processors == 1 ? "" : "s") + ": the results do not depend on the thread count, but threads beyond"
                + " the processors take turns on them, so the run is no faster than with " + processors
                + System.lineSeparator(), err.toString(StandardCharsets.UTF_8));
    }
}
