package org.engram.simulator.engine;

/**
 * A run ended early because the thread driving it was interrupted ({@link Thread#interrupt}, or
 * {@code Future.cancel(true)} of a task that runs the engine). The run stops at the first slice
 * edge after the interrupt, as a run that long would have ended there: the spikes, samples and
 * state are those of a run to {@link #stoppedAtMs()}, and the engine may go on from there, a later
 * run of the rest giving the spike train of the whole (runs split anywhere on the grid do). The
 * thread's interrupt status stays set, for the code above to see: clear it
 * ({@link Thread#interrupted()}) before running the engine again, or the next run ends at once.
 */
public final class RunInterrupted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The simulated time at which the run stopped, in ms. */
    private final double stoppedAtMs;
    /** The simulated time the run was to reach, in ms. */
    private final double requestedEndMs;

    RunInterrupted(double stoppedAtMs, double requestedEndMs) {
        super("the run was interrupted: it stopped at " + TimeGrid.shownMs(stoppedAtMs) + " ms of the "
                + TimeGrid.shownMs(requestedEndMs)
                + " ms asked for, where the engine can go on (clear the thread's interrupt status first)");
        this.stoppedAtMs = stoppedAtMs;
        this.requestedEndMs = requestedEndMs;
    }

    /** {@return the simulated time at which the run stopped, the engine's {@link Engine#timeMs()}, in ms} */
    public double stoppedAtMs() {
        return stoppedAtMs;
    }

    /** {@return the simulated time the run was to reach, in ms} */
    public double requestedEndMs() {
        return requestedEndMs;
    }
}
