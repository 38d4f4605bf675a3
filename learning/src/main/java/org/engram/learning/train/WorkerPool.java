package org.engram.learning.train;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.engram.simulator.ParameterException;

/**
 * A fixed set of worker threads that run numbered tasks; the calling thread is worker 0. Which
 * worker runs a task is not fixed, so a task's result must not depend on it (each task writes its
 * own output slot).
 *
 * <p>An interrupt does not cut {@link #run} short: by the time the calling thread waits for the
 * helpers it has handed out every task, so they all run, and {@code run} returns as without the
 * interrupt, whose status stays set for the caller to act on between whole pieces of work (the
 * {@link Trainer} does so between batches, with {@link TrainingInterrupted}).
 */
public final class WorkerPool implements Workers, AutoCloseable {
    /** How long a helper thread waits for work before it ends (a new one starts when needed). */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);

    private final int threads;
    private final ThreadPoolExecutor executor;
    private volatile boolean closed;

    /**
     * Creates a pool of the given number of workers.
     *
     * @param threads the number of workers, the calling thread included; helper threads start when
     *                first needed and end after {@link #IDLE_TIMEOUT} (10 s) without work
     */
    public WorkerPool(int threads) {
        this(threads, IDLE_TIMEOUT);
    }

    /**
     * @param threads     the number of workers, the calling thread included
     * @param idleTimeout how long an idle helper thread lives: the helpers of a pool that is never
     *                    closed end this long after its last run
     */
    WorkerPool(int threads, Duration idleTimeout) {
        if (threads < 1) {
            throw new ParameterException("worker pool", "threads", "at least 1", threads);
        }
        this.threads = threads;
        if (threads > 1) {
            executor = new ThreadPoolExecutor(threads - 1, threads - 1, idleTimeout.toNanos(), TimeUnit.NANOSECONDS,
                    new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "engram-trainer");
                        t.setDaemon(true);
                        return t;
                    });
            executor.allowCoreThreadTimeOut(true);
        } else {
            executor = null;
        }
    }

    @Override
    public int count() {
        return threads;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the pool (its trainer) is closed
     */
    @Override
    public void run(int count, Task body) {
        if (closed) {
            throw new IllegalStateException("the trainer is closed; make a new one");
        }
        if (executor == null || count <= 1) {
            for (int i = 0; i < count; i++) {
                body.run(i, 0);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        int helpers = Math.min(threads, count) - 1;
        List<Future<?>> futures = new ArrayList<>(helpers);
        for (int w = 1; w <= helpers; w++) {
            int worker = w;
            futures.add(executor.submit(() -> drain(next, count, body, worker)));
        }
        Throwable failure = null;
        try {
            drain(next, count, body, 0);
        } catch (RuntimeException | Error e) {
            // drain stopped the helpers from starting further tasks; wait for them below either
            // way: no task may still run once this method has returned.
            failure = e;
        }
        // Every task is handed out by now (drain returns only then, or after a failure, which hands out no
        // more), so an interrupt cannot save work: failing here would leave the caller's step half done (an
        // optimiser's moments moved, the weights not) with no sign that retrying it would not repeat it.
        for (Future<?> f : futures) {
            Throwable helper = awaitUninterruptibly(f);
            if (helper != null) {
                failure = withSuppressed(failure, helper);
            }
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new IllegalStateException("a training task failed", failure);
        }
    }

    /** The first failure, with each later one kept as suppressed rather than dropped. */
    private static Throwable withSuppressed(Throwable first, Throwable later) {
        if (first == null) {
            return later;
        }
        if (later != first) {
            first.addSuppressed(later);
        }
        return first;
    }

    /** Runs tasks until none is left; a failure stops every worker from starting more. */
    private static void drain(AtomicInteger next, int count, Task body, int worker) {
        try {
            for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                body.run(i, worker);
            }
        } catch (RuntimeException | Error e) {
            next.set(count);
            throw e;
        }
    }

    /**
     * Waits for a helper to end, keeping an interrupt status (set before or during the wait) for the caller.
     *
     * @return what the helper threw, or null
     */
    private static Throwable awaitUninterruptibly(Future<?> f) {
        boolean interrupted = false;
        Throwable thrown = null;
        while (true) {
            try {
                f.get();
                break;
            } catch (ExecutionException ended) {
                thrown = ended.getCause();
                break;
            } catch (InterruptedException again) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return thrown;
    }

    /** Stops the helper threads at once; running tasks afterwards throws {@link IllegalStateException}. */
    @Override
    public void close() {
        closed = true;
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
