package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
