package org.engram.simulator.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of worker threads owned by one engine; the calling thread is worker 0.
 *
 * <p>{@link #run} hands the same task to every worker and returns when all have finished: one
 * start signal and one completion count per slice, never per step. A waiting thread (a worker
 * between runs, the caller until the last worker is done) spins briefly, then yields, then parks
 * until woken, so an idle engine costs no CPU and a core that waits is free for other threads.
 * An interrupt of a worker's thread during a run comes to the caller as its own; between runs,
 * where there is no run to end, a worker drops it.
 */
final class WorkerPool implements AutoCloseable {
    /** Work for one worker. */
    @FunctionalInterface
    interface Task {
        void run(int worker);
    }

    private static final int SPINS = 2_000;
    private static final int YIELDS = 200;
    /** How long close() waits for a worker to stop: it stops at once, unless its thread is starved. */
    private static final long JOIN_NANOS = 1_000_000_000L;

    private final Thread[] threads;
    private final AtomicInteger remaining = new AtomicInteger();
    private volatile Task task;
    /** The thread in {@link #run}, which the last worker to finish unparks. */
    private volatile Thread caller;
    private volatile int generation;
    private volatile boolean closed;
    /**
     * What each worker threw in the current run, by worker (0 unused); written before the worker
     * counts itself done, so {@link #run} sees it once every worker has.
     */
    private final Throwable[] failures;
    /**
     * Whether a worker's thread was interrupted during the current run (a kernel restoring an
     * interrupt it caught, or code interrupting the thread); written before the worker counts itself
     * done, and passed to the caller as its own interrupt, which ends the run at the slice edge.
     */
    private boolean workerInterrupted;

    WorkerPool(int workers, String name) {
        threads = new Thread[workers - 1];
        failures = new Throwable[workers];
        for (int w = 1; w < workers; w++) {
            final int worker = w;
            Thread t = new Thread(() -> loop(worker), name + "-worker-" + w);
            t.setDaemon(true);
            try {
                t.start();
            } catch (Throwable e) {
                // No native thread left: stop the ones started, so a failed engine leaves none behind.
                closed = true;
                for (int k = 0; k < w - 1; k++) {
                    LockSupport.unpark(threads[k]);
                }
                throw e;
            }
            threads[w - 1] = t;
        }
    }

    /**
     * Runs {@code t} on every worker and waits for all of them.
     *
     * @param t the task; worker 0 runs on the calling thread
     */
    void run(Task t) {
        if (threads.length == 0) {
            t.run(0);
            return;
        }
        task = t;
        caller = Thread.currentThread();
        remaining.set(threads.length);
        generation++;
        for (Thread thread : threads) {
            LockSupport.unpark(thread);
        }
        try {
            t.run(0);
        } catch (Throwable e) {
            failures[0] = e;
        }
        boolean interrupted = false;
        int waited = 0;
        while (remaining.get() != 0) {
            // Parking returns at once while the interrupt status is set, which would spin this thread
            // until the workers finish: the status is held aside meanwhile and set again below.
            interrupted |= waited >= SPINS + YIELDS && Thread.interrupted();
            pause(++waited);
        }
        if (interrupted || workerInterrupted) {
            workerInterrupted = false;
            Thread.currentThread().interrupt();
        }
        // Keep no reference to the task's owner between runs: parked workers must not keep it alive.
        task = null;
        Throwable first = null;
        for (int w = 0; w < failures.length; w++) {
            if (failures[w] != null) {
                if (first == null) {
                    first = failures[w];
                } else if (failures[w] != first) {
                    first.addSuppressed(failures[w]);
                }
                failures[w] = null;
            }
        }
        if (first != null) {
            if (first instanceof KernelFailed k && failures.length > 1) {
                // It may have been made on a worker, whose trace holds only its own frames: a copy made here
                // leads to the caller.
                throw k.rethrownOnCaller();
            }
            if (first instanceof RuntimeException re) {
                throw re;
            }
            if (first instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("worker failed", first);
        }
    }

    private void loop(int worker) {
        int seen = 0;
        while (true) {
            int waited = 0;
            // No timeout in pause's park: run() and close() unpark every worker after changing what
            // this loop reads, and a permit given before park() makes it return at once.
            while (generation == seen && !closed) {
                // An interrupt between runs has no run to end; left set, it would make every park
                // return at once and spin this thread until the engine closes.
                if (waited >= SPINS + YIELDS) {
                    Thread.interrupted();
                }
                pause(++waited);
            }
            if (closed) {
                return;
            }
            seen = generation;
            try {
                task.run(worker);
            } catch (Throwable e) {
                failures[worker] = e;
            }
            if (Thread.interrupted()) {
                workerInterrupted = true;
            }
            if (remaining.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
        }
    }

    /**
     * One round of waiting, the {@code waited}-th: spin briefly, then yield, then park until
     * unparked. Parking, not yielding, is what lets the other core run something else: a thread
     * that yields stays runnable, so the scheduler sees its core busy and leaves a third thread
     * (the JIT compiler early in a run) waiting beside the worker that still has work.
     */
    private void pause(int waited) {
        if (waited < SPINS) {
            Thread.onSpinWait();
        } else if (waited < SPINS + YIELDS) {
            Thread.yield();
        } else {
            LockSupport.park(this);
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread t : threads) {
            LockSupport.unpark(t);
        }
        boolean interrupted = false;
        for (Thread t : threads) {
            // An interrupt does not cut the wait short: close() promises the workers stopped. The
            // caller's interrupt status is set again once they have.
            long giveUp = System.nanoTime() + JOIN_NANOS;
            while (t.isAlive() && System.nanoTime() < giveUp) {
                try {
                    t.join(Math.max(1, (giveUp - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
