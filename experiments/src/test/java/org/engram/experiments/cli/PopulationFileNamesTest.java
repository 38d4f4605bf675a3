package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A population's name is part of its result files' names ({@code spikes_<name>.csv}): one with a slash would
 * write into folders of its own, and {@code ../x} outside the result folder, so each is refused before anything
 * runs, every one at once, word for word.
 */
class PopulationFileNamesTest {
    @Test
    void aPopulationNameThatCannotNameItsFilesIsRefused(@TempDir Path dir) throws IOException {
        List<String> errors = SpikeSourcesConfig.refused(dir, "paths.yaml", """
                name: paths
                duration_ms: 5
                populations:
                  - {name: ../x, size: 2, model: spike_times, params: {times_ms: [[1.0, 3.0], [2.0]]}}
                  - {name: a/b, size: 2, model: lif_delta}
                projections:
                  - {source: ../x, target: a/b, rule: {type: one_to_one}, weight: 0.5}
                """);
        String rule = "expected a name of at most 64 ASCII letters, digits, '.', '_' or '-' starting with a letter or"
                + " digit (it names the population's result files), found ";
        assertEquals(List.of("engram: error: 2 problems:",
                "  paths.yaml:4:6: populations[0].name: " + rule + "'../x'",
                "  paths.yaml:5:6: populations[1].name: " + rule + "'a/b'"), errors);
    }
}
