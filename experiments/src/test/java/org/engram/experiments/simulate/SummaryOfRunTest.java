package org.engram.experiments.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary's figures of a run, from the run of its engine. */
class SummaryOfRunTest {
    /**
     * A loop too short for the clock to see (0 s) has no rate of events to give: 0, not 5 events / 0 s, an
     * infinity that {@code summary.json} cannot hold as a number; a loop of 0.5 s gives 5 / 0.5 = 10 per second.
     */
    @Test
    void aLoopOfNoMeasuredTimeHasNoRateOfEvents(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("one.yaml"), String.join("\n",
                "name: one",
                "duration_ms: 1",
                "populations:",
                "  - {name: a, size: 1, model: lif_delta}",
                ""));
        PreparedSimulation prepared = PreparedSimulation.of(config, SimulationRun.Overrides.NONE);
        SummaryOfRun measured = SummaryOfRun.measure(prepared, Recordings.empty());
        assertEquals(0.0, measured.complete(new EngineRun(null, 0.1, 0.0, 5, 0, false, "h"), Instant.EPOCH, "",
                List.of(), List.of()).eventsPerSecond());
        assertEquals(10.0, measured.complete(new EngineRun(null, 0.1, 0.5, 5, 0, false, "h"), Instant.EPOCH, "",
                List.of(), List.of()).eventsPerSecond());
    }
}
