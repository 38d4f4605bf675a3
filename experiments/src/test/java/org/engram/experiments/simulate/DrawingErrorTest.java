package org.engram.experiments.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.engram.experiments.config.ConfigLoader;
import org.engram.experiments.config.LeftOutKeys;
import org.engram.simulator.EngramException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An error found while the synapses were drawn is said at the key of the projection the simulator names; one
 * that names no projection of the config, or no value of it, is said at {@code projections} with where the
 * simulator found it, never at the key of a projection it is not about.
 */
class DrawingErrorTest {
    /** Two projections, a->b first, b->a second; their names are the default ones. */
    private static ProjectionsFromConfig twoProjections(Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("two.yaml"), String.join("\n",
                "name: two",
                "duration_ms: 1",
                "populations:",
                "  - {name: a, size: 2, model: lif_delta}",
                "  - {name: b, size: 2, model: lif_delta}",
                "projections:",
                "  - {source: a, target: b, rule: {type: all_to_all}, weight: 0.1, delay_ms: 1}",
                "  - {source: b, target: a, rule: {type: all_to_all}, weight: 0.1, delay_ms: 1}",
                ""));
        SimulationConfig config = ConfigLoader.load(file, SimulationConfig.class);
        PopulationsFromConfig populations = new PopulationsFromConfig(config, "two.yaml", true);
        EntryChecks checks = new EntryChecks("two.yaml");
        return new ProjectionsFromConfig(config, "two.yaml", LeftOutKeys.NONE, checks, populations,
                new PlasticityFromConfig("two.yaml", checks));
    }

    @Test
    void anErrorOfANamedProjectionIsSaidAtItsKey(@TempDir Path dir) throws IOException {
        EngramException e = new EngramException("projection 'a->b'", "delay", "a delay <= 10.0 ms", "12.0", null);
        assertEquals("two.yaml: projections[0].delay_ms: expected a delay <= 10.0 ms, found 12.0",
                twoProjections(dir).drawingError(e).getMessage());
    }

    /** The search through the entries reaches none: the first entry is not blamed for a projection not its own. */
    @Test
    void anErrorOfAProjectionTheConfigDoesNotNameIsSaidAtProjections(@TempDir Path dir) throws IOException {
        EngramException e = new EngramException("projection 'c->a'", "delay", "a delay <= 10.0 ms", "12.0", null);
        assertEquals("two.yaml: projections: expected a delay <= 10.0 ms, found 12.0; in projection 'c->a', delay",
                twoProjections(dir).drawingError(e).getMessage());
    }

    /** Without a location no key of the entry holds the value: the error is said at projections, and where. */
    @Test
    void anErrorWithoutALocationIsSaidAtProjections(@TempDir Path dir) throws IOException {
        EngramException e = new EngramException("projection 'a->b'", null, "synapses that can be drawn", "none", null);
        assertEquals("two.yaml: projections: expected synapses that can be drawn, found none; in projection 'a->b'",
                twoProjections(dir).drawingError(e).getMessage());
    }
}
