package org.engram.experiments.run;

import java.io.PrintStream;

/**
 * What a signal (Ctrl-C, SIGTERM) does while a command sets up its work, before it has a folder of its
 * own, whose hook then speaks for it: says in one line that nothing was written. Such a signal (in
 * the first seconds of a run, or while a simulation builds its network) ended the process with code
 * 130 and no word.
 */
public final class SetupStop implements AutoCloseable {
    private final Thread hook;
    private final String work;
    private final PrintStream err;
    /** Whether the setup has ended (the work has its folder, or failed); guarded by this. */
    private boolean over;

    /**
     * Registers the hook.
     *
     * @param work what is set up, for the message, e.g. {@code "simulation"}
     */
    public SetupStop(String work) {
        this(work, System.err, true);
    }

    SetupStop(String work, PrintStream err, boolean register) {
        this.work = work;
        this.err = err;
        this.hook = new Thread(this::signalled, "engram-setup-stop");
        if (register) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
    }

    /**
     * The line a signal during a setup prints.
     *
     * @param work what was set up, e.g. {@code "run"}
     * @return {@code engram: stopped before the run began; nothing was written}
     */
    static String line(String work) {
        return "engram: stopped before the " + work + " began; nothing was written";
    }

    /** What the hook does: says so, unless the setup has ended. */
    synchronized void signalled() {
        if (!over) {
            err.println(line(work));
            err.flush();
        }
    }

    /** Ends the setup: a signal from now on says nothing here, and the hook is removed. */
    @Override
    public void close() {
        synchronized (this) {
            over = true;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException | IllegalArgumentException shuttingDownOrNeverAdded) {
            // The JVM is exiting and runs the hook, which now says nothing; or the hook was never registered.
        }
    }
}
