package org.engram.experiments.run;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
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
    private final long startNanos = System.nanoTime();

    Progress(long totalSamples, long doneBefore) {
        this.totalSamples = Math.max(1, totalSamples);
        this.doneBefore = doneBefore;
        this.doneSamples = doneBefore;
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
                : new Lines(totalSamples, doneBefore, err);
    }

    /** What is being trained now, for the messages. */
    protected String strategy = "";
    protected long seed;
    protected int task;
    protected int tasks;
    protected int epoch;
    protected int epochs;
    protected int epochSamples;
    protected int epochDone;

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
        strategy = strategyLabel;
        seed = seedValue;
        task = taskIndex;
        tasks = taskCount;
        epoch = epochIndex;
        epochs = epochCount;
        epochSamples = samples;
        epochDone = 0;
    }

    /**
     * A batch is done.
     *
     * @param samples the task's samples in it
     */
    void batch(int samples) {
        doneSamples += samples;
        epochDone += samples;
        batchDone(samples);
    }

    protected abstract void batchDone(int samples);

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
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
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

    /** Plain log lines. */
    static final class Lines extends Progress {
        /** A long epoch reports its progress at most this often (ns). */
        private static final long INTERVAL_NANOS = 15_000_000_000L;
        private final PrintWriter out;
        private long lastLine = System.nanoTime();
        private long epochStart;

        Lines(long totalSamples, long doneBefore, PrintWriter out) {
            super(totalSamples, doneBefore);
            this.out = out;
        }

        @Override
        void epochStarted(String strategyLabel, long seedValue, int taskIndex, int taskCount, int epochIndex,
                int epochCount, int samples) {
            super.epochStarted(strategyLabel, seedValue, taskIndex, taskCount, epochIndex, epochCount, samples);
            epochStart = System.nanoTime();
            lastLine = epochStart;
        }

        @Override
        protected synchronized void batchDone(int samples) {
            long now = System.nanoTime();
            if (!silenced && now - lastLine >= INTERVAL_NANOS && epochDone < epochSamples) {
                lastLine = now;
                out.printf(Locale.ROOT, "[%s seed %d] task %d/%d epoch %d/%d: %d/%d samples, %.0f samples/s (%s)%n",
                        strategy, seed, task + 1, tasks, epoch + 1, epochs, epochDone, epochSamples,
                        epochDone / ((now - epochStart) / 1e9), eta());
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

        Bar(long totalSamples, long doneBefore, PrintStream err) {
            super(totalSamples, doneBefore);
            this.err = err;
            this.bar = new ProgressBarBuilder().setTaskName("training").setInitialMax(this.totalSamples)
                    .startsFrom(doneBefore, Duration.ZERO)
                    .setUnit(" samples", 1).showSpeed().setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setConsumer(new ConsoleProgressBarConsumer(err)).setUpdateIntervalMillis(500).build();
        }

        @Override
        void epochStarted(String strategyLabel, long seedValue, int taskIndex, int taskCount, int epochIndex,
                int epochCount, int samples) {
            super.epochStarted(strategyLabel, seedValue, taskIndex, taskCount, epochIndex, epochCount, samples);
            bar.setExtraMessage(String.format(Locale.ROOT, " %s seed %d task %d/%d epoch %d/%d", strategyLabel,
                    seedValue, taskIndex + 1, taskCount, epochIndex + 1, epochCount));
        }

        @Override
        protected synchronized void batchDone(int samples) {
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
            bar.setExtraMessage(String.format(Locale.ROOT, " %s seed %d task %d/%d epoch %d/%d%s",
                    e.strategy(), e.seed(), e.task() + 1, tasks, e.epoch() + 1, epochs, loss));
        }

        @Override
        synchronized void task(String strategy, long seed, int task, int tasks, double[] row, double[] validation) {
            if (silenced) {
                return;
            }
            bar.setExtraMessage(String.format(Locale.ROOT, " %s seed %d after task %d/%d:%s%s", strategy, seed,
                    task + 1, tasks, row(row), validationRow(validation)));
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
            // The bar's own thread redraws it until it is closed; closed, it ends its line.
            bar.close();
        }

        @Override
        public synchronized void close() {
            if (!silenced) {
                bar.close();
            }
        }
    }
}
