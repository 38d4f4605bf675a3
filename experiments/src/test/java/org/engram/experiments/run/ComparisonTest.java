package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.engram.experiments.metrics.ErrorMeasure;
import org.engram.experiments.plot.Figure;
import org.engram.simulator.EngramException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Comparison#write} called as {@code engram compare} calls it, on the reference run. */
class ComparisonTest {
    /** Tests run in the experiments module's folder. */
    private static final Path REFERENCE = Path.of("..", "results", "reference", "quickstart");
    private static final Comparison.Choices PLAIN = new Comparison.Choices(Map.of(), ErrorMeasure.CI95, false, null,
            null);

    @TempDir
    Path dir;

    /**
     * A comparison that fails as it writes (here its first figure) leaves no folder, partial or
     * not: the results root it made is removed, and the failure is the one thrown.
     */
    @Test
    void aComparisonThatFailsAsItWritesLeavesNoFolder() {
        Path root = dir.resolve("results");
        IllegalStateException failure = new IllegalStateException("the figure cannot be laid out");
        UnaryOperator<Figure> failing = f -> {
            throw failure;
        };
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> Comparison.write(List.of(REFERENCE), root, failing, PLAIN));
        assertSame(failure, thrown);
        assertEquals(0, thrown.getSuppressed().length, "the folder was removed without a failure");
        assertFalse(root.toFile().exists(), "the results root the comparison made is still there");
    }

    /**
     * Runs past the 26th are tagged by their number, in the list of runs and in the rows: the 26th is Z,
     * the 27th 27. Copies of the reference run (of its seeds, so each is shown apart) started at other times.
     */
    @Test
    void runsAfterTheTwentySixthAreTaggedByTheirNumber() throws IOException {
        List<Path> runs = new ArrayList<>();
        for (int i = 1; i <= 27; i++) {
            runs.add(referenceStartedAt(String.format("20261201T0000%02dZ", i)));
        }
        // With a baseline, paired.md has a pair per row, not one for each two of the 108.
        Comparison.Outcome outcome = Comparison.write(runs, dir.resolve("results"), f -> f,
                new Comparison.Choices(Map.of(), ErrorMeasure.CI95, false, "naive [A]", null));
        assertTrue(outcome.runs().get(0).startsWith("[A] "), outcome.runs().get(0));
        assertTrue(outcome.runs().get(25).startsWith("[Z] "), outcome.runs().get(25));
        assertTrue(outcome.runs().get(26).startsWith("[27] quickstart "), outcome.runs().get(26));
        assertTrue(outcome.table().contains("| naive [Z] |") && outcome.table().contains("| naive [27] |"),
                outcome.table());
    }

    /**
     * comparison.tex and comparison-narrow.tex, read without comparison.md, say in their comments what it says
     * above its table: the names shown for labels and each note (here: a second run of the same seeds).
     */
    @Test
    void theLatexTablesCommentsCarryTheNamesAndTheNotes() throws IOException {
        Path again = referenceStartedAt("20261201T000000Z");
        Comparison.Outcome outcome = Comparison.write(List.of(REFERENCE, again), dir.resolve("results"), f -> f,
                new Comparison.Choices(Map.of("naive", "Fine-tuning"), ErrorMeasure.CI95, false, "Fine-tuning [A]",
                        null));
        String note = "run B has the config of run A and seeds in common with it [1, 2, 3]: shown apart, as pooled a"
                + " seed would count twice";
        assertEquals(List.of(note), outcome.notes());
        String md = Files.readString(outcome.folder().resolve("comparison.md"));
        assertTrue(md.contains("\nNamed in the rows: naive as Fine-tuning.\n") && md.contains("**Note:** " + note),
                md);
        for (String file : List.of("comparison.tex", Comparison.NARROW_LATEX)) {
            String tex = Files.readString(outcome.folder().resolve(file));
            assertTrue(tex.contains("\n% Named in the rows: naive as Fine-tuning.\n% Note: " + note + "\n"),
                    file + ":\n" + tex);
        }
    }

    /**
     * A run shown apart from a run of its config, as they share seeds, is noted only while both have rows: with
     * --rows keeping the rows of one of them alone, the note would name the other, of which nothing is shown, and
     * is not given; keeping a row of each, it is.
     */
    @Test
    void theNoteOnARunShownApartNeedsTheRowsOfBothRuns() throws IOException {
        Path again = referenceStartedAt("20261201T000000Z");
        Comparison.Outcome onlyB = Comparison.write(List.of(REFERENCE, again), dir.resolve("only-b"), f -> f,
                new Comparison.Choices(Map.of(), ErrorMeasure.CI95, false, null, List.of("naive [B]", "ewc [B]")));
        assertEquals(List.of(), onlyB.notes());
        assertFalse(Files.readString(onlyB.folder().resolve("comparison.md")).contains("shown apart"));
        Comparison.Outcome onlyA = Comparison.write(List.of(REFERENCE, again), dir.resolve("only-a"), f -> f,
                new Comparison.Choices(Map.of(), ErrorMeasure.CI95, false, null, List.of("si [A]")));
        assertEquals(List.of(), onlyA.notes());
        Comparison.Outcome both = Comparison.write(List.of(REFERENCE, again), dir.resolve("both"), f -> f,
                new Comparison.Choices(Map.of(), ErrorMeasure.CI95, false, null, List.of("naive [B]", "si [A]")));
        assertEquals(List.of("run B has the config of run A and seeds in common with it [1, 2, 3]: shown apart, as"
                + " pooled a seed would count twice"), both.notes());
    }

    /**
     * The rows of one run have no tag, in comparison.csv's run_tag and in paired.csv's tag columns as in the
     * table; those of two runs shown apart have theirs.
     */
    @Test
    void theRowsOfOneRunHaveNoTagInTheCsvFiles() throws IOException {
        Comparison.Outcome one = Comparison.write(List.of(REFERENCE), dir.resolve("one"), f -> f, PLAIN);
        assertEquals(Set.of(""), column(one.folder().resolve("comparison.csv"), "run_tag"));
        assertEquals(Set.of(""), column(one.folder().resolve(PairedFiles.CSV), "row_run_tag"));
        assertEquals(Set.of(""), column(one.folder().resolve(PairedFiles.CSV), "baseline_run_tag"));
        Path again = referenceStartedAt("20261201T000000Z");
        Comparison.Outcome two = Comparison.write(List.of(REFERENCE, again), dir.resolve("two"), f -> f,
                new Comparison.Choices(Map.of(), ErrorMeasure.CI95, false, "naive [A]", null));
        assertEquals(Set.of("A", "B"), column(two.folder().resolve("comparison.csv"), "run_tag"));
        assertEquals(Set.of("A", "B"), column(two.folder().resolve(PairedFiles.CSV), "row_run_tag"));
        assertEquals(Set.of("A"), column(two.folder().resolve(PairedFiles.CSV), "baseline_run_tag"));
    }

    /**
     * A run on generated patterns (its provenance: origin GENERATED, no digest) is named by that alone, in the
     * note on how the runs differ and in the paired files' headings, where its rows are not paired with another
     * data's.
     */
    @Test
    void generatedDataIsNamedWithoutADigest() throws IOException {
        Path generated = referenceStartedAt("20261201T000000Z");
        ObjectNode m = (ObjectNode) JsonFiles.MAPPER.readTree(generated.resolve("metrics.json").toFile());
        ((ObjectNode) m.get("provenance")).put("data_origin", "GENERATED").putNull("data_sha256");
        Files.writeString(generated.resolve("metrics.json"), m.toString());
        Comparison.Outcome outcome = Comparison.write(List.of(REFERENCE, generated), dir.resolve("results"), f -> f,
                PLAIN);
        String digest = "62f2a5d0";   // the first digits of the reference run's data_sha256
        assertTrue(outcome.notes().contains("the runs differ in data (A: bundled_subset " + digest + ", B: generated);"
                + " their metrics measure different things"), outcome.notes().toString());
        String paired = Files.readString(outcome.paired().orElseThrow());
        assertTrue(paired.contains("\n## Seeds [1, 2, 3], data " + digest + "\n")
                && paired.contains("\n## Seeds [1, 2, 3], data generated\n"), paired);
        assertTrue(outcome.runs().get(1).contains(", data generated, seeds [1, 2, 3]"), outcome.runs().get(1));
    }

    /** Metrics that do not name their data's origin are not taken for generated data: the origin is unknown. */
    @Test
    void dataOfNoOriginIsUnknown() throws IOException {
        Path unnamed = referenceStartedAt("20261201T000000Z");
        ObjectNode m = (ObjectNode) JsonFiles.MAPPER.readTree(unnamed.resolve("metrics.json").toFile());
        ((ObjectNode) m.get("provenance")).remove("data_origin");
        Files.writeString(unnamed.resolve("metrics.json"), m.toString());
        Comparison.Outcome outcome = Comparison.write(List.of(REFERENCE, unnamed), dir.resolve("results"), f -> f,
                PLAIN);
        assertTrue(outcome.runs().get(1).contains(", data ? 62f2a5d0, seeds [1, 2, 3]"), outcome.runs().get(1));
        assertTrue(outcome.notes().contains("the runs differ in data (A: bundled_subset 62f2a5d0, B: ? 62f2a5d0);"
                + " their metrics measure different things"), outcome.notes().toString());
    }

    /**
     * A run's data is named by the first eight digits of its digest, a digest of eight digits or fewer whole:
     * one of fewer (written by hand into metrics.json) had been left out, so that runs of the digests
     * {@code 0123abc} and {@code 0123abd} looked alike and the note on how the runs differ did not name their data.
     */
    @Test
    void dataIsNamedByEightDigitsOfItsDigestAShorterOneWhole() throws IOException {
        List<Path> runs = new ArrayList<>();
        List<String> digests = List.of("0123abcd9", "0123abc", "0123abd");
        for (int i = 0; i < digests.size(); i++) {
            Path run = referenceStartedAt("20261201T00000" + i + "Z");
            ObjectNode m = (ObjectNode) JsonFiles.MAPPER.readTree(run.resolve("metrics.json").toFile());
            ((ObjectNode) m.get("provenance")).put("data_sha256", digests.get(i));
            Files.writeString(run.resolve("metrics.json"), m.toString());
            runs.add(run);
        }
        Comparison.Outcome outcome = Comparison.write(runs, dir.resolve("results"), f -> f, PLAIN);
        assertTrue(outcome.runs().get(0).contains(", data bundled_subset 0123abcd, seeds"), outcome.runs().get(0));
        assertTrue(outcome.runs().get(1).contains(", data bundled_subset 0123abc, seeds"), outcome.runs().get(1));
        assertTrue(outcome.notes().contains("the runs differ in data (A: bundled_subset 0123abcd, B: bundled_subset "
                + "0123abc, C: bundled_subset 0123abd); their metrics measure different things"),
                outcome.notes().toString());
        String paired = Files.readString(outcome.paired().orElseThrow());
        assertTrue(paired.contains(", data 0123abc\n") && paired.contains(", data 0123abd\n"), paired);
    }

    /**
     * The LaTeX tables' comments say that runs trained without samples held out for validation only when a run
     * compared did: the reference run held none out.
     */
    @Test
    void runsThatHeldNothingOutAreNotSaidToHave() throws IOException {
        Comparison.Outcome outcome = Comparison.write(List.of(REFERENCE), dir.resolve("results"), f -> f, PLAIN);
        for (String file : List.of("comparison.tex", Comparison.NARROW_LATEX)) {
            String tex = Files.readString(outcome.folder().resolve(file));
            assertFalse(tex.contains("tasks.validation") || tex.contains("held out"), file + ":\n" + tex);
        }
    }

    /**
     * The settings of one run (or one pool) are compared with no other's: a run whose config.yaml is gone is
     * compared without a note that its settings could not be.
     */
    @Test
    void oneRunWithoutAConfigHasNoNoteOnIt() throws IOException {
        Path run = referenceStartedAt("20261201T000000Z");
        Files.delete(run.resolve("config.yaml"));
        Comparison.Outcome outcome = Comparison.write(List.of(run), dir.resolve("results"), f -> f, PLAIN);
        assertEquals(List.of(), outcome.notes());
        assertFalse(Files.readString(outcome.folder().resolve("comparison.md")).contains("config.yaml"));
    }

    /**
     * A comparison of task-incremental runs says, once however many runs, what their own summaries and
     * table.tex say: their FWT compares two random readouts; so do the paired files, whose FWT differences are
     * differences of such numbers. A comparison of domain-incremental runs, whose FWT does measure transfer, does
     * not.
     */
    @Test
    void theTaskIncrementalFwtNoteIsCarriedOnce() throws IOException {
        Path again = referenceStartedAt("20261201T000000Z");
        Comparison.Outcome task = Comparison.write(List.of(REFERENCE, again), dir.resolve("task"), f -> f, PLAIN);
        String note = MetricsWriter.FWT_NOTE_TASK_INCREMENTAL;
        for (String file : List.of("comparison.md", PairedFiles.MARKDOWN)) {
            assertEquals(1, occurrences(Files.readString(task.folder().resolve(file)), "\n**Note:** " + note + "\n"),
                    file);
        }
        for (String file : List.of("comparison.tex", Comparison.NARROW_LATEX, PairedFiles.LATEX,
                PairedFiles.NARROW_LATEX)) {
            assertEquals(1, occurrences(Files.readString(task.folder().resolve(file)), "\n% Note: " + note + "\n"),
                    file);
        }
        Path domain = referenceStartedAt("20261202T000000Z");
        ObjectNode m = (ObjectNode) JsonFiles.MAPPER.readTree(domain.resolve("metrics.json").toFile());
        m.put("scenario", "domain_incremental");
        Files.writeString(domain.resolve("metrics.json"), m.toString());
        Comparison.Outcome other = Comparison.write(List.of(domain), dir.resolve("domain"), f -> f, PLAIN);
        for (String file : List.of("comparison.md", "comparison.tex", Comparison.NARROW_LATEX, PairedFiles.MARKDOWN,
                PairedFiles.LATEX, PairedFiles.NARROW_LATEX)) {
            String text = Files.readString(other.folder().resolve(file));
            assertFalse(text.contains(note), file + ":\n" + text);
        }
    }

    /**
     * Two runs in folders of one name on different paths were listed alike ("folder best"): each is named by the
     * shortest end of its path that tells them apart, while a folder of a name of its own keeps its name alone.
     */
    @Test
    void foldersOfOneNameAreToldApartByTheirPaths() throws IOException {
        Path first = Files.move(referenceStartedAt("20261201T000000Z"),
                Files.createDirectories(dir.resolve("x/lambda/a")).resolve("best"));
        Path second = Files.move(referenceStartedAt("20261202T000000Z"),
                Files.createDirectories(dir.resolve("x/lambda/b")).resolve("best"));
        Path own = referenceStartedAt("20261203T000000Z");
        Comparison.Outcome outcome = Comparison.write(List.of(first, second, own), dir.resolve("results"), f -> f,
                PLAIN);
        assertTrue(outcome.runs().get(0).contains("(folder a/best, 5 tasks"), outcome.runs().get(0));
        assertTrue(outcome.runs().get(1).contains("(folder b/best, 5 tasks"), outcome.runs().get(1));
        assertTrue(outcome.runs().get(2).contains("(folder run-20261203T000000Z, 5 tasks"), outcome.runs().get(2));
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    /** Two strategies shown by one name could not be told apart: refused before anything is written. */
    @Test
    void oneNameForTwoStrategiesIsRefused() {
        Path root = dir.resolve("results");
        EngramException e = assertThrows(EngramException.class, () -> Comparison.write(List.of(REFERENCE), root,
                f -> f, new Comparison.Choices(Map.of("naive", "Baseline", "ewc", "Baseline"), ErrorMeasure.CI95,
                        false, null, null)));
        assertTrue(e.getMessage().contains("'Baseline'"), e.getMessage());
        assertFalse(root.toFile().exists(), "nothing written");
    }

    /**
     * The rows and runs of one run have no tag: a row is chosen by its label though --name shows it by another, the
     * run is listed without [A], and the LaTeX comments name it without "A: ".
     */
    @Test
    void oneRunIsShownWithoutTags() throws IOException {
        Comparison.Outcome outcome = Comparison.write(List.of(REFERENCE), dir.resolve("results"), f -> f,
                new Comparison.Choices(Map.of("naive", "Fine-tuning"), ErrorMeasure.CI95, false, null,
                        List.of("naive", "si")));
        assertTrue(outcome.table().contains("| Fine-tuning |") && !outcome.table().contains("| ewc |"),
                outcome.table());
        assertTrue(outcome.runs().get(0).startsWith("quickstart 20261203T051544Z-8d3b1e ("), outcome.runs().get(0));
        String tex = Files.readString(outcome.folder().resolve("comparison.tex"));
        assertTrue(tex.contains("% Engram comparison of runs quickstart 20261203T051544Z-8d3b1e.\n"), tex);
    }

    /** A name given to a run's tag is listed as the rows show it; two tags given one name are refused. */
    @Test
    void namesOfTagsAreListedAndMustDiffer() throws IOException {
        Path again = referenceStartedAt("20261201T000000Z");
        Comparison.Outcome outcome = Comparison.write(List.of(REFERENCE, again), dir.resolve("named"), f -> f,
                new Comparison.Choices(Map.of("B", "again"), ErrorMeasure.CI95, false, null, null));
        assertTrue(outcome.table().contains("| naive [again] |"), outcome.table());
        String md = Files.readString(outcome.folder().resolve("comparison.md"));
        assertTrue(md.contains("\nNamed in the rows: B as again.\n"), md);
        Path root = dir.resolve("refused");
        EngramException e = assertThrows(EngramException.class, () -> Comparison.write(List.of(REFERENCE, again),
                root, f -> f, new Comparison.Choices(Map.of("A", "same", "B", "same"), ErrorMeasure.CI95, false, null,
                        null)));
        assertTrue(e.getMessage().contains("'same'"), e.getMessage());
        assertFalse(root.toFile().exists(), "nothing written");
    }

    /**
     * comparison.csv names each row's run, what it learned and the builds that trained it, as the run's
     * metrics.json records them: the reference run of the quick start, by the build 75cbe5e.
     */
    @Test
    void theCsvNamesEachRowsRunSettingsAndBuild() throws IOException {
        Comparison.Outcome outcome = Comparison.write(List.of(REFERENCE), dir.resolve("results"), f -> f, PLAIN);
        Path csv = outcome.folder().resolve("comparison.csv");
        assertEquals(Set.of("20261203T051544Z-8d3b1e"), column(csv, "run"));
        assertEquals(Set.of("task_incremental"), column(csv, "scenario"));
        assertEquals(Set.of("split"), column(csv, "sequence"));
        assertEquals(Set.of("bundled_subset 62f2a5d0"), column(csv, "data"));
        assertEquals(Set.of("75cbe5e"), column(csv, "engram_commits"));
    }

    /** The values of a column of a CSV file without quoted fields, by its name in the header. */
    private static Set<String> column(Path csv, String name) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        int k = List.of(lines.get(0).split(",")).indexOf(name);
        assertTrue(k >= 0, name + " in " + lines.get(0));
        Set<String> values = new HashSet<>();
        lines.subList(1, lines.size()).forEach(line -> values.add(line.split(",", -1)[k]));
        return values;
    }

    /** A copy of the reference run, as another run of its config and seeds started at {@code stamp}. */
    private Path referenceStartedAt(String stamp) throws IOException {
        Path copy = Files.createDirectories(dir.resolve("run-" + stamp));
        for (String file : List.of("config.yaml", "log.csv", "accuracy_matrix.csv")) {
            Files.copy(REFERENCE.resolve(file), copy.resolve(file));
        }
        ObjectNode m = (ObjectNode) JsonFiles.MAPPER.readTree(REFERENCE.resolve("metrics.json").toFile());
        m.put("run_id", m.get("run_id").asText().replaceFirst("^\\d{8}T\\d{6}Z", stamp));
        Files.writeString(copy.resolve("metrics.json"), m.toString());
        return copy;
    }
}
