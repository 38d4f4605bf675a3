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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code engram compare} prints, checked against the comparison.md it writes, on the reference run and a copy
 * of it that found its data elsewhere (a second run, with a note): the runs by their tags when the rows carry them,
 * the table and what its ± means, the paired file, and the folder as the last line; the notes on standard error,
 * each as comparison.md gives it.
 */
class CompareOutputTest {
    private static final Path REFERENCE = Path.of("..", "results", "reference", "quickstart");
    private static final String PAIRED = "Rows that share two or more seeds, compared seed by seed over those: ";

    @TempDir
    Path dir;

    /**
     * Standard output after the run lines: the table, an empty line, what its ± means (which comparison.md gives
     * after the same table), an empty line, the paired file, and the folder.
     */
    private static void assertTableThenFolder(String printed, Path folder) throws IOException {
        String md = Files.readString(folder.resolve("comparison.md"));
        String tail = PAIRED + folder.resolve("paired.md") + "\n" + folder + "\n";
        assertTrue(printed.endsWith(".\n\n" + tail), printed);
        String tableAndNote = printed.substring(0, printed.length() - tail.length() - 3);
        assertTrue(tableAndNote.startsWith("| "), printed);
        assertTrue(md.contains("\n" + tableAndNote + "; "), tableAndNote + "\nnot in\n" + md);
        assertTrue(Files.isRegularFile(folder.resolve("paired.md")));
    }

    /** One run: no tags, so the table comes first. */
    @Test
    void printsTheTableThenThePairedFileThenTheFolder() throws IOException {
        CliRunner.Result r = CliRunner.run("compare", REFERENCE.toString(), "--out", dir.resolve("cmp").toString());
        assertEquals(0, r.exitCode(), r.err());
        Path folder = Path.of(r.lastLine());
        assertEquals(dir.resolve("cmp").resolve("comparisons"), folder.getParent());
        assertTableThenFolder(r.out(), folder);
        assertEquals("", r.err());
    }

    /**
     * Two runs: the run lines as comparison.md lists them, an empty line, then the table; each note on standard
     * error is one of comparison.md; with --into, the folder printed is the one given.
     */
    @Test
    void namesTheRunsByTagFirstAndPrintsTheNotesOnStandardError() throws IOException {
        Path elsewhere = RunCopies.withDataElsewhere(REFERENCE, dir.resolve("elsewhere"));
        Path into = dir.resolve("tables");
        CliRunner.Result r = CliRunner.run("compare", REFERENCE.toString(), elsewhere.toString(), "--into",
                into.toString());
        assertEquals(0, r.exitCode(), r.err());
        Path folder = into.toAbsolutePath().normalize();
        assertEquals(folder.toString(), r.lastLine());
        String md = Files.readString(folder.resolve("comparison.md"));
        List<String> runs = md.lines().filter(l -> l.startsWith("- [")).map(l -> l.substring(2)).toList();
        assertEquals(2, runs.size(), md);
        String head = String.join("\n", runs) + "\n\n";
        assertTrue(r.out().startsWith(head), r.out());
        assertTableThenFolder(r.out().substring(head.length()), folder);
        List<String> notes = r.err().lines().toList();
        assertFalse(notes.isEmpty(), "the runs' data differ");
        for (String note : notes) {
            assertTrue(note.startsWith("engram: note: "), note);
            assertTrue(md.contains("\n**Note:** " + note.substring("engram: note: ".length()) + "\n"), note);
        }
        assertTrue(r.err().contains("data.path"), r.err());
    }

    /** --into and --out together are refused, exit 2, writing nothing. */
    @Test
    void refusesIntoWithOut() {
        Path into = dir.resolve("tables");
        CliRunner.Result r = CliRunner.run("compare", REFERENCE.toString(), "--into", into.toString(), "--out",
                dir.resolve("cmp").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertEquals("engram: error: engram compare: --into: expected either --into DIR or --out DIR, found both\n",
                r.err());
        assertEquals("", r.out());
        assertFalse(Files.exists(into) || Files.exists(dir.resolve("cmp")), "nothing written");
    }

    /** A comparison killed as it wrote left a partial folder under --out: the next comparison there removes it. */
    @Test
    void removesAPartialComparisonAKilledOneLeft() throws IOException {
        Path out = dir.resolve("cmp");
        Path left = Files.createDirectories(out.resolve("comparisons").resolve(".20261130T120000Z-aaaaaa.partial"));
        Files.writeString(left.resolve("comparison.md"), "# half written");
        FileTime old = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
        Files.setLastModifiedTime(left.resolve("comparison.md"), old);
        Files.setLastModifiedTime(left, old);
        CliRunner.Result r = CliRunner.run("compare", REFERENCE.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(Files.exists(left));
        assertTrue(r.err().startsWith("engram: removed " + left + ", a partial folder without a config, left by a"
                + " killed engram compare"), r.err());
    }
}
