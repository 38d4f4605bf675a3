package org.engram.experiments.cli;

import static org.engram.experiments.cli.CliRunner.assertRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code engram plot} prints, where it draws and what it leaves as it was, on a copy of the reference run (so
 * that the run the README shows is never drawn into): every file drawn and then the folder as the last line, a
 * figure the run no longer gives removed from its own plots only, figures already in a folder of one's own kept
 * unless {@code --replace}, and the options that need {@code --out} refused before anything is drawn.
 */
class PlotOutputTest {
    private static final Path REFERENCE = Path.of("..", "results", "reference", "quickstart");

    /** A figure the reference run does not give: it has no validation samples. */
    private static final String NOT_GIVEN = "average_accuracy_validation";

    @TempDir
    Path dir;

    private Path run;

    @BeforeEach
    void copyTheReferenceRun() throws IOException {
        run = RunCopies.copy(REFERENCE, dir.resolve("run"));
    }

    /** Every file under a folder with its bytes, by its path relative to the folder. */
    private static Map<String, byte[]> contents(Path folder) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files.put(folder.relativize(f).toString(), Files.readAllBytes(f));
            }
        }
        return files;
    }

    private static void assertSameFiles(Map<String, byte[]> before, Path folder) throws IOException {
        Map<String, byte[]> after = contents(folder);
        assertEquals(before.keySet(), after.keySet());
        before.forEach((name, bytes) -> assertArrayEquals(bytes, after.get(name), name));
    }

    /** The files of a folder, as paths in it, in name order. */
    private static List<String> listed(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(Path::toString).sorted().toList();
        }
    }

    /** Standard output's lines but the last, in name order. */
    private static List<String> allButLast(CliRunner.Result r) {
        List<String> lines = new ArrayList<>(r.out().lines().toList());
        lines.remove(lines.size() - 1);
        return lines.stream().sorted().toList();
    }

    /**
     * Redrawn into the run's own plots, every file of the folder is printed, one a line, and the folder last; a
     * figure the run's files no longer give is removed there, all three of its files, saying so on standard error.
     */
    @Test
    void printsEveryFileAndTheFolderLastAndRemovesWhatTheRunNoLongerGives() throws IOException {
        Path plots = run.resolve("plots");
        for (String ext : List.of(".png", ".svg", ".pdf")) {
            Files.writeString(plots.resolve(NOT_GIVEN + ext), "drawn from files since deleted");
        }
        CliRunner.Result r = CliRunner.run("plot", run.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(plots.toString(), r.lastLine());
        assertTrue(r.out().endsWith("\n" + plots + "\n"), r.out());
        assertEquals(listed(plots), allButLast(r));
        assertEquals("engram plot: removed " + plots.resolve(NOT_GIVEN) + ".png, .svg and .pdf: the run's files no"
                + " longer hold what it shows\n", r.err());
        assertFalse(listed(plots).stream().anyMatch(f -> f.contains(NOT_GIVEN)));
        // Drawn again, there is nothing more to remove.
        CliRunner.Result again = CliRunner.run("plot", run.toString());
        assertEquals(0, again.exitCode(), again.err());
        assertEquals("", again.err());
    }

    /** Of a figure that was only partly there, the message names the files removed and no other. */
    @Test
    void namesOnlyTheFilesOfAFigureThatWereThere() throws IOException {
        Path plots = run.resolve("plots");
        Files.writeString(plots.resolve(NOT_GIVEN + ".png"), "drawn as PNG");
        Files.writeString(plots.resolve(NOT_GIVEN + ".pdf"), "drawn as PDF");
        CliRunner.Result two = CliRunner.run("plot", run.toString());
        assertEquals(0, two.exitCode(), two.err());
        assertEquals("engram plot: removed " + plots.resolve(NOT_GIVEN) + ".png and .pdf: the run's files no longer"
                + " hold what it shows\n", two.err());
        Files.writeString(plots.resolve(NOT_GIVEN + ".svg"), "drawn as SVG");
        CliRunner.Result one = CliRunner.run("plot", run.toString());
        assertEquals("engram plot: removed " + plots.resolve(NOT_GIVEN) + ".svg: the run's files no longer hold"
                + " what it shows\n", one.err());
        assertFalse(listed(plots).stream().anyMatch(f -> f.contains(NOT_GIVEN)));
    }

    /** A folder of one's own keeps a figure of its own that the run does not give, and says nothing of it. */
    @Test
    void aFolderOfOnesOwnKeepsWhatItHolds() throws IOException {
        Path out = Files.createDirectories(dir.resolve("figures"));
        Files.writeString(out.resolve(NOT_GIVEN + ".png"), "mine");
        CliRunner.Result r = CliRunner.run("plot", run.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        assertEquals(out.toString(), r.lastLine());
        assertEquals("mine", Files.readString(out.resolve(NOT_GIVEN + ".png")));
        List<String> drawn = new ArrayList<>(listed(out));
        drawn.remove(out.resolve(NOT_GIVEN + ".png").toString());
        assertEquals(drawn, allButLast(r));
    }

    /**
     * A figure of a name plot draws, already in --out, is refused with the count of such files and the first,
     * exit 2, with nothing changed; one of another prefix's name is no such figure; --replace draws over it.
     */
    @Test
    void keepsAFigureAlreadyInOutUnlessTold() throws IOException {
        Path out = Files.createDirectories(dir.resolve("figures"));
        Files.writeString(out.resolve("comparison.svg"), "another run's");
        Map<String, byte[]> before = contents(out);
        CliRunner.Result r = CliRunner.run("plot", run.toString(), "--out", out.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertEquals("engram: error: " + out + ": --out: expected a folder without figures of the names plot draws,"
                + " found 1 of them, e.g. comparison.svg; give another --out, or add --replace to draw over them\n",
                r.err());
        assertEquals("", r.out());
        assertSameFiles(before, out);
        CliRunner.Result prefixed = CliRunner.run("plot", run.toString(), "--out", out.toString(), "--prefix", "a-");
        assertEquals(0, prefixed.exitCode(), prefixed.err());
        assertEquals("another run's", Files.readString(out.resolve("comparison.svg")));
        CliRunner.Result replaced = CliRunner.run("plot", run.toString(), "--out", out.toString(), "--replace");
        assertEquals(0, replaced.exitCode(), replaced.err());
        assertTrue(Files.readString(out.resolve("comparison.svg")).startsWith("<?xml"), "drawn over");
    }

    /**
     * Options that need a folder of one's own are refused without one, and a folder inside a finished run is no
     * such folder: exit 2, the message naming the option, and the run's files as they were.
     */
    @Test
    void refusesWhatNeedsAFolderOfItsOwnDrawingNothing() throws IOException {
        Map<String, byte[]> before = contents(run);
        assertRefused("engram plot: --prefix: expected --out with it (the run's own plot folders keep the figures'"
                + " names), found no --out", CliRunner.run("plot", run.toString(), "--prefix", "a-"));
        assertRefused("engram plot: --rows: expected --out with it (the run's own plot folders show every strategy"
                + " the run has), found no --out", CliRunner.run("plot", run.toString(), "--rows", "naive"));
        Path inside = run.resolve("plots");
        CliRunner.Result r = CliRunner.run("plot", run.toString(), "--out", inside.toString(), "--replace");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("engram: error: " + inside + ": --out: expected a folder for the figures"
                + " (created if absent), found a folder inside the finished run "), r.err());
        assertSameFiles(before, run);
    }
}
