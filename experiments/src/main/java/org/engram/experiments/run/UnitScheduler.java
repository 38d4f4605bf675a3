package org.engram.experiments.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Trains a run's units (strategy and seed) one after the other, or up to {@code jobs} of them side
 * by side ({@code engram run --jobs}), and gives their results in the config's order. A unit's
 * results depend on its strategy and seed alone, not on what trains beside it. The first unit to
 * fail stops the others at their next batch (their finished tasks are checkpointed, and a resume
 * trains the rest) and its failure is the run's.
 */
final class UnitScheduler {
    private UnitScheduler() {
    }

    /**
     * A unit that stopped because another failed, not for a reason of its own: what it leaves is
     * checkpointed, and the run reports the other unit's failure.
     */
    static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("stopped because another unit of the run failed", null, false, false);
        }
    }

    /**
     * Trains the units.
     *
     * @param units      the units in the config's order
     * @param jobs       how many may train at once, {@code >= 1}
     * @param stopOthers asks the units that train to stop at their next batch, and those not started not
     *                   to start; run once, at the first failure
     * @return each unit's result, in the order of {@code units}
     * @throws RuntimeException the first failure, as the unit threw it
     * @throws Error            likewise (a unit that ran out of memory)
     */
    static <T> List<T> train(List<Supplier<T>> units, int jobs, Runnable stopOthers) {
        List<T> results = new ArrayList<>();
        if (jobs == 1 || units.size() == 1) {
            for (Supplier<T> unit : units) {
                results.add(unit.get());
            }
            return results;
        }
        AtomicInteger made = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, units.size()), r -> {
            Thread t = new Thread(r, "engram-unit-" + made.incrementAndGet());
            t.setDaemon(true);   // a signal ends the process while the units train, as it does with one
            return t;
        });
        try {
            CompletionService<T> done = new ExecutorCompletionService<>(pool);
            List<Future<T>> futures = new ArrayList<>();
            for (Supplier<T> unit : units) {
                futures.add(done.submit(() -> {
                    try {
                        return unit.get();
                    } catch (RuntimeException | Error e) {
                        // From the failing unit's thread, before it takes the next unit, which then does not start.
                        if (!(e instanceof Stopped)) {
                            stopOthers.run();
                        }
                        throw e;
                    }
                }));
            }
            Throwable failure = awaitAll(done, units.size(), stopOthers);
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            for (Future<T> f : futures) {
                results.add(resultOf(f));
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Waits for every unit to end, stopping the others at the first failure.
     *
     * @return the first failure, or null if every unit finished
     */
    private static <T> Throwable awaitAll(CompletionService<T> done, int count, Runnable stopOthers) {
        Throwable failure = null;
        boolean interrupted = false;
        for (int ended = 0; ended < count; ) {
            Future<T> f;
            try {
                f = done.take();
            } catch (InterruptedException e) {
                // The calling thread is asked to stop: the units stop as after a failure, then it does.
                interrupted = true;
                if (failure == null) {
                    failure = new RunStopped("the thread that ran the units was interrupted", null);
                    stopOthers.run();
                }
                continue;
            }
            ended++;
            Throwable thrown = thrownBy(f);
            if (thrown != null && !(thrown instanceof Stopped) && failure == null) {
                failure = thrown;   // its unit has stopped the others
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return failure;
    }

    /** @return what an ended unit threw, or null if it finished (its future is done: get returns at once) */
    private static Throwable thrownBy(Future<?> f) {
        try {
            f.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            throw new IllegalStateException("the unit had ended", e);
        }
    }

    /** @return the result of a unit that finished (its future is done: get returns at once) */
    private static <T> T resultOf(Future<T> f) {
        try {
            return f.get();
        } catch (ExecutionException | InterruptedException e) {
            throw new IllegalStateException("the unit had finished", e);
        }
    }
}
