package org.engram.experiments.run;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Reports a run's progress on standard error: a progress bar over all training samples of the
 * run (with samples per second and the estimated time left) on a terminal, else one plain log line
 * per epoch and per task, so logs of batch jobs stay readable. Never writes to standard output.
 */
abstract class Progress implements AutoCloseable {
    /** Samples the whole run trains on (for the fraction done and the ETA). */
    protected final long totalSamples;
    protected long doneSamples;
    /** Samples of the tasks a resumed run had finished before this process: done, but not at its speed. */
    private final long doneBefore;
    /** The clock of every time measured here (ns): {@link System#nanoTime}, or a test's. */
    protected final LongSupplier clock;
    private final long startNanos;

    Progress(long totalSamples, long doneBefore, LongSupplier clock) {
        this.totalSamples = Math.max(1, totalSamples);
        this.doneBefore = doneBefore;
        this.doneSamples = doneBefore;
        this.clock = clock;
        this.startNanos = clock.getAsLong();
    }

    /**
     * The progress reporter for this process.
     *
     * @param totalSamples training samples of the whole run
     * @param doneBefore   those of the tasks finished before this process (a resumed run's)
     * @param err          where log lines go when standard error is not a terminal
     * @return a bar on a terminal, log lines otherwise
     */
    static Progress create(long totalSamples, long doneBefore, PrintWriter err) {
        return System.console() != null ? new Bar(totalSamples, doneBefore, System.err)
                : new Lines(totalSamples, doneBefore, err, System::nanoTime);
    }

    /** Tasks in the sequence and epochs per task, the same for every unit of the run. */
    protected int tasks;
    protected int epochs;

    /**
     * The reporter of one unit (strategy and seed), which knows the epoch it trains: units trained
     * side by side ({@code engram run --jobs}) have one each and share the run's count of samples.
     *
     * @return a new unit reporter
     */
    Unit unit() {
        return new Unit();
    }

    /** What one unit is training now, for its messages; its reports go through the run's reporter. */
    final class Unit {
        String strategy = "";
        long seed;
        int task;
        int epoch;
        int epochSamples;
        int epochDone;
        long epochStartNanos;
        /** When the plain log last printed a line of this unit's epoch, or the epoch started (ns). */
        long lastLineNanos;

        private Unit() {
        }

        /**
         * An epoch starts.
         *
         * @param strategyLabel the strategy
         * @param seedValue     the seed
         * @param taskIndex     the task, from 0
         * @param taskCount     tasks in the sequence
         * @param epochIndex    the epoch, from 0
         * @param epochCount    epochs per task
         * @param samples       training samples of the epoch
         */
        void epochStarted(String strategyLabel, long seedValue, int taskIndex, int taskCount, int epochIndex,
                int epochCount, int samples) {
            synchronized (Progress.this) {
                strategy = strategyLabel;
                seed = seedValue;
                task = taskIndex;
                epoch = epochIndex;
                epochSamples = samples;
                epochDone = 0;
                epochStartNanos = clock.getAsLong();
                tasks = taskCount;
                epochs = epochCount;
                started(this);
            }
        }

        /**
         * A batch is done.
         *
         * @param samples the task's samples in it
         */
        void batch(int samples) {
            synchronized (Progress.this) {
                doneSamples += samples;
                epochDone += samples;
                batchDone(this, samples);
            }
        }
    }

    /** A unit's epoch has started (called holding this reporter's lock). */
    protected abstract void started(Unit unit);

    /** A unit's batch is done (called holding this reporter's lock). */
    protected abstract void batchDone(Unit unit, int samples);

    abstract void epoch(EpochRecord e);

    /**
     * Reports a finished task.
     *
     * @param row        the accuracy on every task's test samples
     * @param validation the accuracy on every task's validation samples, or null without them
     */
    abstract void task(String strategy, long seed, int task, int tasks, double[] row, double[] validation);

    abstract void message(String text);

    /** Whether {@link #silence} was called: every later report is dropped. */
    protected boolean silenced;

    /**
     * Stops every report from now on, for a stop's message to be the last thing printed: a signal's
     * shutdown hook says how to continue while the training thread may still finish an epoch.
     * Once it returns, no line of this reporter is being printed or will be.
     */
    synchronized void silence() {
        if (!silenced) {
            silenced = true;
            stopOutput();
        }
    }

    /** Ends the output at a {@link #silence}: flushes the lines, or closes the bar. */
    protected abstract void stopOutput();

    @Override
    public abstract void close();

    /** @return the fraction of samples done and the estimated time left, e.g. {@code 42%, ETA 0:31} */
    protected String eta() {
        double fraction = Math.min(1, (double) doneSamples / totalSamples);
        double elapsed = (clock.getAsLong() - startNanos) / 1e9;
        long doneHere = doneSamples - doneBefore;
        // At this process's speed: a resumed run's earlier tasks took no time here.
        String left = doneHere > 0 ? clock(elapsed * Math.max(0, totalSamples - doneSamples) / doneHere) : "?";
        return String.format(Locale.ROOT, "%.0f%% done, ETA %s", 100 * fraction, left);
    }

    static String clock(double seconds) {
        Duration d = Duration.ofSeconds(Math.round(seconds));
        return d.toHours() > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", d.toHours(), d.toMinutesPart(),
                d.toSecondsPart()) : String.format(Locale.ROOT, "%d:%02d", d.toMinutes(), d.toSecondsPart());
    }

    /**
     * @param e an epoch
     * @return {@code "loss 0.1234, train accuracy 98.5%, "}, or nothing for a learner without either
     */
    private static String lossAndAccuracy(EpochRecord e) {
        return withoutLoss(e) ? "" : String.format(Locale.ROOT, "loss %.4f, train accuracy %.1f%%, ", e.loss(),
                100 * e.trainAccuracy());
    }

    /**
     * Whether the learner has no loss and no training accuracy at all (unsupervised STDP: NaN in
     * log.csv). Printed, its NaNs would read as a diverged run; a diverged BPTT run, whose loss is
     * NaN but whose accuracy is a number, still shows its NaN loss.
     */
    private static boolean withoutLoss(EpochRecord e) {
        return Double.isNaN(e.loss()) && Double.isNaN(e.trainAccuracy());
    }

    static String row(double[] row) {
        StringBuilder sb = new StringBuilder();
        for (double a : row) {
            sb.append(String.format(Locale.ROOT, " %.1f", 100 * a));
        }
        return sb.toString();
    }

    /** @return {@code "; validation: 97.5 ..."}, or nothing without validation samples */
    static String validationRow(double[] validation) {
        return validation == null ? "" : "; validation:" + row(validation);
    }

    /**
     * Plain log lines: one per epoch and per task, and within a long epoch one at most every
     * {@link #INTERVAL_NANOS} per unit, timed from its own epoch's start, whatever trains beside it.
     */
    static final class Lines extends Progress {
        /** A long epoch reports its progress at most this often (ns). */
        static final long INTERVAL_NANOS = 15_000_000_000L;
        private final PrintWriter out;

        /**
         * @param totalSamples training samples of the whole run
         * @param doneBefore   those of the tasks finished before this process
         * @param out          where the lines go
         * @param clock        the time in ns ({@link System#nanoTime}; a test's clock makes the lines' timing its own)
         */
        Lines(long totalSamples, long doneBefore, PrintWriter out, LongSupplier clock) {
            super(totalSamples, doneBefore, clock);
            this.out = out;
        }

        @Override
        protected void started(Unit unit) {
            unit.lastLineNanos = unit.epochStartNanos;
        }

        @Override
        protected void batchDone(Unit unit, int samples) {
            long now = clock.getAsLong();
            if (!silenced && now - unit.lastLineNanos >= INTERVAL_NANOS && unit.epochDone < unit.epochSamples) {
                unit.lastLineNanos = now;
                out.printf(Locale.ROOT, "[%s seed %d] task %d/%d epoch %d/%d: %d/%d samples, %.0f samples/s (%s)%n",
                        unit.strategy, unit.seed, unit.task + 1, tasks, unit.epoch + 1, epochs, unit.epochDone,
                        unit.epochSamples, unit.epochDone / ((now - unit.epochStartNanos) / 1e9), eta());
                out.flush();
            }
        }

        @Override
        synchronized void epoch(EpochRecord e) {
            if (silenced) {
                return;
            }
            out.printf(Locale.ROOT, "[%s seed %d] task %d/%d epoch %d/%d: %s%.1f s, %.0f samples/s (%s)%n",
                    e.strategy(), e.seed(), e.task() + 1, tasks, e.epoch() + 1, epochs, lossAndAccuracy(e),
                    e.seconds(), e.samplesPerSecond(), eta());
            out.flush();
        }

        @Override
        synchronized void task(String strategy, long seed, int task, int tasks, double[] row, double[] validation) {
            if (silenced) {
                return;
            }
            out.printf(Locale.ROOT, "[%s seed %d] after task %d/%d: test accuracy (%%) on tasks 1-%d:%s%s%n", strategy,
                    seed, task + 1, tasks, row.length, row(row), validationRow(validation));
            out.flush();
        }

        @Override
        synchronized void message(String text) {
            if (!silenced) {
                out.println(text);
                out.flush();
            }
        }

        @Override
        protected void stopOutput() {
            out.flush();
        }

        @Override
        public synchronized void close() {
            out.flush();
        }
    }

    /** A progress bar over training samples. */
    static final class Bar extends Progress {
        private final ProgressBar bar;
        private final PrintStream err;
        /** Whether the bar has ended its line, which it does not if closed before its first redraw. */
        private volatile boolean lineEnded;
        /** What the units in training are doing, beside the count. */
        private final UnitsLine units = new UnitsLine();

        Bar(long totalSamples, long doneBefore, PrintStream err) {
            super(totalSamples, doneBefore, System::nanoTime);
            this.err = err;
            this.bar = new ProgressBarBuilder().setTaskName("training").setInitialMax(this.totalSamples)
                    .startsFrom(doneBefore, Duration.ZERO)
                    .setUnit(" samples", 1).showSpeed().setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setConsumer(new ConsoleProgressBarConsumer(err) {
                        @Override
                        public void close() {
                            super.close();
                            lineEnded = true;
                        }
                    }).setUpdateIntervalMillis(500).build();
        }

        /**
         * Closes the bar, which draws it a last time, and ends its line: progressbar 0.10.1 ends it only
         * after its first redraw, so a bar closed at once (a signal at the start, a resume with nothing
         * left) had the next message printed on its line.
         */
        private void closeBar() {
            bar.close();
            if (!lineEnded) {
                err.println();
                err.flush();
            }
        }

        @Override
        protected void started(Unit unit) {
            String state = String.format(Locale.ROOT, "task %d/%d epoch %d/%d", unit.task + 1, tasks, unit.epoch + 1,
                    epochs);
            show(unit.strategy, unit.seed, state, brief(unit.task, unit.epoch), false);
        }

        /** {@return a unit's place in its training for a line shared with other units: task, and epoch of several} */
        private String brief(int task, int epoch) {
            return String.format(Locale.ROOT, "task %d/%d", task + 1, tasks)
                    + (epochs > 1 ? String.format(Locale.ROOT, " epoch %d/%d", epoch + 1, epochs) : "");
        }

        private void show(String strategy, long seed, String state, String brief, boolean last) {
            bar.setExtraMessage(" " + units.show(strategy + " seed " + seed, state, brief, last));
        }

        @Override
        protected void batchDone(Unit unit, int samples) {
            if (!silenced) {
                bar.stepBy(samples);
            }
        }

        @Override
        synchronized void epoch(EpochRecord e) {
            if (silenced) {
                return;
            }
            String loss = withoutLoss(e) ? "" : String.format(Locale.ROOT, " loss %.3f", e.loss());
            show(e.strategy(), e.seed(), String.format(Locale.ROOT, "task %d/%d epoch %d/%d%s", e.task() + 1, tasks,
                    e.epoch() + 1, epochs, loss), brief(e.task(), e.epoch()), false);
        }

        @Override
        synchronized void task(String strategy, long seed, int task, int tasks, double[] row, double[] validation) {
            if (silenced) {
                return;
            }
            show(strategy, seed, String.format(Locale.ROOT, "after task %d/%d:%s%s", task + 1, tasks, row(row),
                    validationRow(validation)), String.format(Locale.ROOT, "after task %d/%d", task + 1, tasks),
                    task + 1 == tasks);
        }

        @Override
        synchronized void message(String text) {
            if (!silenced) {
                err.println();
                err.println(text);
            }
        }

        @Override
        protected void stopOutput() {
            // The bar's own thread redraws it until it is closed.
            closeBar();
        }

        @Override
        public synchronized void close() {
            if (!silenced) {
                closeBar();
            }
        }
    }
}
