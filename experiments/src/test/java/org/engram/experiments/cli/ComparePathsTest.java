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

/**
 * The files {@code engram compare} writes go into a paper's sources, whose comments arXiv publishes: they
 * name the runs by their folders' names, never by a local path, which would show the author's home folder.
 */
class ComparePathsTest {
    @TempDir
    Path dir;

    @Test
    void noWrittenFileHoldsTheRunsLocalPaths() throws IOException {
        Path home = Files.createDirectories(dir.resolve("home").resolve("me"));
        Path a = TinyRuns.run(home, "paths-a", "name: paths-a\n" + TinyRuns.ONE_SEED + "strategies: [{name: naive}]\n");
        Path b = TinyRuns.run(home, "paths-b", "name: paths-b\n" + TinyRuns.ONE_SEED + "strategies: [{name: naive}, "
                + "{name: ewc}]\n");
        Path copy = Files.createDirectories(home.resolve("copies"));
        RunCopies.copy(b, copy.resolve("renamed"));
        CliRunner.Result r = CliRunner.run("compare", a.toString(), copy.resolve("renamed").toString(), "--into",
                dir.resolve("paper").resolve("tables").toString());
        assertEquals(0, r.exitCode(), r.err());
        Path folder = Path.of(r.lastLine());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).filter(f -> f.toString().matches(".*\\.(tex|md|csv|svg)"))
                    .toList();
        }
        assertTrue(files.size() >= 7, files.toString());
        for (Path f : files) {
            String text = Files.readString(f);
            assertFalse(text.contains(home.toString()) || text.contains(home.toRealPath().toString()), f + ":\n"
                    + text);
        }
        String tex = Files.readString(folder.resolve("comparison.tex"));
        // Each run by its experiment and id, and a folder renamed from its id by its name too.
        assertTrue(tex.contains("\n% - [A] paths-a " + a.getFileName() + " (2 tasks, "), tex);
        assertTrue(tex.contains("\n% - [B] paths-b " + b.getFileName() + " (folder renamed, 2 tasks, "), tex);
        assertTrue(r.out().contains("[B] paths-b " + b.getFileName() + " (folder renamed, "), r.out());
    }
}
