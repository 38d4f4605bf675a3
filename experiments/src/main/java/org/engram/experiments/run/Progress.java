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
    private final long startNanos = System.nanoTime();

    Progress(long totalSamples) {
        this.totalSamples = Math.max(1, totalSamples);
    }

    /**
     * The progress reporter for this process.
     *
     * @param totalSamples training samples of the whole run (what is left of it when resuming)
     * @param err          where log lines go when standard error is not a terminal
     * @return a bar on a terminal, log lines otherwise
     */
    static Progress create(long totalSamples, PrintWriter err) {
        return System.console() != null ? new Bar(totalSamples, System.err) : new Lines(totalSamples, err);
    }

    abstract void epoch(EpochRecord e, int tasks, int epochs);

    abstract void task(String strategy, long seed, int task, int tasks, double[] row);

    abstract void message(String text);

    @Override
    public abstract void close();

    /** @return the fraction of samples done and the estimated time left, e.g. {@code 42%, ETA 0:31} */
    protected String eta() {
        double fraction = Math.min(1, (double) doneSamples / totalSamples);
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        String left = fraction > 0 ? clock(elapsed * (1 - fraction) / fraction) : "?";
        return String.format(Locale.ROOT, "%.0f%% done, ETA %s", 100 * fraction, left);
    }

    static String clock(double seconds) {
        Duration d = Duration.ofSeconds(Math.round(seconds));
        return d.toHours() > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", d.toHours(), d.toMinutesPart(),
                d.toSecondsPart()) : String.format(Locale.ROOT, "%d:%02d", d.toMinutes(), d.toSecondsPart());
    }

    static String row(double[] row) {
        StringBuilder sb = new StringBuilder();
        for (double a : row) {
            sb.append(String.format(Locale.ROOT, " %.1f", 100 * a));
        }
        return sb.toString();
    }

    /** Plain log lines. */
    static final class Lines extends Progress {
        private final PrintWriter out;

        Lines(long totalSamples, PrintWriter out) {
            super(totalSamples);
            this.out = out;
        }

        @Override
        void epoch(EpochRecord e, int tasks, int epochs) {
            doneSamples += e.samples();
            out.printf(Locale.ROOT, "[%s seed %d] task %d/%d epoch %d/%d: loss %.4f, train accuracy %.1f%%, %.1f s,"
                    + " %.0f samples/s (%s)%n", e.strategy(), e.seed(), e.task() + 1, tasks, e.epoch() + 1, epochs,
                    e.loss(), 100 * e.trainAccuracy(), e.seconds(), e.samplesPerSecond(), eta());
            out.flush();
        }

        @Override
        void task(String strategy, long seed, int task, int tasks, double[] row) {
            out.printf(Locale.ROOT, "[%s seed %d] after task %d/%d: test accuracy (%%) on tasks 1-%d:%s%n", strategy,
                    seed, task + 1, tasks, row.length, row(row));
            out.flush();
        }

        @Override
        void message(String text) {
            out.println(text);
            out.flush();
        }

        @Override
        public void close() {
            out.flush();
        }
    }

    /** A progress bar over training samples. */
    static final class Bar extends Progress {
        private final ProgressBar bar;
        private final PrintStream err;

        Bar(long totalSamples, PrintStream err) {
            super(totalSamples);
            this.err = err;
            this.bar = new ProgressBarBuilder().setTaskName("training").setInitialMax(this.totalSamples)
                    .setUnit(" samples", 1).showSpeed().setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setConsumer(new ConsoleProgressBarConsumer(err)).setUpdateIntervalMillis(500).build();
        }

        @Override
        void epoch(EpochRecord e, int tasks, int epochs) {
            doneSamples += e.samples();
            bar.stepBy(e.samples());
            bar.setExtraMessage(String.format(Locale.ROOT, " %s seed %d task %d/%d epoch %d/%d loss %.3f",
                    e.strategy(), e.seed(), e.task() + 1, tasks, e.epoch() + 1, epochs, e.loss()));
        }

        @Override
        void task(String strategy, long seed, int task, int tasks, double[] row) {
            bar.setExtraMessage(String.format(Locale.ROOT, " %s seed %d after task %d/%d:%s", strategy, seed, task + 1,
                    tasks, row(row)));
        }

        @Override
        void message(String text) {
            err.println();
            err.println(text);
        }

        @Override
        public void close() {
            bar.close();
        }
    }
}
