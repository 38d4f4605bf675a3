package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.engram.experiments.config.ConfigLayers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engram compare --strict} writes a comparison of runs that differ only in their strategies
 * and the strategies' settings, and refuses, writing nothing, runs that differ in anything else,
 * naming every difference and every run's folder.
 */
class StrictCompareTest {
    /** A clean build, written into every run's provenance: the tests' own build may have uncommitted changes. */
    private static final String BUILD = "0123abc";

    @TempDir
    static Path dir;
    /** naive; si with c 1; si with c 2; naive on fewer training samples. */
    static Path naive;
    static Path si;
    static Path siC2;
    static Path fewerSamples;

    @BeforeAll
    static void runAll() throws IOException {
        naive = run("naive", "strategies: [{name: naive}]\n");
        si = run("si", "strategies: [{name: si, params: {c: 1.0}}]\n");
        siC2 = run("si-c2", "strategies: [{name: si, params: {c: 2.0}}]\n");
        fewerSamples = run("fewer", "strategies: [{name: naive}]\n", "train_per_task: 40");
    }

    private static Path run(String name, String strategies) throws IOException {
        return run(name, strategies, null);
    }

    private static Path run(String name, String strategies, String trainPerTask) throws IOException {
        String config = "name: strict\n" + TinyRuns.ONE_SEED + strategies;
        Path folder = TinyRuns.run(dir, name, trainPerTask == null ? config
                : config.replace("train_per_task: 60", trainPerTask));
        editMetrics(folder, m -> ((ObjectNode) m.get("provenance")).putArray("engram_commits").add(BUILD));
        return folder;
    }

    @Test
    void runsThatDifferOnlyInStrategiesAndTheirSettingsAreCompared() {
        CliRunner.Result r = CliRunner.run("compare", naive.toString(), si.toString(), siC2.toString(), "--strict",
                "--out", dir.resolve("cmp").toString());
        assertEquals(0, r.exitCode(), r.err());
        // The notes are those of a comparison without --strict: si's setting is still named.
        assertTrue(r.err().contains("the runs' configs differ in strategies (A: [naive], B: [si], C: [si]); "
                + "strategies[si].params.c (B: 1.0, C: 2.0)"), r.err());
        assertTrue(Files.isRegularFile(Path.of(r.lastLine()).resolve("comparison.md")));
    }

    @Test
    void runsOfOtherSettingsAreRefusedByNameAndNothingIsWritten() throws IOException {
        Path out = dir.resolve("refused");
        CliRunner.Result r = CliRunner.run("compare", naive.toString(), fewerSamples.toString(), "--strict", "--out",
                out.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("engram compare: --strict: expected runs that differ only in their strategies and"
                + " the strategies' settings, found 1 difference (runs A " + naive.toAbsolutePath() + ", B "
                + fewerSamples.toAbsolutePath() + "):\n  config key tasks.train_per_task (A: 60, B: 40)\n"), r.err());
        assertFalse(Files.exists(out), "nothing written");
        // Without --strict the same runs are compared, with the difference as a note.
        assertEquals(0, CliRunner.run("compare", naive.toString(), fewerSamples.toString(), "--out",
                out.toString()).exitCode());
        // --rows that leave out every row of run A leave B alone, which nothing differs from.
        CliRunner.Result kept = CliRunner.run("compare", naive.toString(), fewerSamples.toString(), "--strict",
                "--rows", "naive [B]", "--out", dir.resolve("kept-b").toString());
        assertEquals(0, kept.exitCode(), kept.err());
    }

    @Test
    void otherScenarioDataAndBuildsAreEachNamed() throws IOException {
        Path other = RunCopies.copy(si, dir.resolve("other"));
        editMetrics(other, m -> {
            m.put("scenario", "class_incremental");
            // Another run of the same config: the id keeps the config's hash.
            m.put("run_id", m.get("run_id").asText().replaceFirst("^\\d{8}T\\d{6}Z", "20261201T000000Z"));
            ObjectNode provenance = (ObjectNode) m.get("provenance");
            provenance.put("data_sha256", "00000000" + provenance.get("data_sha256").asText().substring(8));
            provenance.putArray("engram_commits").add("abc1234-dirty");
        });
        Path out = dir.resolve("refused-many");
        CliRunner.Result r = CliRunner.run("compare", naive.toString(), other.toString(), "--strict", "--out",
                out.toString());
        assertEquals(2, r.exitCode(), r.err());
        for (String difference : List.of("found 4 differences (runs A ", "\n  scenario (A: task_incremental, B: "
                + "class_incremental)\n", "\n  data (A: bundled_subset ", ", B: bundled_subset 00000000)\n",
                "\n  Engram builds (A: " + BUILD + "; B: abc1234-dirty)\n",
                "\n  uncommitted changes (B: abc1234-dirty)\n", "\n  nothing was written; without --strict, compare "
                        + "writes the comparison with a note on each")) {
            assertTrue(r.err().contains(difference), difference + " in " + r.err());
        }
        assertFalse(Files.exists(out), "nothing written");
    }

    /** A run by itself can only differ from itself in its builds, which its refusal says. */
    @Test
    void aRunOfAnUncommittedBuildIsRefusedByItself() throws IOException {
        Path dirty = RunCopies.copy(si, dir.resolve("dirty"));
        editMetrics(dirty, m -> ((ObjectNode) m.get("provenance")).putArray("engram_commits").add("abc1234-dirty"));
        Path out = dir.resolve("refused-one");
        CliRunner.Result r = CliRunner.run("compare", dirty.toString(), "--strict", "--out", out.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--strict: expected a run trained by one committed Engram build that its "
                + "provenance names, found 1 difference (run " + dirty.toAbsolutePath() + "):\n  uncommitted changes "
                + "(abc1234-dirty)\n"), r.err());
        assertFalse(Files.exists(out), "nothing written");
        assertEquals(0, CliRunner.run("compare", si.toString(), "--strict", "--out", out.toString()).exitCode());
    }

    /** The same data found elsewhere ({@code data.path} rather than the bundled subset) is the same data. */
    @Test
    void dataFoundElsewhereWithTheSameDigestIsComparable() throws IOException {
        Path elsewhere = RunCopies.copy(si, dir.resolve("elsewhere"));
        String config = Files.readString(elsewhere.resolve("config.yaml")).replace("bundled: true", "bundled: false")
                .replace("path: null", "path: /srv/fashion-mnist");
        Files.writeString(elsewhere.resolve("config.yaml"), config);
        editMetrics(elsewhere, m -> {
            m.put("run_id", "20261201T000000Z-" + ConfigLayers.sha256(config).substring(0, 6));
            ((ObjectNode) m.get("provenance")).put("config_sha256", ConfigLayers.sha256(config))
                    .put("data_origin", "CONFIG_PATH");
        });
        CliRunner.Result r = CliRunner.run("compare", naive.toString(), elsewhere.toString(), "--strict", "--out",
                dir.resolve("cmp-elsewhere").toString());
        assertEquals(0, r.exitCode(), r.err());
        // By the folder's name: the notes go into the .tex files' comments too.
        assertTrue(r.err().contains("data.path (A: null, B: fashion-mnist)"), "still noted: " + r.err());
    }

    private static void editMetrics(Path run, Consumer<ObjectNode> edit) throws IOException {
        ObjectNode m = (ObjectNode) new ObjectMapper().readTree(run.resolve("metrics.json").toFile());
        edit.accept(m);
        Files.writeString(run.resolve("metrics.json"), m.toString());
    }
}
