package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** The plain progress lines of {@link Progress} (what a run prints on standard error off a terminal). */
class ProgressTest {

    /**
     * The epoch line for a record, as the reporter's first line: the clock stands still and no
     * batch was reported, so nothing is done and the time left is not known yet.
     */
    private static String epochLine(EpochRecord record) {
        StringWriter text = new StringWriter();
        try (Progress progress = new Progress.Lines(100, 0, new PrintWriter(text), new Clock())) {
            progress.unit().epochStarted(record.strategy(), record.seed(), record.task(), 5, record.epoch(), 1, 100);
            progress.epoch(record);
        }
        return text.toString().strip();
    }

    @Test
    void aSupervisedEpochShowsItsLossAndTrainingAccuracy() {
        // 100 samples in 1.5 s: 67 a second.
        assertEquals("[ewc seed 2] task 4/5 epoch 1/1: loss 0.1234, train accuracy 98.5%, 1.5 s, 67 samples/s"
                + " (0% done, ETA ?)", epochLine(new EpochRecord("ewc", 2, 3, 0, 0.1234, 0.985, 1.5, 100)));
    }

    @Test
    void anUnsupervisedEpochShowsNoNaNLossOrAccuracy() {
        // diehl_cook has neither (NaN in log.csv); "loss NaN" would read as a diverged run.
        assertEquals("[naive seed 1] task 4/5 epoch 1/1: 12.5 s, 8 samples/s (0% done, ETA ?)",
                epochLine(new EpochRecord("naive", 1, 3, 0, Double.NaN, Double.NaN, 12.5, 100)));
    }

    @Test
    void aDivergedSupervisedEpochStillShowsItsNaNLoss() {
        assertEquals("[si seed 1] task 1/5 epoch 1/1: loss NaN, train accuracy 10.0%, 0.5 s, 200 samples/s"
                + " (0% done, ETA ?)", epochLine(new EpochRecord("si", 1, 0, 0, Double.NaN, 0.1, 0.5, 100)));
    }

    /** A task's line gives every task's accuracy in percent, and the validation accuracy when there is one. */
    @Test
    void aTaskLineShowsEveryTasksAccuracyInPercent() {
        StringWriter text = new StringWriter();
        try (Progress progress = new Progress.Lines(100, 0, new PrintWriter(text), new Clock())) {
            progress.task("naive", 1, 1, 5, new double[] {0.9, 0.75}, null);
            progress.task("naive", 1, 2, 5, new double[] {0.5, 0.25, 1}, new double[] {0.125, 0, 0.5});
        }
        assertEquals(List.of("[naive seed 1] after task 2/5: test accuracy (%) on tasks 1-2: 90.0 75.0",
                "[naive seed 1] after task 3/5: test accuracy (%) on tasks 1-3: 50.0 25.0 100.0; validation: 12.5"
                        + " 0.0 50.0"), text.toString().lines().toList());
    }

    /**
     * Each line reaches the log as it is printed, not when the run ends: a batch job's log is read
     * while it runs. The writer here holds back what is not flushed.
     */
    @Test
    void everyLineIsFlushedAsItIsPrinted() {
        StringWriter text = new StringWriter();
        Clock clock = new Clock();
        try (Progress progress = new Progress.Lines(100, 0, new PrintWriter(new BufferedWriter(text, 1 << 16)),
                clock)) {
            Progress.Unit unit = progress.unit();
            unit.epochStarted("naive", 1, 0, 5, 0, 1, 100);
            clock.at(20);
            unit.batch(10);
            assertEquals(1, text.toString().lines().count(), text.toString());
            progress.epoch(new EpochRecord("naive", 1, 0, 0, 0.5, 0.9, 1.0, 100));
            assertEquals(2, text.toString().lines().count(), text.toString());
            progress.task("naive", 1, 0, 5, new double[] {0.9}, null);
            assertEquals(3, text.toString().lines().count(), text.toString());
            progress.message("a note");
            assertEquals("a note", text.toString().lines().toList().get(3));
        }
    }

    /** Durations under an hour are minutes and seconds; from an hour on, hours lead. */
    @Test
    void clockShowsHoursFromAnHourOn() {
        assertEquals("59:59", Progress.clock(3599));
        assertEquals("1:00:00", Progress.clock(3600));
        assertEquals("0:07", Progress.clock(7.4));
        assertEquals("26:03:04", Progress.clock(26 * 3600 + 3 * 60 + 4));
    }
    /**
     * A resumed run counts the tasks finished before it as done: 60% after 100 more samples of
     * 1,000 when 500 were done. It restarted from 0% (10% here). Its ETA goes by this process's
     * speed: 100 samples in 10 s leave 400 for 40 s (the 600 done in 10 s had given 7 s).
     */
    @Test
    void aResumedRunCountsTheTasksDoneBefore() {
        StringWriter text = new StringWriter();
        Clock clock = new Clock();
        try (Progress progress = new Progress.Lines(1000, 500, new PrintWriter(text), clock)) {
            Progress.Unit unit = progress.unit();
            unit.epochStarted("naive", 1, 3, 5, 0, 1, 100);
            clock.at(10);
            unit.batch(100);
            progress.epoch(new EpochRecord("naive", 1, 3, 0, 0.5, 0.9, 1.0, 100));
        }
        String line = text.toString().strip();
        assertEquals("(60% done, ETA 0:40)", line.substring(line.lastIndexOf('(')));
    }

    /**
     * Units trained side by side ({@code --jobs}) report through one reporter: their samples add up
     * (250 + 150 of 1,000 is 40%), and each epoch line names its own unit's strategy, seed and task.
     */
    @Test
    void unitsSideBySideAddTheirSamplesAndKeepTheirOwnLines() {
        StringWriter text = new StringWriter();
        try (Progress progress = new Progress.Lines(1000, 0, new PrintWriter(text), new Clock())) {
            Progress.Unit naive = progress.unit();
            Progress.Unit ewc = progress.unit();
            naive.epochStarted("naive", 1, 2, 5, 0, 1, 250);
            ewc.epochStarted("ewc", 2, 0, 5, 0, 1, 150);
            naive.batch(250);
            ewc.batch(150);
            progress.epoch(new EpochRecord("naive", 1, 2, 0, 0.5, 0.9, 1.0, 250));
        }
        String line = text.toString().strip();
        assertEquals("[naive seed 1] task 3/5 epoch 1/1", line.substring(0, line.indexOf(':')));
        assertEquals("(40% done, ETA", line.substring(line.lastIndexOf('('), line.lastIndexOf(' ')));
    }

    /** Silenced (a signal's message is to be the last line), the reporter prints nothing more. */
    @Test
    void aSilencedReporterPrintsNothing() {
        StringWriter text = new StringWriter();
        try (Progress progress = new Progress.Lines(1000, 0, new PrintWriter(text), new Clock())) {
            Progress.Unit unit = progress.unit();
            unit.epochStarted("naive", 1, 0, 5, 0, 1, 100);
            progress.epoch(new EpochRecord("naive", 1, 0, 0, 0.5, 0.9, 1.0, 100));
            String before = text.toString();
            progress.silence();
            unit.epochStarted("naive", 1, 1, 5, 0, 1, 100);
            unit.batch(100);
            progress.epoch(new EpochRecord("naive", 1, 1, 0, 0.5, 0.9, 1.0, 100));
            progress.task("naive", 1, 1, 5, new double[] {0.9, 0.8}, null);
            progress.message("resuming");
            assertEquals(before, text.toString());
        }
    }

    /**
     * Within a long epoch, each unit prints a line at most every 15 s of its own epoch: another
     * unit's epoch that starts meanwhile does not put it off (it had reset one timer for all units).
     * The samples per second and the ETA are those of the test's clock: e.g. at 16 s, naive has
     * trained 48 samples (3/s), and the run 48 of 1,000 (5%), so 952 are left at 48 per 16 s: 317 s.
     */
    @Test
    void eachUnitSpacesTheLinesOfItsOwnLongEpoch() {
        StringWriter text = new StringWriter();
        Clock clock = new Clock();
        try (Progress progress = new Progress.Lines(1000, 0, new PrintWriter(text), clock)) {
            Progress.Unit naive = progress.unit();
            Progress.Unit ewc = progress.unit();
            naive.epochStarted("naive", 1, 0, 5, 0, 2, 100);
            clock.at(10);
            naive.batch(20);   // 10 s into its epoch: too soon
            clock.at(14);
            ewc.epochStarted("ewc", 2, 1, 5, 1, 2, 100);
            clock.at(16);
            naive.batch(28);   // 16 s into its epoch, 2 into ewc's
            clock.at(20);
            ewc.batch(10);
            clock.at(29);
            ewc.batch(20);     // 15 s into its epoch, to the nanosecond
            clock.at(30);
            naive.batch(10);   // 14 s after its last line
            clock.at(31);
            naive.batch(10);
            clock.at(60);
            naive.batch(32);   // the end of its epoch: its epoch line follows instead
        }
        assertEquals(List.of(
                "[naive seed 1] task 1/5 epoch 1/2: 48/100 samples, 3 samples/s (5% done, ETA 5:17)",
                "[ewc seed 2] task 2/5 epoch 2/2: 30/100 samples, 2 samples/s (8% done, ETA 5:43)",
                "[naive seed 1] task 1/5 epoch 1/2: 68/100 samples, 2 samples/s (10% done, ETA 4:45)"),
                text.toString().lines().toList());
    }

    /**
     * On a terminal, the bar counts a resumed run's samples from those done before (500 of 1,000)
     * plus each batch's; a message stands on its own line; and once silenced, the bar has ended its
     * line once, showing its count, and nothing follows.
     */
    @Test
    void theBarCountsEverySampleAndEndsItsLineWhenSilenced() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String nl = System.lineSeparator();
        try (Progress bar = new Progress.Bar(1000, 500, new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
            Progress.Unit unit = bar.unit();
            unit.epochStarted("naive", 1, 1, 5, 0, 1, 100);
            unit.batch(60);
            unit.batch(40);
            bar.message("a note");
            bar.silence();
            String shown = bytes.toString(StandardCharsets.UTF_8);
            bar.message("after the silence");
            unit.batch(100);
            assertTrue(shown.contains(nl + "a note" + nl), shown);
            String last = shown.substring(shown.lastIndexOf('\r'));
            assertTrue(last.contains(" 600/1000 samples") && last.indexOf(nl) == last.length() - nl.length(), shown);
            assertEquals(shown, bytes.toString(StandardCharsets.UTF_8));
        }
    }

    /** Closed at the run's end, the bar ends its line showing the count reached. */
    @Test
    void theBarEndsItsLineWhenClosed() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Progress bar = new Progress.Bar(1000, 0, new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
            Progress.Unit unit = bar.unit();
            unit.epochStarted("naive", 1, 0, 5, 0, 1, 1000);
            unit.batch(1000);
        }
        String shown = bytes.toString(StandardCharsets.UTF_8);
        String last = shown.substring(shown.lastIndexOf('\r'));
        String nl = System.lineSeparator();
        assertTrue(last.contains(" 1000/1000 samples") && last.indexOf(nl) == last.length() - nl.length(), shown);
    }

    /**
     * A clock for the reporter that a test sets, in seconds after the reporter was made (ns from an
     * arbitrary origin, as {@link System#nanoTime}'s: here 1,000 s).
     */
    private static final class Clock implements LongSupplier {
        private static final long ORIGIN = 1_000_000_000_000L;
        private long nanos = ORIGIN;

        void at(long seconds) {
            nanos = ORIGIN + seconds * 1_000_000_000L;
        }

        @Override
        public long getAsLong() {
            return nanos;
        }
    }
}
