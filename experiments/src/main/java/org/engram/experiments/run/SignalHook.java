package org.engram.experiments.run;

import java.util.function.Supplier;

/**
 * The one shutdown hook of an {@code engram run}, registered before the command reads its config
 * (which, with Jackson's start-up, takes a second or more) and removed when the run has ended: what a
 * signal (SIGTERM, Ctrl-C) does changes as the run goes on, but the hook stays, so a signal at any
 * moment finds the action of that moment. (A hook for the setup, removed before the training's was
 * added, left an instant in which a signal found no hook: the run stayed resumable, but without
 * {@code status.json} or the line that says how to continue.)
 *
 * <p>The action runs under this object's lock, and {@link #step} holds that lock too, so a signal
 * during a step waits for it and then runs the action the step has set. Lock order: this hook,
 * then the run's loop, then its folder; the run never asks for this lock while holding the others.
 */
public final class SignalHook implements AutoCloseable {
    private final Thread thread = new Thread(this::fire, "engram-run-signal");
    /** What a signal does now (before the run has a folder: says that nothing was written); guarded by this. */
    private Runnable action = () -> {
        System.err.println(SetupStop.line("run"));
        System.err.flush();
    };
    /** Whether a signal has come: the process is exiting, and nothing new may start. Guarded by this. */
    private boolean fired;

    /** Registers the hook, with an action that says nothing was written (before the run has a folder). */
    public SignalHook() {
        Runtime.getRuntime().addShutdownHook(thread);
    }

    /**
     * Runs a step that a signal must not cut in two, such as making the run's folder and then setting
     * the action that records a stop in it; a signal meanwhile waits, then runs the action set.
     *
     * @param step the step
     * @return what the step returns
     * @throws RunStopped if a signal has already come (the process is exiting): the step does not run
     */
    synchronized <T> T step(Supplier<T> step) {
        if (fired) {
            throw new RunStopped("the process was stopped (signal) before the run began", null);
        }
        return step.get();
    }

    /**
     * Sets what a signal does from now on; called inside a {@link #step}.
     *
     * @param newAction the action
     */
    synchronized void act(Runnable newAction) {
        action = newAction;
    }

    private synchronized void fire() {
        fired = true;
        action.run();
    }

    /** Removes the hook, unless the JVM is already exiting and runs it. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(thread);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting and the hook has run or is running: nothing to remove.
        }
    }
}
