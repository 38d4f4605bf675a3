package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code per_seed.csv}, which {@code engram run} and {@code engram compare} write, holds each seed's accuracy
 * metrics exactly as {@code metrics.json} does, read here with Jackson rather than through Engram's own
 * reader of runs.
 */
class PerSeedCsvTest {
    private static final Path REFERENCE = Path.of("..", "results", "reference", "quickstart");
    private static final List<String> METRICS = List.of("acc", "bwt", "fwt", "forgetting", "learning_accuracy");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The lines of a CSV without quoted fields, each by column name. */
    private static List<Map<String, String>> lines(Path csv) throws IOException {
        List<String> all = Files.readAllLines(csv);
        String[] header = all.get(0).split(",");
        List<Map<String, String>> lines = new ArrayList<>();
        for (String line : all.subList(1, all.size())) {
            String[] fields = line.split(",", -1);
            assertEquals(header.length, fields.length, line);
            Map<String, String> byColumn = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                byColumn.put(header[i], fields[i]);
            }
            lines.add(byColumn);
        }
        return lines;
    }

    /**
     * Every seed of every strategy of the runs has one line, whose run is the run that trained it and whose
     * values equal metrics.json's to the bit (empty where metrics.json has null), the validation metrics too
     * when {@code validated}.
     *
     * @param csv       the file
     * @param runs      the runs whose seeds it holds
     * @param validated whether the columns val_acc, ... are expected
     */
    private static void requireAsMetrics(Path csv, List<Path> runs, boolean validated) throws IOException {
        List<Map<String, String>> lines = lines(csv);
        List<String> expectedColumns = new ArrayList<>(List.of("strategy", "run_tag", "run", "seed"));
        expectedColumns.addAll(METRICS);
        if (validated) {
            METRICS.forEach(m -> expectedColumns.add("val_" + m));
        }
        assertEquals(expectedColumns, List.copyOf(lines.get(0).keySet()));
        int seeds = 0;
        for (Path run : runs) {
            JsonNode metrics = JSON.readTree(run.resolve("metrics.json").toFile());
            for (var strategy : (Iterable<Map.Entry<String, JsonNode>>) metrics.get("strategies")::fields) {
                for (var seed : (Iterable<Map.Entry<String, JsonNode>>) strategy.getValue().get("seeds")::fields) {
                    seeds++;
                    Map<String, String> line = lines.stream().filter(l -> l.get("strategy").equals(strategy.getKey())
                            && l.get("seed").equals(seed.getKey())).findFirst().orElseThrow();
                    assertEquals(metrics.get("run_id").asText(), line.get("run"));
                    for (String m : METRICS) {
                        requireSame(seed.getValue().get(m), line.get(m), strategy.getKey() + " " + m);
                        if (validated) {
                            requireSame(seed.getValue().get("validation").get(m), line.get("val_" + m),
                                    strategy.getKey() + " val_" + m);
                        }
                    }
                }
            }
        }
        assertEquals(seeds, lines.size(), "one line per strategy and seed");
    }

    private static void requireSame(JsonNode expected, String found, String what) {
        if (expected.isNull()) {
            assertEquals("", found, what);
        } else {
            assertEquals(expected.asDouble(), Double.parseDouble(found), 0.0, what);
        }
    }

    /**
     * The reference run the README shows holds its per_seed.csv, as a run writes it: one line per strategy and
     * seed, the values metrics.json's.
     */
    @Test
    void theReferenceRunHoldsItsPerSeedFile() throws IOException {
        requireAsMetrics(REFERENCE.resolve("per_seed.csv"), List.of(REFERENCE), false);
        assertTrue(lines(REFERENCE.resolve("per_seed.csv")).stream().allMatch(l -> l.get("run_tag").isEmpty()),
                "a run's own file has no tags");
    }

    /** compare's file holds every seed of the reference run's four strategies. */
    @Test
    void compareWritesEverySeedAsMetricsJsonHasIt() throws IOException {
        CliRunner.Result r = CliRunner.run("compare", REFERENCE.toString(), "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        requireAsMetrics(Path.of(r.lastLine()).resolve("per_seed.csv"), List.of(REFERENCE), false);
    }

    /**
     * A class-incremental run (FWT null, so empty) with validation samples writes its seeds with their
     * validation metrics; two such runs that
     * differ only in their seeds pool in compare, each seed's line naming the run that trained it.
     */
    @Test
    void runAndPooledCompareWriteValidationMetricsAndEachSeedsRun() throws IOException {
        String config = TinyRuns.ONE_SEED.replace("test_per_task: 20}", "test_per_task: 20, validation: 0.2,"
                + " scenario: class_incremental}")
                + "strategies: [{name: naive}, {name: si}]\n";
        Path one = TinyRuns.run(dir, "one", "name: per-seed-1\n" + config);
        Path two = TinyRuns.run(dir, "two", "name: per-seed-2\n" + config.replace("seeds: [1]", "seeds: [2]"));
        requireAsMetrics(one.resolve("per_seed.csv"), List.of(one), true);
        CliRunner.Result r = CliRunner.run("compare", one.toString(), two.toString(), "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        Path csv = Path.of(r.lastLine()).resolve("per_seed.csv");
        requireAsMetrics(csv, List.of(one, two), true);
        assertTrue(lines(csv).stream().allMatch(l -> l.get("run_tag").isEmpty()), "one pool, no tag");
    }
}
