package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config keys runs differ in, as {@code engram compare} notes them. */
class ConfigDifferencesTest {
    @TempDir
    Path dir;

    private static final String A = String.join("\n",
            "name: first",
            "seeds: [1, 2]",
            "threads: 2",
            "tasks: {sequence: split, scenario: task_incremental, count: 5}",
            "network: {hidden: [256], neuron: lif}",
            "strategies:",
            "  - {name: naive, label: naive, params: {}}",
            "  - {name: ewc, label: ewc, params: {lambda: 1000.0}}",
            "  - {name: ewc, label: strong, params: {lambda: 5000.0}}",
            "");

    /** A run alone per config, each its own pool. */
    private List<List<Path>> runs(String... configs) throws IOException {
        List<List<Path>> runs = new ArrayList<>();
        for (int i = 0; i < configs.length; i++) {
            runs.add(List.of(run("run" + i, configs[i])));
        }
        return runs;
    }

    private Path run(String name, String config) throws IOException {
        Path run = Files.createDirectories(dir.resolve(name));
        if (config != null) {
            Files.writeString(run.resolve("config.yaml"), config);
        }
        return run;
    }

    private static String tag(int i) {
        return String.valueOf((char) ('A' + i));
    }

    @Test
    void agreeingConfigsGiveNoNote() throws IOException {
        String renamed = A.replace("name: first", "name: second").replace("threads: 2", "threads: 1")
                .replace("sequence: split, scenario: task_incremental",
                        "sequence: permuted, scenario: class_incremental");
        assertEquals(List.of(), ConfigDifferences.of(runs(A, renamed), ConfigDifferencesTest::tag));
    }

    /**
     * The notes go into a paper's .tex comments, which arXiv publishes: a data folder is named by its name, never
     * by its local path; folders of one name (the same data found in two places, which its digest tells apart
     * where it is not the same) are no difference.
     */
    @Test
    void notesNameFoldersWithoutTheirPaths() throws IOException {
        String here = A.replace("tasks:", "data: {path: " + dir.resolve("home/me/fashion") + "}\ntasks:");
        String there = A.replace("tasks:", "data: {path: " + dir.resolve("elsewhere/letters") + "}\ntasks:");
        String moved = A.replace("tasks:", "data: {path: " + dir.resolve("copy/fashion") + "}\ntasks:");
        List<List<Path>> runs = runs(here, there, moved);
        assertEquals(List.of("the runs' configs differ in data.path (A: fashion, B: letters, C: fashion)"),
                ConfigDifferences.of(runs, ConfigDifferencesTest::tag));
        assertEquals(List.of(), ConfigDifferences.of(List.of(runs.get(0), runs.get(2)), ConfigDifferencesTest::tag));
    }

    /**
     * Every differing key with each run's value, in the order of the first config; a strategy's
     * keys among the runs with its label only, and a list of numbers as one value.
     */
    @Test
    void namesEveryDifferingKeyWithEachRunsValue() throws IOException {
        String b = A.replace("seeds: [1, 2]", "seeds: [3]").replace("hidden: [256]", "hidden: [400, 400]")
                .replace("lambda: 1000.0", "lambda: 10.0").replace("  - {name: ewc, label: strong, params: {lambda: "
                        + "5000.0}}\n", "  - {name: si, label: si, params: {c: 0.1}}\n")
                .replace("neuron: lif}", "neuron: lif, dt_ms: 0.5}");
        String c = A.replace("seeds: [1, 2]", "seeds: [3]");
        // A key one config leaves out reads as its default (dt_ms 1.0), as the run read it.
        assertEquals(List.of("the runs' configs differ in seeds (A: [1, 2], B: [3], C: [3]); network.hidden (A: [256], "
                        + "B: [400, 400], C: [256]); network.dt_ms (A: 1.0, B: 0.5, C: 1.0); "
                        + "strategies[ewc].params.lambda (A: 1000.0, B: 10.0, C: 1000.0); "
                        + "strategies (A: [ewc, naive, strong], B: [ewc, naive, si], C: [ewc, naive, strong])"),
                ConfigDifferences.of(runs(A, b, c), ConfigDifferencesTest::tag));
    }

    /**
     * A run made before a key existed has none in its config.yaml: it reads as the key's default,
     * so such a run is compared, and pooled, with a new one that wrote the default (data.classes had
     * read as a difference, and kept the two apart).
     */
    @Test
    void aKeyAddedSinceARunReadsAsItsDefault() throws IOException {
        String newer = A.replace("seeds: [1, 2]", "seeds: [3]").replace("tasks:", "data: {classes: 10}\ntasks:");
        List<List<Path>> runs = runs(A, newer);
        assertEquals(List.of("the runs' configs differ in seeds (A: [1, 2], B: [3])"),
                ConfigDifferences.of(runs, ConfigDifferencesTest::tag));
        assertTrue(ConfigDifferences.sameButSeeds(runs.get(0).get(0), runs.get(1).get(0)));
        String other = newer.replace("classes: 10", "classes: 12");
        assertFalse(ConfigDifferences.sameButSeeds(runs.get(0).get(0), run("other", other)));
    }

    /**
     * Runs with other strategies are not pooled, and the note says so: a strategy's keys are compared
     * among the runs that have it only, so naive+si beside naive+ewc had given no note at all. The
     * same strategies in another order are the same set, as pooling takes them.
     */
    @Test
    void aDifferentSetOfStrategiesIsNoted() throws IOException {
        String si = A.replace("  - {name: ewc, label: strong, params: {lambda: 5000.0}}\n", "")
                .replace("  - {name: ewc, label: ewc, params: {lambda: 1000.0}}\n",
                        "  - {name: si, label: si, params: {c: 0.1}}\n");
        assertEquals(List.of("the runs' configs differ in strategies (A: [ewc, naive, strong], B: [naive, si])"),
                ConfigDifferences.of(runs(A, si), ConfigDifferencesTest::tag));
        String reordered = A.replace("  - {name: naive, label: naive, params: {}}\n", "")
                .replace("params: {lambda: 5000.0}}\n", "params: {lambda: 5000.0}}\n  - {name: naive, label: naive, "
                        + "params: {}}\n");
        assertEquals(List.of(), ConfigDifferences.of(runs(A, reordered), ConfigDifferencesTest::tag));
    }

    /** A resume given another config: every key but threads, and strategies added, removed or moved. */
    @Test
    void betweenARunAndAGivenConfigNamesStrategiesChangedToo() {
        String given = A.replace("threads: 2", "threads: 1").replace("  - {name: ewc, label: strong, params: {lambda: "
                + "5000.0}}\n", "").replace("seeds: [1, 2]", "seeds: [1, 3]");
        assertEquals(List.of("seeds (run: [1, 2], given: [1, 3])", "strategies (run: [naive, ewc, strong], given: "
                + "[naive, ewc])"), ConfigDifferences.between(A, given));
        String swapped = A.replace("  - {name: naive, label: naive, params: {}}\n", "")
                .replace("params: {lambda: 5000.0}}\n", "params: {lambda: 5000.0}}\n  - {name: naive, label: naive, "
                        + "params: {}}\n");
        assertEquals(List.of("strategies (run: [naive, ewc, strong], given: [ewc, strong, naive])"),
                ConfigDifferences.between(A, swapped));
        assertEquals(List.of(), ConfigDifferences.between(A, A.replace("threads: 2", "threads: 8")),
                "threads may change");
    }

    /**
     * A pool of runs that differ only in their seeds has the seeds of all of them: its first run's
     * alone were shown ("A+B+C: [1]" for a pool of seeds 1 to 5), which could also hide that a run
     * beside it has other seeds.
     */
    @Test
    void aPoolHasTheSeedsOfAllItsRuns() throws IOException {
        List<Path> pool = List.of(run("p1", A.replace("seeds: [1, 2]", "seeds: [1]")),
                run("p2", A.replace("seeds: [1, 2]", "seeds: [4, 5]")),
                run("p3", A.replace("seeds: [1, 2]", "seeds: [3]")));
        Path alone = run("alone", A.replace("seeds: [1, 2]", "seeds: [1]").replace("lambda: 1000.0", "lambda: 10.0"));
        assertEquals(List.of("the runs' configs differ in seeds (A+B+C: [1, 3, 4, 5], D: [1]); "
                        + "strategies[ewc].params.lambda (A+B+C: 1000.0, D: 10.0)"),
                ConfigDifferences.of(List.of(pool, List.of(alone)), i -> i == 0 ? "A+B+C" : "D"));
    }

    @Test
    void aRunWithoutAReadableConfigIsNamed() throws IOException {
        List<List<Path>> runs = runs(A, null, "strategies: [unclosed");
        assertEquals(List.of("run B has no readable config.yaml (in its folder run1), so its settings are not compared",
                "run C has no readable config.yaml (in its folder run2), so its settings are not compared"),
                ConfigDifferences.of(runs, ConfigDifferencesTest::tag));
    }

    /**
     * A sample count of 0 means all of a task's samples: the note says how many they were, from the
     * run's metrics.json ("0 against 100" had read as if one run trained on nothing).
     */
    @Test
    void aCountOfAllSamplesSaysHowManyTheyWere() throws IOException {
        String all = A.replace("count: 5}", "count: 2, train_per_task: 0, test_per_task: 0}");
        String some = A.replace("count: 5}", "count: 2, train_per_task: 100, test_per_task: 0}");
        List<List<Path>> runs = runs(all, some);
        Files.writeString(runs.get(0).get(0).resolve("metrics.json"),
                "{\"task_samples\": [{\"train\": 600, \"test\": 200}, {\"train\": 580, \"test\": 200}]}");
        List<String> notes = ConfigDifferences.of(runs, ConfigDifferencesTest::tag);
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).contains("tasks.train_per_task (A: 0 (all: 580 to 600), B: 100)"), notes.get(0));
        assertFalse(notes.get(0).contains("test_per_task"), "the same setting in both: " + notes.get(0));
    }

    /**
     * The paired files warn that seed n of one run need not draw what seed n of another does only for keys
     * that change the draws: not for a strategy's settings or which strategies a run has (each strategy's
     * draws follow the seed alone), nor for the seeds (rows are paired over the seeds they share), which the
     * comparison's own note still names; a config that cannot be read is still said.
     */
    @Test
    void theDrawNotesLeaveOutTheStrategiesAndTheSeeds() throws IOException {
        String b = A.replace("seeds: [1, 2]", "seeds: [3]").replace("hidden: [256]", "hidden: [400, 400]")
                .replace("lambda: 1000.0", "lambda: 10.0");
        ConfigDifferences.Found found = ConfigDifferences.found(runs(A, b), ConfigDifferencesTest::tag);
        assertEquals(List.of("the runs' configs differ in seeds (A: [1, 2], B: [3]); network.hidden (A: [256], B: "
                + "[400, 400]); strategies[ewc].params.lambda (A: 1000.0, B: 10.0)"), found.notes());
        assertEquals(List.of("the runs' configs differ in network.hidden (A: [256], B: [400, 400])"),
                found.drawNotes());
        String si = A.replace("seeds: [1, 2]", "seeds: [3]").replace("  - {name: ewc, label: strong, params: "
                + "{lambda: 5000.0}}\n", "  - {name: si, label: si, params: {c: 0.1}}\n");
        ConfigDifferences.Found strategies = ConfigDifferences.found(runs(A, si, null), ConfigDifferencesTest::tag);
        String unreadable = "run C has no readable config.yaml (in its folder run2), so its settings are not compared";
        assertEquals(List.of("the runs' configs differ in seeds (A: [1, 2], B: [3]); strategies (A: [ewc, naive, "
                + "strong], B: [ewc, naive, si])", unreadable), strategies.notes());
        assertEquals(List.of(unreadable), strategies.drawNotes());
    }

    /** A list of lists (the class groups of the tasks) is compared item by item, each item a list of numbers. */
    @Test
    void aListOfListsIsComparedItemByItem() throws IOException {
        String grouped = A.replace("count: 5}", "count: 2, groups: [[0, 1], [2, 3]]}");
        String other = grouped.replace("[2, 3]", "[2, 4]");
        assertEquals(List.of("the runs' configs differ in tasks.groups[1] (A: [2, 3], B: [2, 4])"),
                ConfigDifferences.of(runs(grouped, other), ConfigDifferencesTest::tag));
    }

    /**
     * A count of 0 (all samples) whose run does not say what it came to, its metrics.json missing or
     * naming no task, reads as all; one that says one number for every task gives it alone.
     */
    @Test
    void aCountOfAllSamplesThatTheRunDoesNotGiveReadsAsAll() throws IOException {
        String all = A.replace("count: 5}", "count: 2, train_per_task: 0}");
        String some = A.replace("count: 5}", "count: 2, train_per_task: 100}");
        List<List<Path>> runs = runs(all, some, all, all);
        Files.writeString(runs.get(2).get(0).resolve("metrics.json"), "{\"task_samples\": []}");
        Files.writeString(runs.get(3).get(0).resolve("metrics.json"),
                "{\"task_samples\": [{\"train\": 600}, {\"train\": 600}]}");
        assertEquals(List.of("the runs' configs differ in tasks.train_per_task (A: 0 (all), B: 100, C: 0 (all), "
                + "D: 0 (all: 600))"), ConfigDifferences.of(runs, ConfigDifferencesTest::tag));
    }

    /** Runs whose config.yaml is missing or cannot be read are not pooled: nothing says they differ only in seeds. */
    @Test
    void runsWithoutAReadableConfigAreNotTheSameButForSeeds() throws IOException {
        Path none = run("none", null);
        Path alsoNone = run("also-none", null);
        Path broken = run("broken", "strategies: [unclosed");
        assertFalse(ConfigDifferences.sameButSeeds(none, alsoNone));
        assertFalse(ConfigDifferences.sameButSeeds(broken, run("broken-too", "strategies: [unclosed")));
        Path other = run("a-again", A.replace("seeds: [1, 2]", "seeds: [3]"));
        assertTrue(ConfigDifferences.sameButSeeds(run("a", A), other), "readable, differing only in seeds");
    }

    /**
     * Runs over the same seeds listed in another order train the same rows: their seeds are no difference
     * (which {@code --strict} refused as rows over other seeds), and a config that leaves its seeds out has the
     * default's, seed 1, as its run had.
     */
    @Test
    void theSameSeedsInAnotherOrderAreNoDifference() throws IOException {
        String reordered = A.replace("seeds: [1, 2]", "seeds: [2, 1]").replace("lambda: 1000.0", "lambda: 10.0");
        assertEquals(List.of("the runs' configs differ in strategies[ewc].params.lambda (A: 1000.0, B: 10.0)"),
                ConfigDifferences.of(runs(A, reordered), ConfigDifferencesTest::tag));
        String defaultSeed = A.replace("seeds: [1, 2]\n", "");
        assertEquals(List.of("the runs' configs differ in seeds (A: [1, 2], B: [1])"),
                ConfigDifferences.of(runs(A, defaultSeed), ConfigDifferencesTest::tag));
        assertEquals(List.of(), ConfigDifferences.of(runs(A.replace("seeds: [1, 2]", "seeds: [1]"), defaultSeed),
                ConfigDifferencesTest::tag));
    }
}
