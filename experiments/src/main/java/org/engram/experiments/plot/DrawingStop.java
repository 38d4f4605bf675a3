package org.engram.experiments.plot;

import java.nio.file.Path;
import org.engram.simulator.EngramException;

/**
 * What a signal (SIGTERM, Ctrl-C) does while {@link FigureFolder} draws figures into a hidden folder
 * and moves them in. Deleting that folder at once, while the drawing thread still wrote into it,
 * failed and left the folder with part of the figures (1 in 10 signals); a signal during the moves
 * left new figures beside old ones. Now the signal stops the drawing at the next figure, or lets the
 * moves that have begun finish, waits for the drawing thread to leave the folder (at most
 * {@link #WAIT_MS}), deletes what is left and says what holds, in one line on standard error.
 *
 * <p>The drawing thread reports through {@link #requireRunning}, {@link #startMoving}, {@link #completed}
 * and {@link #end}; all state is guarded by this object's lock.
 */
final class DrawingStop implements AutoCloseable {
    /** How long a signal waits for the drawing thread: a figure being drawn may take a few seconds. */
    static final long WAIT_MS = 20_000;

    private final Path target;
    private final Runnable deleteStaging;
    private final Thread hook = new Thread(this::stop, "engram-figure-stop");
    private boolean signalled;
    private boolean moving;
    private boolean completed;
    private boolean ended;

    /**
     * Registers the shutdown hook.
     *
     * @param target        the folder the figures go into, for the message
     * @param deleteStaging deletes the hidden folder, quietly
     */
    DrawingStop(Path target, Runnable deleteStaging) {
        this.target = target;
        this.deleteStaging = deleteStaging;
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Called before each figure is written into the hidden folder.
     *
     * @throws EngramException if a signal has come: nothing more is written
     */
    synchronized void requireRunning() {
        if (signalled) {
            throw new EngramException("stopped by a signal before the figures were moved into " + target, null);
        }
    }

    /**
     * Called once every figure is written, before the first is moved in: a signal from now on lets the
     * moves finish, so the folder never holds part of the new set beside the old.
     *
     * @throws EngramException if a signal has come: nothing is moved
     */
    synchronized void startMoving() {
        requireRunning();
        moving = true;
    }

    /** Called once every figure is in the folder: a move or removal that fails never calls it. */
    synchronized void completed() {
        completed = true;
    }

    /**
     * Called by the drawing thread when it has left the hidden folder (deleted it, or moved it in).
     * After a signal the process is exiting: the thread waits here for the end, so that nothing it
     * would print follows the line the signal prints.
     */
    synchronized void end() {
        ended = true;
        notifyAll();
        while (signalled) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Waits until a signal has come; for the stops that tests provoke. */
    synchronized void awaitSignal() {
        while (!signalled) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Removes the hook, unless the JVM is already exiting and runs it. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs: it stops the drawing and deletes what is left.
        }
    }

    /**
     * What the shutdown hook does as a signal comes: stops the drawing, waits for the drawing thread to
     * leave the hidden folder, deletes what is left of it and says what the folder holds. Package-private
     * so that tests can signal without the JVM exiting.
     */
    void stop() {
        boolean moved;
        boolean allMovedIn;
        synchronized (this) {
            if (ended) {
                return;   // drawn and moved in before the signal: nothing was stopped
            }
            signalled = true;
            moved = moving;
            notifyAll();
            long deadline = System.nanoTime() + WAIT_MS * 1_000_000;
            long waitMs = WAIT_MS;
            while (!ended && waitMs > 0) {
                try {
                    wait(waitMs);
                } catch (InterruptedException e) {
                    break;
                }
                waitMs = (deadline - System.nanoTime()) / 1_000_000;
            }
            allMovedIn = completed;
        }
        deleteStaging.run();
        String what = !moved ? "stopped before the end; no figure was changed in " + target
                : allMovedIn ? "stopped as the figures were moved into " + target + "; every one was moved in first, so"
                + " the folder holds the new set" : "stopped as the figures were moved into " + target + ", which"
                + " may hold part of the new set: draw again";
        System.err.println("engram: " + what);
        System.err.flush();
    }
}
