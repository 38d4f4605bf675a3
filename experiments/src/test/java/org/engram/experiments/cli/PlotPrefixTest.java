package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code engram plot --prefix} lets the figures of several runs share one {@code --out} folder. */
class PlotPrefixTest {
    private static final String REFERENCE = Path.of("..", "results", "reference", "quickstart").toString();

    @TempDir
    Path dir;

    /**
     * Two plots with two prefixes into one folder leave both sets, each file named as without a prefix but
     * for it, and captions.md with the entries of both; no figure without a prefix is drawn.
     */
    @Test
    void twoPrefixesShareOneFolder() throws IOException {
        Path plain = dir.resolve("plain");
        CliRunner.Result r = CliRunner.run("plot", REFERENCE, "--out", plain.toString(), "--width-in", "3.3");
        assertEquals(0, r.exitCode(), r.err());
        Path shared = dir.resolve("shared");
        for (String prefix : List.of("split-", "perm-")) {
            CliRunner.Result p = CliRunner.run("plot", REFERENCE, "--out", shared.toString(), "--width-in", "3.3",
                    "--prefix", prefix);
            assertEquals(0, p.exitCode(), p.err());
        }
        List<String> figures;
        try (Stream<Path> files = Files.list(plain)) {
            figures = files.map(f -> f.getFileName().toString()).filter(n -> !n.equals("captions.md")).toList();
        }
        assertFalse(figures.isEmpty());
        String captions = Files.readString(shared.resolve("captions.md"));
        for (String f : figures) {
            assertTrue(Files.isRegularFile(shared.resolve("split-" + f)), "split-" + f);
            assertTrue(Files.isRegularFile(shared.resolve("perm-" + f)), "perm-" + f);
            assertFalse(Files.exists(shared.resolve(f)), f);
            String base = f.substring(0, f.lastIndexOf('.'));
            assertTrue(captions.contains("`split-" + base + "`") && captions.contains("`perm-" + base + "`"), base);
        }
        try (Stream<Path> files = Files.list(shared)) {
            assertEquals(2 * figures.size() + 1, files.count(), "both sets and captions.md, nothing else");
        }
    }

    /**
     * A prefix without --out, or one that is no plain name (a path), is refused, exit 2. Without --out, on a copy
     * of the reference run, which a plot that went ahead would draw into.
     */
    @Test
    void refusesAPrefixWithoutOutOrThatIsAPath() throws IOException {
        Path copy = RunCopies.copy(Path.of(REFERENCE), dir.resolve("run"));
        CliRunner.Result noOut = CliRunner.run("plot", copy.toString(), "--prefix", "split-");
        assertEquals(2, noOut.exitCode(), noOut.err());
        assertTrue(noOut.err().contains("--prefix") && noOut.err().contains("no --out"), noOut.err());
        CliRunner.Result path = CliRunner.run("plot", REFERENCE, "--out", dir.toString(), "--prefix", "../x-");
        assertEquals(2, path.exitCode(), path.err());
        assertTrue(path.err().contains("'../x-'"), path.err());
    }
}
