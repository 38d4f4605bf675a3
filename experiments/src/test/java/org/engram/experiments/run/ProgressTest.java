package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The plain progress lines of {@link Progress} (what a run prints on standard error off a terminal). */
class ProgressTest {

    /** The epoch line for a record, with its timing and ETA cut off (they depend on the clock). */
    private static String epochLine(EpochRecord record) {
        StringWriter text = new StringWriter();
        try (Progress progress = new Progress.Lines(100, 0, new PrintWriter(text))) {
            progress.unit().epochStarted(record.strategy(), record.seed(), record.task(), 5, record.epoch(), 1, 100);
            progress.epoch(record);
        }
        String line = text.toString().strip();
        return line.substring(0, line.indexOf(" s, "));
    }

    @Test
    void aSupervisedEpochShowsItsLossAndTrainingAccuracy() {
        assertEquals("[ewc seed 2] task 4/5 epoch 1/1: loss 0.1234, train accuracy 98.5%, 1.5",
                epochLine(new EpochRecord("ewc", 2, 3, 0, 0.1234, 0.985, 1.5, 100)));
    }

    @Test
    void anUnsupervisedEpochShowsNoNaNLossOrAccuracy() {
        // diehl_cook has neither (NaN in log.csv); "loss NaN" would read as a diverged run.
        assertEquals("[naive seed 1] task 4/5 epoch 1/1: 12.2",
                epochLine(new EpochRecord("naive", 1, 3, 0, Double.NaN, Double.NaN, 12.2, 100)));
    }

    @Test
    void aDivergedSupervisedEpochStillShowsItsNaNLoss() {
        assertEquals("[si seed 1] task 1/5 epoch 1/1: loss NaN, train accuracy 10.0%, 0.5",
                epochLine(new EpochRecord("si", 1, 0, 0, Double.NaN, 0.1, 0.5, 100)));
    }
    /**
     * A resumed run counts the tasks finished before it as done: 60% after 100 more samples of
     * 1,000 when 500 were done. It restarted from 0% (10% here), and its ETA from the whole run's time.
     */
    @Test
    void aResumedRunCountsTheTasksDoneBefore() {
        StringWriter text = new StringWriter();
        try (Progress progress = new Progress.Lines(1000, 500, new PrintWriter(text))) {
            Progress.Unit unit = progress.unit();
            unit.epochStarted("naive", 1, 3, 5, 0, 1, 100);
            unit.batch(100);
            progress.epoch(new EpochRecord("naive", 1, 3, 0, 0.5, 0.9, 1.0, 100));
        }
        String line = text.toString().strip();
        assertEquals("(60% done, ETA", line.substring(line.lastIndexOf('('), line.lastIndexOf(' ')));
    }

    /**
     * Units trained side by side ({@code --jobs}) report through one reporter: their samples add up
     * (250 + 150 of 1,000 is 40%), and each epoch line names its own unit's strategy, seed and task.
     */
    @Test
    void unitsSideBySideAddTheirSamplesAndKeepTheirOwnLines() {
        StringWriter text = new StringWriter();
        try (Progress progress = new Progress.Lines(1000, 0, new PrintWriter(text))) {
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
        try (Progress progress = new Progress.Lines(1000, 0, new PrintWriter(text))) {
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
}
