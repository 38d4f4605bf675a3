package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs of a config too small to learn much, a second or two each, for tests of what reads run folders. */
final class TinyRuns {
    /** Two tasks of the bundled data, one seed, one epoch of a network of 8 hidden neurons; strategies follow. */
    static final String ONE_SEED = String.join("\n",
            "seeds: [1]",
            "threads: 2",
            "data: {bundled: true}",
            "tasks: {sequence: split, count: 2, classes_per_task: 2, train_per_task: 60, test_per_task: 20}",
            "network: {hidden: [8]}",
            "encoder: {steps: 4}",
            "training: {epochs: 1, batch_size: 20, learning_rate: 0.005}",
            "");

    private TinyRuns() {
    }

    /**
     * Runs a config with {@code engram run}.
     *
     * @param dir    where the config and the run go
     * @param name   the config's name, which names its file
     * @param config the config's text
     * @return the run folder
     */
    static Path run(Path dir, String name, String config) throws IOException {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, config);
        CliRunner.Result r = CliRunner.run("run", file.toString(), "--out", dir.resolve("results").toString());
        assertEquals(0, r.exitCode(), r.err());
        return Path.of(r.lastLine());
    }
}
