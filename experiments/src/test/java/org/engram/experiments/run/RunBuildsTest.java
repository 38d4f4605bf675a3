package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The builds that trained a comparison's runs, as their provenance names them, and the notes a comparison makes. */
class RunBuildsTest {
    /** A run whose metrics hold only the provenance given as JSON. */
    private static RunResults run(String provenance) throws IOException {
        return new RunResults(Path.of("run"), "exp", "run-1", List.of(), List.of(), List.of(),
                new ObjectMapper().readTree("{\"provenance\": " + provenance + "}"), List.of());
    }

    private static String tag(int i) {
        return String.valueOf((char) ('A' + i));
    }

    /** A run resumed by a second build, beside one of an older file naming one dirty commit. */
    @Test
    void runsOfSeveralBuildsAndUncommittedChangesAreNoted() throws IOException {
        RunBuilds builds = RunBuilds.of(List.of(run("{\"engram_commits\": [\"75cbe5e\", \"abc1234\"]}"),
                run("{\"engram_commit\": \"def5678-dirty\"}")), RunBuildsTest::tag);
        assertEquals(List.of("A: 75cbe5e then abc1234", "B: def5678-dirty"), builds.each());
        assertEquals(List.of("B: def5678-dirty"), builds.dirty());
        assertEquals(List.of("the runs were trained by different Engram builds (A: 75cbe5e then abc1234;"
                + " B: def5678-dirty): results may differ by the code as well as by settings and seeds",
                "built with uncommitted changes, which the commit does not identify: B: def5678-dirty"),
                builds.notes());
        assertEquals(List.of("Engram builds (A: 75cbe5e then abc1234; B: def5678-dirty)",
                "uncommitted changes (B: def5678-dirty)"), builds.incomparable());
    }

    /** One run of one clean build: nothing to note; resumed by another build, the run's builds are noted untagged. */
    @Test
    void oneRunIsNamedWithoutATag() throws IOException {
        RunBuilds clean = RunBuilds.of(List.of(run("{\"engram_commits\": [\"75cbe5e\"]}")), RunBuildsTest::tag);
        assertEquals(List.of("75cbe5e"), clean.each());
        assertEquals(List.of(), clean.notes());
        assertEquals(List.of(), clean.incomparable());
        RunBuilds resumed = RunBuilds.of(List.of(run("{\"engram_commits\": [\"75cbe5e\", \"abc1234\"]}")),
                RunBuildsTest::tag);
        assertEquals(List.of("the run was trained by different Engram builds (75cbe5e then abc1234): results may"
                + " differ by the code as well as by settings and seeds"), resumed.notes());
    }

    /** Runs whose provenance names no build (none kept, or not a text) cannot be told to be of one build. */
    @Test
    void runsWithoutANamedBuildAreIncomparable() throws IOException {
        RunBuilds builds = RunBuilds.of(List.of(run("{}"), run("{\"engram_commit\": null}")), RunBuildsTest::tag);
        assertEquals(List.of("A: unknown", "B: unknown"), builds.each());
        assertEquals(List.of(), builds.notes());
        assertEquals(List.of("an Engram build its provenance does not name (A: unknown; B: unknown)"),
                builds.incomparable());
    }
}
