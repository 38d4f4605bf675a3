package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.engram.experiments.simulate.SimulationRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What killed processes leave in an experiment's folder, and what the next simulation or run of the
 * experiment does with it. Folder states are made as a kill at that moment leaves them.
 */
class AbandonedSimulationsTest {
    private static final String SIMULATION = "name: exp\npopulations: [{name: a, size: 1}]\n";
    private static final String RUN = "name: exp\nstrategies: [{name: naive}]\n";

    @TempDir
    Path results;

    /**
     * Partial folders of engram simulate made before simulations locked and marked their folders
     * (none of them has a lock file; one killed during the simulation has no config either) were
     * never removed. Now one that holds no run's config and in which nothing has changed for
     * QUIET is removed; a fresh one (maybe a process just starting), one whose lock a process
     * holds, and a stopped run's stay.
     */
    @Test
    void unmarkedPartialFoldersLongUnchangedAreRemovedAndOthersStay() throws IOException {
        Path exp = results.resolve("exp");
        Instant old = Instant.now().minus(AbandonedSimulations.QUIET).minusSeconds(3600);
        Path empty = folder(exp.resolve(".20261130T120000Z-aaaaaa.partial"), List.of(), old);
        Path simulation = folder(exp.resolve(".20261130T120001Z-aaaaaa.partial"),
                List.of("config.yaml", SIMULATION, "spikes_a.csv", "time_ms,neuron\n"), old);
        Path fresh = folder(exp.resolve(".20261130T120002Z-aaaaaa.partial"), List.of(), Instant.now());
        Path run = folder(exp.resolve(".20261130T120003Z-aaaaaa.partial"),
                List.of("config.yaml", RUN, "data.json", "{}"), old);
        Path held = folder(exp.resolve(".20261130T120004Z-aaaaaa.partial"), List.of(RunFolder.LOCK, ""), old);
        String err;
        try (FileChannel channel = FileChannel.open(held.resolve(RunFolder.LOCK), StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            err = remove();
        }
        assertFalse(Files.exists(empty), err);
        assertFalse(Files.exists(simulation), err);
        assertTrue(err.contains("engram: removed " + empty + ", a partial folder without a config"), err);
        assertTrue(err.contains("engram: removed " + simulation + ", the partial folder of an engram simulate"),
                err);
        assertEquals(2, err.lines().count(), err);
        assertTrue(Files.isDirectory(fresh) && Files.isRegularFile(run.resolve("data.json"))
                && Files.isRegularFile(held.resolve(RunFolder.LOCK)), err);
    }

    /** A file changed lately anywhere in an unmarked folder (a process writing there) keeps it. */
    @Test
    void anUnmarkedFolderWithARecentlyChangedFileStays() throws IOException {
        Instant old = Instant.now().minus(AbandonedSimulations.QUIET).minusSeconds(3600);
        Path partial = folder(results.resolve("exp").resolve(".20261130T120000Z-aaaaaa.partial"),
                List.of("plots/raster_a.png", "png"), old);
        Files.setLastModifiedTime(partial.resolve("plots/raster_a.png"), FileTime.from(Instant.now()));
        String err = remove();
        assertTrue(Files.isRegularFile(partial.resolve("plots/raster_a.png")), err);
        assertEquals("", err);
    }

    /**
     * A process killed between moving its folder into place and deleting the lock file left the
     * lock file in the finished folder for good; now the next simulation or run removes it, and
     * nothing else.
     */
    @Test
    void aFinishedFolderLosesTheLockFileAKillLeftInIt() throws IOException {
        Path finished = folder(results.resolve("exp").resolve("20261130T120000Z-aaaaaa"),
                List.of(RunFolder.LOCK, "", "summary.md", "# exp\n"), Instant.now());
        String err = remove();
        assertFalse(Files.exists(finished.resolve(RunFolder.LOCK)), err);
        assertEquals("# exp\n", Files.readString(finished.resolve("summary.md")));
        assertEquals("", err);
    }

    /**
     * A simulation's partial folder whose lock this process holds (as a live simulation's process would) stays,
     * without a word, although it is long unchanged; files beside the folders (not the folders of runs) are left
     * alone; a lock file in a finished folder that cannot be deleted is reported, naming it.
     */
    @Test
    void aHeldSimulationStaysAndWhatCannotBeRemovedIsSaid() throws IOException {
        Instant old = Instant.now().minus(AbandonedSimulations.QUIET).minusSeconds(3600);
        Path exp = results.resolve("exp");
        Path held = folder(exp.resolve(".20261130T120000Z-aaaaaa.partial"),
                List.of("config.yaml", SIMULATION, RunFolder.LOCK, ""), old);
        Path note = Files.writeString(exp.resolve("notes.txt"), "mine");
        Path stuck = folder(exp.resolve("20261130T120001Z-aaaaaa"),
                List.of(RunFolder.LOCK + "/inside", "x", "summary.md", "# exp\n"), Instant.now());
        String err;
        try (FileChannel channel = FileChannel.open(held.resolve(RunFolder.LOCK), StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            err = remove();
        }
        assertTrue(Files.isRegularFile(held.resolve("config.yaml")), err);
        assertEquals("mine", Files.readString(note));
        assertTrue(err.startsWith("engram: cannot remove the stale lock file " + stuck.resolve(RunFolder.LOCK)
                + ": ") && err.strip().endsWith("; delete it by hand"), err);
        assertEquals(1, err.lines().count(), err);
    }

    /**
     * A simulation's partial folder that this process holds through its run folder stays, and stays held for other
     * processes: the look at its lock does not open the lock file, whose closing would drop the lock.
     */
    @Test
    void aSimulationThisProcessHoldsStaysHeld() throws IOException, InterruptedException {
        RunFolder simulation = RunFolder.create(results, "exp", "20261130T120000Z-aaaaaa");
        simulation.lock(new PrintWriter(Writer.nullWriter()));
        Files.writeString(simulation.directory().resolve("config.yaml"), SIMULATION);
        String err = remove();
        assertTrue(Files.isRegularFile(simulation.directory().resolve("config.yaml")), err);
        assertEquals("", err);
        assertEquals(RunFolder.Holder.HELD, LockProbe.fromAnotherProcess(simulation.directory()));
        simulation.release();
        remove();
        assertFalse(Files.exists(simulation.directory()), "once let go, the folder is abandoned");
    }

    /**
     * A simulation's partial folder with a lock file that no process holds is removed at once, however
     * lately it changed: a live simulation holds its lock from before it writes its config.
     */
    @Test
    void anUnheldSimulationIsRemovedHoweverFresh() throws IOException {
        Path sim = folder(results.resolve("exp").resolve(".20261130T120000Z-aaaaaa.partial"),
                List.of("config.yaml", SIMULATION, RunFolder.LOCK, ""), Instant.now());
        Path unmarked = folder(results.resolve("exp").resolve(".20261130T120001Z-aaaaaa.partial"),
                List.of("config.yaml", SIMULATION), Instant.now());
        String err = remove();
        assertFalse(Files.exists(sim), err);
        assertTrue(Files.isDirectory(unmarked), "without a lock file, a fresh folder may be a process's starting");
        assertEquals("engram: removed " + sim + ", the partial folder of an engram simulate whose process is gone"
                + " (it cannot be resumed)", err.strip());
    }

    /**
     * A simulation removes the folder a killed simulation of its name left (its lock file held by no one) before
     * it makes its own, and says so; its own folder is then the only one.
     */
    @Test
    void aSimulationRemovesTheFolderOfAKilledOne() throws IOException {
        Path killed = folder(results.resolve("exp").resolve(".20261130T120000Z-aaaaaa.partial"),
                List.of("config.yaml", SIMULATION, RunFolder.LOCK, ""), Instant.now());
        StringWriter err = new StringWriter();
        SimulationRun.Result result = SimulationRun.execute(simulationConfig(1), results,
                SimulationRun.Overrides.NONE, List.of(), new PrintWriter(err));
        assertFalse(Files.exists(killed), err.toString());
        assertTrue(err.toString().contains("engram: removed " + killed + ", the partial folder of an engram simulate"
                + " whose process is gone"), err.toString());
        try (Stream<Path> left = Files.list(results.resolve("exp"))) {
            assertEquals(List.of(result.folder()), left.toList());
        }
    }

    /**
     * While a simulation runs, its partial folder holds its config and its lock, which the simulation holds: a
     * simulation or run of its name started then leaves it. Seen as the simulation notes a spike time past its end,
     * after the folder is made and before the loop.
     */
    @Test
    void aRunningSimulationHoldsItsMarkedFolder() throws IOException {
        List<RunFolder.Holder> seen = new ArrayList<>();
        List<Boolean> marked = new ArrayList<>();
        StringBuilder said = new StringBuilder();
        Writer lookingAtTheFolder = new Writer() {
            @Override
            public void write(char[] text, int offset, int length) throws IOException {
                said.append(text, offset, length);
                if (seen.isEmpty() && said.indexOf("lies after the end of the run") >= 0) {
                    try (Stream<Path> partial = Files.list(results.resolve("exp"))) {
                        Path running = partial.filter(f -> f.getFileName().toString().endsWith(".partial"))
                                .findFirst().orElseThrow();
                        seen.add(RunFolder.holder(running));
                        marked.add(Files.isRegularFile(running.resolve("config.yaml")));
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        SimulationRun.execute(simulationConfig(9), results, SimulationRun.Overrides.NONE,
                List.of(), new PrintWriter(lookingAtTheFolder));
        assertEquals(List.of(RunFolder.Holder.HELD), seen, said.toString());
        assertEquals(List.of(true), marked, said.toString());
    }

    /** {@return the config file, beside the folder exp, of a simulation exp of 4 ms: one source firing at a time} */
    private Path simulationConfig(double spikeMs) throws IOException {
        return Files.writeString(results.resolve("exp.yaml"), String.join("\n", "name: exp", "duration_ms: 4",
                "populations: [{name: a, size: 1, model: spike_times, params: {times_ms: [[" + spikeMs + "]]}}]", ""));
    }

    /** Quiet: nothing in the folder, the folder itself included, changed within QUIET. */
    @Test
    void quietMeansNothingChangedWithinTheQuietTime() throws IOException {
        Instant old = Instant.now().minus(AbandonedSimulations.QUIET).minusSeconds(60);
        Path folder = folder(results.resolve("f"), List.of("a/b.txt", "b"), old);
        assertTrue(AbandonedSimulations.isQuiet(folder));
        Files.setLastModifiedTime(folder, FileTime.from(Instant.now()));
        assertFalse(AbandonedSimulations.isQuiet(folder));
        assertFalse(AbandonedSimulations.isQuiet(results.resolve("missing")), "what cannot be read is not quiet");
    }

    /**
     * Removes what is abandoned, reporting through a buffer that passes on only what is flushed, as standard
     * error may: a line left in the buffer is lost when the process ends.
     */
    private String remove() {
        StringWriter shown = new StringWriter();
        AbandonedSimulations.remove(results, "exp", new PrintWriter(new BufferedWriter(shown), false));
        return shown.toString();
    }

    /**
     * Makes a folder with files and dates it and everything in it.
     *
     * @param files relative path and content, in pairs
     */
    private static Path folder(Path dir, List<String> files, Instant modified) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < files.size(); i += 2) {
            Path file = dir.resolve(files.get(i));
            Files.createDirectories(file.getParent());
            Files.writeString(file, files.get(i + 1));
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.setLastModifiedTime(p, FileTime.from(modified));
            }
        }
        return dir;
    }
}
