package org.engram.experiments.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.engram.simulator.input.CurrentSource;
import org.engram.simulator.input.SpikeTimes;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;

/** The notes of inputs timed after a run's end, singular and plural, counted by hand. */
class EndOfRunNotesTest {
    /**
     * Of a 10 ms run: source {@code one} has a time at the end (emitted) and one after it, {@code two} two after
     * it, {@code none} none; a pulse from 5 to 15 ms ends after the run, one of its two times.
     */
    @Test
    void oneTimeAfterTheEndIsSaidInTheSingular() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        b.population("one", 2, SpikeTimes.MODEL, new SpikeTimes.Params(new double[][] {{3.0, 10.0}, {12.0}}));
        b.population("two", 1, SpikeTimes.MODEL, new SpikeTimes.Params(new double[][] {{11.0, 12.0}}));
        b.population("none", 1, SpikeTimes.MODEL, new SpikeTimes.Params(new double[][] {{9.0}}));
        Population<?, ?> cell = b.population("cell", 1, LifDelta.MODEL, LifDelta.MODEL.defaults());
        b.current(CurrentSource.pulse(cell, null, 5, 15, 100));
        StringWriter err = new StringWriter();
        EndOfRunNotes.print(b.build(), 10, new PrintWriter(err));
        assertEquals(List.of(
                "engram simulate: note: 1 spike time of population 'one' lies after the end of the run (10 ms) and"
                        + " is not emitted",
                "engram simulate: note: 2 spike times of population 'two' lie after the end of the run (10 ms) and"
                        + " are not emitted",
                "engram simulate: note: 1 of the 2 times of the current input into 'cell' lies after the end of the"
                        + " run (10 ms): those changes never act"), err.toString().lines().toList());
    }
}
