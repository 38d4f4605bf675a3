package org.engram.experiments.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.engram.simulator.input.CurrentSource;
import org.engram.simulator.input.PoissonInput;
import org.engram.simulator.input.SpikeTimes;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;

/** The notes of inputs timed after a run's end, singular and plural, counted by hand. */
class EndOfRunNotesTest {
    /**
     * Of a 10 ms run: source {@code one} has a time at the end (emitted) and one after it, {@code two} two after
     * it, {@code none} none; a pulse from 5 to 15 ms ends after the run, one of its two times, and one from 2 to
     * 10 ms does not; a Poisson input's rate changes at 0 and 4 ms act, another's at 11 and 12 ms never do.
     */
    @Test
    void oneTimeAfterTheEndIsSaidInTheSingular() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        b.population("one", 2, SpikeTimes.MODEL, new SpikeTimes.Params(new double[][] {{3.0, 10.0}, {12.0}}));
        b.population("two", 1, SpikeTimes.MODEL, new SpikeTimes.Params(new double[][] {{11.0, 12.0}}));
        b.population("none", 1, SpikeTimes.MODEL, new SpikeTimes.Params(new double[][] {{9.0}}));
        Population<?, ?> cell = b.population("cell", 1, LifDelta.MODEL, LifDelta.MODEL.defaults());
        b.current(CurrentSource.pulse(cell, null, 5, 15, 100));
        b.current(CurrentSource.pulse(cell, null, 2, 10, 100));   // within the run, its end at the end: no note
        b.poissonInput(new PoissonInput(cell, new double[] {0, 4}, new double[] {10, 20}, 1,
                Receptor.EXCITATORY));   // no note either
        b.poissonInput(new PoissonInput(cell, new double[] {11, 12}, new double[] {10, 20}, 1, Receptor.EXCITATORY));
        StringWriter err = new StringWriter();
        EndOfRunNotes.print(b.build(), 10, new PrintWriter(err));
        assertEquals(List.of(
                "engram simulate: note: 1 spike time of population 'one' lies after the end of the run (10 ms) and"
                        + " is not emitted",
                "engram simulate: note: 2 spike times of population 'two' lie after the end of the run (10 ms) and"
                        + " are not emitted",
                "engram simulate: note: 1 of the 2 times of the current input into 'cell' lies after the end of the"
                        + " run (10 ms): those changes never act",
                "engram simulate: note: 2 of the 2 times of the Poisson input into 'cell' lie after the end of the"
                        + " run (10 ms): it never acts"), err.toString().lines().toList());
    }

    /**
     * The notes are on standard error before the run starts, not held in a buffer until it ends: a writer
     * that buffers (as a pipe's does) has passed on each kind of note when {@code print} returns, unflushed by
     * the caller, for a network with spike times after the end and for one with an input changing after it.
     */
    @Test
    void theNotesAreFlushedBeforeTheRun() {
        NetworkBuilder times = new NetworkBuilder(0.1);
        times.population("src", 1, SpikeTimes.MODEL, new SpikeTimes.Params(new double[][] {{12.0}}));
        assertEquals(List.of("engram simulate: note: 1 spike time of population 'src' lies after the end of the run"
                + " (10 ms) and is not emitted"), notesThroughABuffer(times));
        NetworkBuilder input = new NetworkBuilder(0.1);
        Population<?, ?> cell = input.population("cell", 1, LifDelta.MODEL, LifDelta.MODEL.defaults());
        input.current(CurrentSource.pulse(cell, null, 11, 15, 100));
        assertEquals(List.of("engram simulate: note: 2 of the 2 times of the current input into 'cell' lie after"
                + " the end of the run (10 ms): it never acts"), notesThroughABuffer(input));
    }

    /** The notes of a run of 10 ms, as a buffered writer has passed them on when {@code print} returns. */
    private static List<String> notesThroughABuffer(NetworkBuilder b) {
        StringWriter err = new StringWriter();
        EndOfRunNotes.print(b.build(), 10, new PrintWriter(new BufferedWriter(err, 1 << 16)));
        return err.toString().lines().toList();
    }
}
