package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The reference quick start's words are today's: the definitions and the task-incremental FWT note that a run
 * of this build writes into summary.md, table.tex and metrics.json. A change to them makes this test fail
 * until the reference's files are written again (their numbers are the run's own and stay).
 */
class ReferenceRunTextTest {
    /** Tests run in the experiments module's folder. */
    private static final Path REFERENCE = Path.of("..", "results", "reference", "quickstart");

    @Test
    void summaryCarriesTodaysDefinitionsAndFwtNote() throws IOException {
        String summary = Files.readString(REFERENCE.resolve("summary.md"));
        assertTrue(summary.contains("\n## Notes\n\n- " + SummaryWriter.DEFINITIONS + " (forgetting, a maximum,"),
                summary);
        assertTrue(summary.contains("\n- " + MetricsWriter.FWT_NOTE_TASK_INCREMENTAL + ".\n"), summary);
    }

    @Test
    void tableCarriesTodaysDefinitionsAndFwtNote() throws IOException {
        String table = Files.readString(REFERENCE.resolve("table.tex"));
        assertTrue(table.contains("\n% " + SummaryWriter.DEFINITIONS + ".\n% Note: "
                + MetricsWriter.FWT_NOTE_TASK_INCREMENTAL + ".\n"), table);
    }

    @Test
    void metricsCarryTheFwtNote() throws IOException {
        JsonNode notes = JsonFiles.MAPPER.readTree(REFERENCE.resolve("metrics.json").toFile()).get("notes");
        assertEquals(1, notes.size());
        assertEquals(MetricsWriter.FWT_NOTE_TASK_INCREMENTAL, notes.get(0).asText());
    }
}
