package org.engram.experiments.run;

import java.io.PrintWriter;

/**
 * The note a command prints when it is asked for more worker threads than the JVM has processors:
 * the results are the same for every thread count, so nothing is refused, but threads beyond the
 * processors only take turns on them, which a user timing a run should know.
 */
public final class ThreadNotice {
    private ThreadNotice() {
    }

    /**
     * The note for a thread count, or null when the processors suffice.
     *
     * @param setting    where the count was given, as the user wrote it ({@code --threads},
     *                   {@code threads})
     * @param threads    worker threads asked for
     * @param processors processors available to the JVM
     * @return the note, or null
     */
    public static String of(String setting, int threads, int processors) {
        if (threads <= processors) {
            return null;
        }
        String processorCount = processors + (processors == 1 ? " processor" : " processors");
        return "note: " + setting + " " + threads + " on " + processorCount
                + ": the results do not depend on the thread count, but threads beyond the processors take turns on"
                + " them, so the run is no faster than with " + processors;
    }

    /**
     * Prints the note for this machine, if there is one.
     *
     * @param err     where it goes (standard error)
     * @param command the command, as the note's prefix ({@code engram bench cuba})
     * @param setting where the count was given
     * @param threads worker threads asked for
     */
    public static void print(PrintWriter err, String command, String setting, int threads) {
        String note = of(setting, threads, Runtime.getRuntime().availableProcessors());
        if (note != null) {
            err.println(command + ": " + note);
            err.flush();
        }
    }
}
