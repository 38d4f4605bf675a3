package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engram run} refuses a unit that even the whole heap cannot hold before it makes a run folder: it had run
 * out of memory in its first task, leaving a partial run to resume with a larger heap.
 */
class UnitPastTheHeapTest {
    /**
     * Two million time steps a sample: each worker's buffers hold 24 bytes per input and step, 38 GB for the
     * bundled data's 784 inputs, past any heap this test runs in. The refusal names the steps where they were set.
     */
    @Test
    void aUnitPastTheHeapIsRefusedByItsStepsAndLeavesNoFolder(@TempDir Path dir) throws IOException {
        assumeTrue(Runtime.getRuntime().maxMemory() < 30e9, "a heap that cannot hold the unit");
        Path config = dir.resolve("long.yaml");
        Files.writeString(config, String.join("\n",
                "name: long",
                "data: {bundled: true}",
                "tasks: {sequence: split, count: 2, classes_per_task: 2}",
                "network: {hidden: [16]}",
                "encoder: {steps: 2000000}",
                "strategies: [{name: naive}]",
                ""));
        Path out = dir.resolve("runs");
        CliRunner.Result run = CliRunner.run("run", config.toString(), "--out", out.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("long.yaml:5:") && run.err().contains("encoder.steps: expected a unit that fits"
                + " the Java heap of ") && run.err().contains("the buffers of 2000000 time steps)"), run.err());
        assertFalse(Files.exists(out), "no run folder");
    }
}
