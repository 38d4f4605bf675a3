package org.engram.experiments.cli;

import static org.engram.experiments.cli.CliRunner.assertRefused;
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
 * What {@code engram run} prints and refuses before any training, each in a second or less: the key
 * tables, the options that go together or not, {@code --print-config}, {@code --out} beside
 * {@code --resume}, and the run folder as the last line of a tiny run.
 */
class RunOptionsTest {
    /** A config of one strategy too small to learn anything, a second or so to run. */
    private static final String TINY = TinyRuns.ONE_SEED + "name: tiny\nstrategies:\n  - name: naive\n";

    @TempDir
    Path dir;

    /** --keys --markdown prints the key table that configs/README.md holds; --keys alone a table without pipes. */
    @Test
    void keysPrintTheTableOfEveryKey() throws IOException {
        CliRunner.Result markdown = CliRunner.run("run", "--keys", "--markdown");
        assertEquals(0, markdown.exitCode(), markdown.err());
        assertEquals("", markdown.err());
        assertTrue(markdown.out().startsWith("| key |"), markdown.out());
        assertTrue(Files.readString(Path.of("configs", "README.md")).contains(markdown.out()), markdown.out());
        CliRunner.Result plain = CliRunner.run("run", "--keys");
        assertEquals(0, plain.exitCode(), plain.err());
        assertTrue(plain.out().contains("training.epochs"), plain.out());
        assertFalse(plain.out().contains("| key |"), plain.out());
    }

    /** Options that go together are refused apart, each naming what was found beside it. */
    @Test
    void refusesKeysBesideOtherArgumentsAndMarkdownWithoutKeys() {
        assertRefused("engram run: --markdown: expected --keys beside it (it formats the key table), found no --keys",
                CliRunner.run("run", "--markdown", "x.yaml"));
        assertRefused("engram run: --keys: expected nothing beside it but --markdown (it prints every key and exits),"
                + " found x.yaml --jobs", CliRunner.run("run", "--keys", "x.yaml", "--markdown", "--jobs", "2"));
        assertRefused("engram run: --keys: expected nothing beside it but --markdown (it prints every key and exits),"
                + " found --set", CliRunner.run("run", "--keys", "--set", "training.epochs=2"));
    }

    /** The bounds of --jobs, checked before the config is looked for. */
    @Test
    void refusesJobsOutsideOneTo1024() {
        for (String jobs : List.of("0", "1025")) {
            assertRefused("engram run: --jobs: expected how many units (strategy and seed) train at once, 1 to 1024,"
                    + " found " + jobs, CliRunner.run("run", "--jobs", jobs));
        }
    }

    /** A run needs a config or a run to resume, and a resumed run keeps its config: no --seeds, no --set. */
    @Test
    void refusesNoConfigAndOverridesOfAResumedRun() {
        assertRefused("engram run: CONFIG.yaml: expected a config file, or --resume RUN_DIR, found neither; see engram"
                + " run --help", CliRunner.run("run"));
        String partial = dir.resolve(".x.partial").toString();
        assertRefused("engram run: --resume: expected no --set or --seeds (a resumed run keeps its config), found"
                + " --seeds", CliRunner.run("run", "--resume", partial, "--seeds", "1", "--set", "seeds=[2]"));
        assertRefused("engram run: --resume: expected no --set or --seeds (a resumed run keeps its config), found"
                + " --set training.epochs=2", CliRunner.run("run", "--resume", partial, "--set", "training.epochs=2",
                "--set", "seeds=[2]"));
        assertRefused("engram run: --print-config: expected a CONFIG.yaml to resolve, found none",
                CliRunner.run("run", "--resume", partial, "--print-config"));
    }

    /**
     * A resumed run finishes beside its partial folder: an --out elsewhere is refused naming the root it would
     * use; the same root (by another spelling) passes on to the partial folder's own checks, as does an --out
     * given with a partial folder that does not exist, whose own message is the one to see.
     */
    @Test
    void refusesAnOutOtherThanTheResumedRunsRoot() throws IOException {
        Path root = dir.resolve("results");
        Path partial = Files.createDirectories(root.resolve("tiny").resolve(".20261130T081500Z-3fa2c1.partial"));
        Path elsewhere = dir.resolve("elsewhere");
        assertRefused("engram run: --out: expected no --out with --resume, or the results root of the run being"
                + " resumed (" + root.toAbsolutePath() + "), found " + elsewhere + "; a resumed run finishes beside"
                + " its partial folder", CliRunner.run("run", "--resume", partial.toString(), "--out",
                elsewhere.toString()));
        CliRunner.Result same = CliRunner.run("run", "--resume", partial.toString(), "--out",
                root.resolve("tiny").resolve("..").toString());
        assertEquals(2, same.exitCode(), same.err());
        assertFalse(same.err().contains("--out"), same.err());
        Path link = Files.createSymbolicLink(dir.resolve("link"), root);
        CliRunner.Result linked = CliRunner.run("run", "--resume", partial.toString(), "--out", link.toString());
        assertEquals(same.err(), linked.err(), "a symbolic link to the root is the root");
        CliRunner.Result missing = CliRunner.run("run", "--resume", dir.resolve("gone").toString(), "--out",
                elsewhere.toString());
        assertEquals(2, missing.exitCode(), missing.err());
        assertFalse(missing.err().contains("--out"), missing.err());
        // A folder at the top of the file system has no results root above it to name.
        CliRunner.Result top = CliRunner.run("run", "--resume", "/tmp", "--out", elsewhere.toString());
        assertEquals(2, top.exitCode(), top.err());
        assertTrue(top.err().startsWith("engram: error: engram run: --out: expected no --out with --resume, or the"
                + " results root of the run being resumed, found " + elsewhere + ";"), top.err());
        assertFalse(Files.exists(elsewhere), "nothing written");
    }

    /** --print-config prints the resolved config, overrides applied, and writes nothing. */
    @Test
    void printConfigPrintsTheResolvedConfigAndWritesNothing() throws IOException {
        Path config = Files.writeString(dir.resolve("tiny.yaml"), TINY);
        Path out = dir.resolve("results");
        CliRunner.Result r = CliRunner.run("run", config.toString(), "--print-config", "--set", "training.epochs=3",
                "--seeds", "4,5", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("\nseeds:\n- 4\n- 5\n"), r.out());
        assertTrue(r.out().contains("\n  epochs: 3\n"), r.out());
        assertFalse(Files.exists(out), "nothing written");
    }

    /**
     * A run prints its summary and then, as the last line, the folder it wrote, which holds the files the
     * summary lists; standard output has nothing after it.
     */
    @Test
    void printsTheRunFolderLast() throws IOException {
        Path config = Files.writeString(dir.resolve("tiny.yaml"), TINY);
        Path out = dir.resolve("results");
        CliRunner.Result r = CliRunner.run("run", config.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        Path folder = Path.of(r.lastLine());
        assertEquals(out.resolve("tiny"), folder.getParent());
        assertTrue(r.out().endsWith("\n\n" + folder + "\n"), r.out());
        assertEquals(Files.readString(folder.resolve("summary.md")).strip(),
                r.out().substring(0, r.out().length() - folder.toString().length() - 2).strip());
        try (Stream<Path> runs = Files.list(folder.getParent())) {
            assertEquals(List.of(folder), runs.toList(), "one run folder, no partial one beside it");
        }
    }
}
