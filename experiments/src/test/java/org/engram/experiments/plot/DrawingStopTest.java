package org.engram.experiments.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.engram.simulator.EngramException;
import org.junit.jupiter.api.Test;

/**
 * A signal while figures are drawn, played in this JVM by calling what the shutdown hook calls: it
 * stops the drawing, deletes the hidden folder only once the drawing thread has left it, and says in
 * one line what the folder holds. {@code PlotSignalTest} provokes real signals in a JVM of their own.
 */
class DrawingStopTest {
    private static final Path TARGET = Path.of("/figs");

    /** A stop whose deletion of the hidden folder is recorded, and the standard error it prints. */
    private final AtomicBoolean deleted = new AtomicBoolean();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Runs the hook's work on a thread of its own, as the JVM does, and returns once the signal is under way. */
    private Thread signal(DrawingStop stop) {
        Thread hook = new Thread(stop::stop, "signal");
        hook.start();
        stop.awaitSignal();
        return hook;
    }

    /** Ends the drawing thread's work on a daemon thread: after a signal, {@code end} waits for the exit. */
    private static CountDownLatch endOnAnotherThread(DrawingStop stop) {
        CountDownLatch started = new CountDownLatch(1);
        Thread drawing = new Thread(() -> {
            started.countDown();
            stop.end();
        }, "drawing");
        drawing.setDaemon(true);
        drawing.start();
        return started;
    }

    /** Signals a stop, ends its drawing thread's work and returns what the stop printed on standard error. */
    private String signalled(DrawingStop stop) throws Exception {
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            Thread hook = signal(stop);
            assertFalse(deleted.get(), "the hidden folder is left while the drawing thread may write into it");
            endOnAnotherThread(stop).await();
            hook.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(hook.isAlive(), "the hook returns once the drawing thread has left");
            return err.toString(StandardCharsets.UTF_8);
        } finally {
            System.setErr(original);
            stop.close();
        }
    }

    @Test
    void aSignalWhileDrawingStopsItAndDeletesTheHiddenFolderOnceLeft() throws Exception {
        DrawingStop stop = new DrawingStop(TARGET, () -> deleted.set(true));
        stop.requireRunning();
        String said = signalled(stop);
        assertTrue(deleted.get());
        assertEquals("engram: stopped before the end; no figure was changed in " + TARGET + System.lineSeparator(),
                said);
        EngramException e = assertThrows(EngramException.class, stop::requireRunning);
        assertEquals("stopped by a signal before the figures were moved into " + TARGET, e.getMessage());
        assertThrows(EngramException.class, stop::startMoving, "nothing is moved after a signal");
    }

    @Test
    void aSignalWhileMovingSaysWhetherEveryFigureWasMovedIn() throws Exception {
        for (boolean completed : new boolean[] {true, false}) {
            deleted.set(false);
            err.reset();
            DrawingStop stop = new DrawingStop(TARGET, () -> deleted.set(true));
            stop.startMoving();
            if (completed) {
                stop.completed();
            }
            String said = signalled(stop);
            assertTrue(deleted.get());
            assertEquals("engram: " + (completed ? "stopped as the figures were moved into " + TARGET + "; every one"
                    + " was moved in first, so the folder holds the new set" : "stopped as the figures were moved into "
                    + TARGET + ", which may hold part of the new set: draw again") + System.lineSeparator(), said);
        }
    }

    /** A signal after the drawing has ended stopped nothing: it says nothing and deletes nothing. */
    @Test
    void aSignalAfterTheEndDoesNothing() {
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        DrawingStop stop = new DrawingStop(TARGET, () -> deleted.set(true));
        try {
            stop.startMoving();
            stop.completed();
            stop.end();
            stop.stop();
        } finally {
            System.setErr(original);
            stop.close();
        }
        assertFalse(deleted.get());
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        stop.requireRunning();
    }
}
