package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A resumed run's status starts from the units its last status listed, so that a kill before the
 * checkpoints are read again leaves no status that lists fewer tasks done than there are.
 */
class RunStatusTest {
    private static final List<RunStatus.Completed> TWO = List.of(new RunStatus.Completed("ewc", 1, 0),
            new RunStatus.Completed("ewc", 1, 1));

    @Test
    void aResumeStartsFromTheUnitsTheLastStatusListed() throws Exception {
        RunStatus stopped = RunStatus.start("e", "r", 6, "resume", TWO, List.of(), List.of("abc"))
                .state("interrupted", "signal", "resume");
        JsonNode written = JsonFiles.MAPPER.readTree(JsonFiles.write(stopped));
        RunStatus resumed = RunStatus.start("e", "r", 6, "resume", RunStatus.completedIn(written), List.of(),
                List.of("abc"));
        assertEquals("running", resumed.state());
        assertEquals(TWO, resumed.completed());
        // The checkpoints then decide: what they hold replaces the list.
        assertEquals(List.of(TWO.get(0)), resumed.withCompleted(List.of(TWO.get(0))).completed());
    }

    /**
     * Each status names the process that wrote it (a running run whose process is gone was killed), and a
     * finished task adds its unit after those listed.
     */
    @Test
    void aStatusNamesItsProcessAndAddsEachFinishedUnit() {
        long pid = ProcessHandle.current().pid();
        RunStatus started = RunStatus.start("e", "r", 6, "resume", List.of(TWO.get(0)), List.of(), List.of("abc"));
        assertEquals(pid, started.pid());
        RunStatus next = started.with(TWO.get(1));
        assertEquals(TWO, next.completed());
        assertEquals(pid, next.pid());
        assertEquals(List.of(TWO.get(0)), started.completed(), "the earlier status is left as it was");
    }

    @Test
    void anUnreadableListIsNone() throws Exception {
        assertEquals(List.of(), RunStatus.completedIn(null));
        assertEquals(List.of(), RunStatus.completedIn(JsonFiles.MAPPER.readTree("{\"state\": \"running\"}")));
        assertEquals(List.of(),
                RunStatus.completedIn(JsonFiles.MAPPER.readTree("{\"completed\": [{\"seed\": \"x\"}]}")));
    }
}
