package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engram compare --into DIR} writes into exactly DIR, replaces a previous comparison there as a whole
 * once the new one is complete, and refuses a DIR that holds anything else.
 */
class CompareIntoTest {
    private static final String REFERENCE = Path.of("..", "results", "reference", "quickstart").toString();

    @TempDir
    Path dir;

    private CliRunner.Result compare(Path into, String... more) {
        List<String> args = new ArrayList<>(List.of("compare", REFERENCE, "--into", into.toString()));
        args.addAll(List.of(more));
        return CliRunner.run(args.toArray(String[]::new));
    }

    /** Every file and folder under a folder, relative to it, in name order. */
    private static List<String> tree(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.skip(1).map(p -> folder.relativize(p).toString()).sorted().toList();
        }
    }

    /**
     * A first comparison makes DIR (and its parents) and prints it last; a second, of other rows, leaves in DIR
     * exactly its own files, the first's paired files gone now that one row has no pair, and nothing beside DIR.
     */
    @Test
    void writesIntoExactlyTheFolderAndReplacesAPreviousComparison() throws IOException {
        Path into = dir.resolve("paper").resolve("tables");
        CliRunner.Result first = compare(into);
        assertEquals(0, first.exitCode(), first.err());
        assertEquals(into.toAbsolutePath().normalize().toString(), first.lastLine());
        assertTrue(Files.isRegularFile(into.resolve("comparison.tex")));
        assertTrue(Files.isRegularFile(into.resolve("paired.md")), "the reference run's rows share seeds");
        CliRunner.Result second = compare(into, "--rows", "si");
        assertEquals(0, second.exitCode(), second.err());
        Path elsewhere = dir.resolve("elsewhere");
        CliRunner.Result fresh = CliRunner.run("compare", REFERENCE, "--rows", "si", "--out", elsewhere.toString());
        assertEquals(0, fresh.exitCode(), fresh.err());
        assertEquals(tree(Path.of(fresh.lastLine())), tree(into));
        assertFalse(Files.exists(into.resolve("paired.md")));
        assertEquals(2, Files.readAllLines(into.resolve("comparison.csv")).size(), "header and si");
        try (Stream<Path> beside = Files.list(dir.resolve("paper"))) {
            assertEquals(List.of(into), beside.toList(), "no hidden folder left beside it");
        }
    }

    /** A folder with a file no comparison writes is refused, exit 2, with its files as they were. */
    @Test
    void refusesAFolderWithOtherFiles() throws IOException {
        Path into = dir.resolve("tables");
        Files.createDirectories(into);
        Files.writeString(into.resolve("intro.tex"), "mine");
        CliRunner.Result r = compare(into);
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--into") && r.err().contains("intro.tex"), r.err());
        assertEquals(List.of("intro.tex"), tree(into));
        CliRunner.Result both = compare(dir.resolve("other"), "--out", dir.toString());
        assertEquals(2, both.exitCode(), both.err());
        assertTrue(both.err().contains("either --into DIR or --out DIR"), both.err());
    }

    /**
     * A comparison that fails once it writes (here its hidden results root beside DIR is a file, so no
     * folder can be made there) leaves the previous comparison's files as they were.
     */
    @Test
    void aFailedComparisonLeavesThePreviousOne() throws IOException {
        Path into = dir.resolve("tables");
        CliRunner.Result first = compare(into);
        assertEquals(0, first.exitCode(), first.err());
        String before = Files.readString(into.resolve("comparison.csv"));
        List<String> files = tree(into);
        Files.writeString(dir.resolve(".tables.compare"), "in the way");
        CliRunner.Result failed = compare(into, "--rows", "si");
        assertEquals(2, failed.exitCode(), failed.err());
        assertEquals(before, Files.readString(into.resolve("comparison.csv")));
        assertEquals(files, tree(into));
    }

    /**
     * A folder inside a finished run is refused, as {@code --out}'s is (a run's folder is never changed), and so
     * is a path through a file, each naming what is in the way; nothing is written.
     */
    @Test
    void refusesAFolderInsideAFinishedRunOrThroughAFile() throws IOException {
        Path run = RunCopies.copy(Path.of(REFERENCE), dir.resolve("run"));
        List<String> files = tree(run);
        Path into = run.resolve("tables");
        CliRunner.Result inRun = compare(into);
        assertEquals(2, inRun.exitCode(), inRun.err());
        assertTrue(inRun.err().contains(into + ": --into: expected a folder for the comparison (created if absent),"
                + " found a folder inside the finished run " + run.toAbsolutePath() + ", which is never changed; give"
                + " --into a folder outside it"), inRun.err());
        assertEquals(files, tree(run));
        Path file = Files.writeString(dir.resolve("notes.txt"), "mine");
        CliRunner.Result throughFile = compare(file.resolve("tables"));
        assertEquals(2, throughFile.exitCode(), throughFile.err());
        assertTrue(throughFile.err().contains("--into: expected a folder for the comparison (created if absent),"
                + " found a path through the file " + file.toAbsolutePath()), throughFile.err());
        assertEquals(List.of("notes.txt", "run"), tree(dir).stream().filter(f -> !f.contains("/")).toList());
    }

    /**
     * The paired differences are printed as the file in the folder given, which is there; a partial folder of
     * a comparison into it killed long ago (left in the hidden folder beside it) is removed, saying so, and the
     * hidden folder goes with it.
     */
    @Test
    void printsThePairedFileThereAndRemovesAKilledComparisonsLeftovers() throws IOException {
        Path into = dir.resolve("tables");
        Path left = Files.createDirectories(dir.resolve(".tables.compare").resolve("comparisons")
                .resolve(".20261130T120000Z-aaaaaa.partial"));
        Files.writeString(left.resolve("comparison.md"), "# half written");
        FileTime old = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
        Files.setLastModifiedTime(left.resolve("comparison.md"), old);
        Files.setLastModifiedTime(left, old);
        CliRunner.Result r = compare(into);
        assertEquals(0, r.exitCode(), r.err());
        String paired = into.toAbsolutePath().normalize().resolve("paired.md").toString();
        assertTrue(r.out().contains("\nRows that share two or more seeds, compared seed by seed over those: " + paired
                + "\n"), r.out());
        assertTrue(Files.isRegularFile(Path.of(paired)));
        assertTrue(r.err().contains("engram: removed " + left + ", a partial folder without a config, left by a killed"
                + " engram compare"), r.err());
        assertEquals(List.of("tables"), tree(dir).stream().filter(f -> !f.contains("/")).toList());
    }
}
