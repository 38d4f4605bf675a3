package org.engram.experiments.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.OptionalInt;

/**
 * The note {@code engram bench} prints when the JVM aligns objects to less than a cache line. A neuron pass
 * streams several arrays at once in vectorised loops, which the JIT aligns to one of them; an array at another
 * offset within its cache lines has its loads straddle two lines. Under the JVM's default 8-byte alignment the
 * arrays' offsets fall where the allocator leaves them, so one network's loop time changes from run to run
 * (CUBA at 64,000 neurons by up to 75%, {@code simulator/PERFORMANCE.md}); {@code ./engram} starts Java with
 * {@code -XX:ObjectAlignmentInBytes=64}, and a figure timed without it should say so.
 */
final class AlignmentNotice {
    /** A cache line on the machines Engram is measured on, and the alignment {@code ./engram} asks for. */
    static final int CACHE_LINE_BYTES = 64;

    private AlignmentNotice() {
    }

    /**
     * The JVM's object alignment, as {@code -XX:ObjectAlignmentInBytes} sets it.
     *
     * @return the alignment in bytes, or empty on a JVM that does not tell it (not HotSpot)
     */
    static OptionalInt objectAlignmentBytes() {
        HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        if (hotSpot == null) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(hotSpot.getVMOption("ObjectAlignmentInBytes").getValue()));
        } catch (IllegalArgumentException e) {
            // A HotSpot without the option (or giving it as no number) has no alignment to report.
            return OptionalInt.empty();
        }
    }

    /**
     * The note for an alignment, or null when objects are aligned to a cache line or the alignment is unknown.
     *
     * @param alignment the JVM's object alignment in bytes
     * @return the note, or null
     */
    static String of(OptionalInt alignment) {
        if (alignment.isEmpty() || alignment.getAsInt() >= CACHE_LINE_BYTES) {
            return null;
        }
        return "note: the JVM aligns objects to " + alignment.getAsInt() + " bytes, so the arrays a neuron pass"
                + " streams lie at chance offsets within cache lines and the same run can take up to 75% longer"
                + " in one process than in another; ./engram starts Java with -XX:ObjectAlignmentInBytes="
                + CACHE_LINE_BYTES + " (give it to java -jar too)";
    }

    /**
     * Prints the note for this JVM, if there is one.
     *
     * @param err     where it goes (standard error)
     * @param command the command, as the note's prefix ({@code engram bench cuba})
     */
    static void print(PrintWriter err, String command) {
        String note = of(objectAlignmentBytes());
        if (note != null) {
            err.println(command + ": " + note);
            err.flush();
        }
    }
}
