package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.engram.simulator.EngramException;
import org.engram.simulator.ParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {
    /** Where the warnings of tests that expect none go. */
    private static PrintWriter quiet() {
        return new PrintWriter(Writer.nullWriter());
    }

    @TempDir
    Path results;

    private List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void exceptionMidRunLeavesNoFolderUnderTheFinalName() throws IOException {
        RunFolder run = RunFolder.create(results, "pmnist", "run1");
        assertThrows(IllegalStateException.class, () -> {
            run.writeString("config.yaml", "seed: 1\n");
            run.writeString("log.csv", "epoch,loss\n");
            throw new IllegalStateException("training diverged");
        });
        assertFalse(Files.exists(results.resolve("pmnist/run1")));
        assertEquals(List.of(".run1.partial"), listing(results.resolve("pmnist")));
        // resume finds the files written so far and completes the run
        RunFolder resumed = RunFolder.resume(results, "pmnist", "run1");
        resumed.writeString("metrics.json", "{}");
        Path done = resumed.commit();
        assertEquals(results.resolve("pmnist/run1"), done);
        assertEquals(List.of("config.yaml", "log.csv", "metrics.json"), listing(done));
        assertEquals(List.of("run1"), listing(results.resolve("pmnist")));
        assertEquals("seed: 1\n", Files.readString(done.resolve("config.yaml")));
    }

    @Test
    void failingWriterLeavesNeitherFileNorTemporaryAndKeepsOldVersion() throws IOException {
        RunFolder run = RunFolder.create(results, "e", "r");
        run.writeString("plots/a.txt", "old");
        assertThrows(EngramException.class, () -> run.write("plots/a.txt", out -> {
            out.write("half of the new".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertThrows(EngramException.class, () -> run.write("plots/b.txt", out -> {
            out.write(1);
            throw new IOException("disk full");
        }));
        assertEquals(List.of("a.txt"), listing(run.directory().resolve("plots")));
        assertEquals("old", Files.readString(run.directory().resolve("plots/a.txt")));
    }

    /**
     * An experiment folder that is a link to nothing, or a file, is refused by name. Java reports
     * such a path as "already exists", which was taken for a run id already taken: the run tried
     * ids -2, -3, ... for ever. (Hang guard: the old failure never returned.)
     */
    @Test
    void anExperimentFolderThatIsADanglingLinkOrAFileIsRefused() throws IOException {
        Files.createDirectories(results);
        Files.createSymbolicLink(results.resolve("dangling"), results.resolve("nowhere"));
        Files.writeString(results.resolve("plain"), "x");
        for (String experiment : List.of("dangling", "plain")) {
            EngramException error = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> assertThrows(
                    EngramException.class, () -> RunFolder.createNew(results, experiment, Instant.EPOCH, "f")));
            assertTrue(error.getMessage().contains(results.resolve(experiment).toString())
                    && error.getMessage().contains("expected a folder, or nothing")
                    && error.getMessage().contains(experiment.equals("plain") ? "found a file"
                            : "found a link to " + results.resolve("nowhere") + ", which is no folder"),
                    error.getMessage());
        }
    }

    /**
     * The failure that made a run fail stays the one reported when deleting its folder fails too
     * (here refused because the folder was committed, which stands in for a file that cannot be
     * deleted; the two take the same path).
     */
    @Test
    void discardingAfterAFailureKeepsTheFailureAndAddsTheDeletionsOwn() {
        RunFolder run = RunFolder.create(results, "e", "r");
        run.writeString("a.txt", "x");
        Path committed = run.commit();
        IllegalStateException cause = new IllegalStateException("the write that failed");
        IllegalStateException reported = run.discardAfter(cause);   // discarding a committed folder throws
        assertSame(cause, reported);
        assertEquals(1, reported.getSuppressed().length);
        assertTrue(Files.isDirectory(committed), "the committed folder is kept");
    }

    @Test
    void neverOverwritesAnExistingFolder() throws IOException {
        RunFolder first = RunFolder.create(results, "e", "r");
        first.writeBytes("x.bin", new byte[] {1, 2, 3});
        first.commit();
        EngramException again = assertThrows(EngramException.class, () -> RunFolder.create(results, "e", "r"));
        assertTrue(again.getMessage().contains("never overwritten"), again.getMessage());
        // A folder that appears under the final name while the run works stays untouched.
        RunFolder second = RunFolder.create(results, "e", "s");
        Files.createDirectories(results.resolve("e/s"));
        EngramException appeared = assertThrows(EngramException.class, second::commit);
        assertTrue(appeared.getMessage().contains("the results stay in " + results.toAbsolutePath().normalize()
                .resolve("e/.s.partial") + ": move the other folder away and finish with: "), appeared.getMessage());
        assertTrue(Files.isDirectory(results.resolve("e/.s.partial")));
        // Resumed so, the name is still taken: the partial folder holds the results, not a new id to choose.
        EngramException resumed = assertThrows(EngramException.class, () -> RunFolder.resume(results, "e", "s"));
        assertTrue(resumed.getMessage().contains("another folder took the run's final name when it finished; its "
                + "results are in ") && !resumed.getMessage().contains("choose another run id")
                && !resumed.getMessage().contains("delete"), resumed.getMessage());
        assertEquals(List.of(), listing(results.resolve("e/s")));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(results.resolve("e/r/x.bin")));
        // and a second partial with the same id is refused too
        assertThrows(EngramException.class, () -> RunFolder.create(results, "e", "s"));
    }

    @Test
    void discardRemovesThePartialFolder() throws IOException {
        RunFolder run = RunFolder.create(results, "e", "r");
        run.writeString("checkpoints/task0.bin", "x");
        run.discard();
        assertFalse(Files.exists(results.resolve("e")), "the experiment folder this run made is removed");
    }

    /**
     * A run that made its results root ({@code --out}) and failed leaves no empty folder behind (one
     * that ran out of memory did); a root that holds something else since, or that was there before,
     * stays.
     */
    @Test
    void discardRemovesAResultsRootItMadeIfStillEmpty() throws IOException {
        Path root = results.resolve("new-root");
        RunFolder.create(root, "e", "r").discard();
        assertFalse(Files.exists(root), "the results root this run made is removed");
        RunFolder run = RunFolder.create(root, "e", "r");
        Files.writeString(root.resolve("notes.txt"), "mine");
        run.discard();
        assertEquals(List.of("notes.txt"), listing(root));
        RunFolder.create(root, "e", "r").discard();
        assertEquals(List.of("notes.txt"), listing(root));
    }

    /**
     * A simulation stopped by a signal as it wrote its files used to leave a partial folder (1 of
     * about 40 SIGTERMs then): the shutdown hook's discard deleted the folder, and the next file
     * written made it again (plots/.raster_exc.svg.tmp). A discarded folder takes no more files.
     */
    @Test
    void aDiscardedFolderTakesNoMoreFiles() throws IOException {
        RunFolder run = RunFolder.create(results, "e", "r");
        run.writeString("spikes.csv", "time_ms,neuron\n");
        run.discard();
        assertThrows(EngramException.class, () -> run.writeString("plots/raster.svg", "<svg/>"));
        assertFalse(Files.exists(results.resolve("e")), "nothing is made again");
    }

    /** A discard from another thread (a shutdown hook) waits for the file being written, then deletes it. */
    @Test
    void discardWaitsForTheFileBeingWritten() throws Exception {
        RunFolder run = RunFolder.create(results, "e", "r");
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Path> written = pool.submit(() -> run.write("big.csv", out -> {
                writing.countDown();
                try {
                    finish.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                out.write('x');
            }));
            writing.await();
            Thread discard = new Thread(run::discard);
            discard.start();
            // Blocked on the folder while the file is written (without the wait it ends at once).
            while (discard.getState() != Thread.State.BLOCKED && discard.getState() != Thread.State.TERMINATED) {
                Thread.onSpinWait();
            }
            finish.countDown();
            discard.join();
            written.get();   // the write completed: had the discard deleted its folder, it would fail
            assertFalse(Files.exists(results.resolve("e")), "deleted after the file was written");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void discardKeepsAnExperimentFolderItDidNotMakeOrThatHoldsOtherRuns() throws IOException {
        RunFolder.create(results, "e", "done").commit();
        RunFolder run = RunFolder.create(results, "e", "r");
        run.discard();
        assertEquals(List.of("done"), listing(results.resolve("e")));

        RunFolder first = RunFolder.create(results, "f", "r");
        RunFolder second = RunFolder.create(results, "f", "s");
        first.discard();
        assertEquals(List.of(".s.partial"), listing(results.resolve("f")));
        second.discard();
        assertTrue(Files.isDirectory(results.resolve("f")), "kept: 'f' existed when the second run started");
    }

    @Test
    void rejectsNamesAndPathsThatLeaveTheResultsTree() {
        assertThrows(ParameterException.class, () -> RunFolder.create(results, "../x", "r"));
        assertThrows(ParameterException.class, () -> RunFolder.create(results, "e", ".hidden"));
        RunFolder run = RunFolder.create(results, "e", "r");
        assertThrows(IllegalArgumentException.class, () -> run.writeString("../escape.txt", "x"));
        run.commit();
        assertThrows(IllegalStateException.class, () -> run.writeString("late.txt", "x"));
    }

    @Test
    void acceptsResultsRootGivenWithDotDotSegments() throws IOException {
        Path unnormalised = results.resolve("a/../b");
        Files.createDirectories(results.resolve("a"));
        RunFolder run = RunFolder.create(unnormalised, "e", "r");
        run.writeString("plots/x.txt", "x");
        assertEquals(results.resolve("b/e/r"), run.commit());
        assertEquals("x", Files.readString(results.resolve("b/e/r/plots/x.txt")));
    }

    @Test
    void runIdIsUtcTimeAndConfigHash() {
        Instant t = Instant.parse("2026-11-30T08:15:00Z");
        String id = RunFolder.newRunId(t, "seed: 1\n");
        assertTrue(id.matches("20261130T081500Z-[0-9a-f]{6}"), id);
        assertEquals(id, RunFolder.newRunId(t, "seed: 1\n"));
        assertNotEquals(id, RunFolder.newRunId(t, "seed: 2\n"));
        // SHA-256("") starts with e3b0c4 (FIPS 180-4 test vector).
        assertEquals("20261130T081500Z-e3b0c4", RunFolder.newRunId(t, ""));
    }

    /** A run id tells when its run started, to the second, and which fingerprint it was made from. */
    @Test
    void aRunIdCarriesItsStartAndItsFingerprint() {
        Instant t = Instant.parse("2026-11-30T08:15:00.750Z");
        String id = RunFolder.newRunId(t, "seed: 1\n");
        assertEquals(Instant.parse("2026-11-30T08:15:00Z"), RunFolder.startOf(id));
        assertTrue(RunFolder.carries(id, "seed: 1\n"));
        assertTrue(RunFolder.carries(id + "-2", "seed: 1\n"), "the id of the second run of the second");
        assertFalse(RunFolder.carries(id, "seed: 2\n"));
        assertFalse(RunFolder.carries(id + "-x", "seed: 1\n"));
    }

    /** A results root that cannot hold results is refused by name, before any folder is made. */
    @Test
    void aResultsRootThatIsAFileOrInsideAFinishedRunIsRefused() throws IOException {
        Instant now = Instant.parse("2026-11-30T08:15:00Z");
        Path file = Files.writeString(results.resolve("a-file"), "");
        EngramException e = assertThrows(EngramException.class, () -> RunFolder.createNew(file, "exp", now, "c"));
        assertEquals(file + ": --out: expected a folder for results (created if absent), found a file", e.getMessage());
        e = assertThrows(EngramException.class, () -> RunFolder.createNew(file.resolve("sub"), "exp", now, "c"));
        assertEquals("a path through the file " + file.toAbsolutePath(), e.found());
        Path finished = Files.createDirectories(results.resolve("exp/run"));
        Files.writeString(finished.resolve("metrics.json"), "{}");
        Files.writeString(finished.resolve("config.yaml"), "name: exp\n");
        Files.writeString(finished.resolve("summary.md"), "# exp\n");
        // A project folder holding some of a run's files is a place for results like any.
        RunFolder below = RunFolder.createNew(finished.resolve("results"), "x", now, "c");
        below.discard();
        Files.writeString(finished.resolve("log.csv"), "strategy\n");
        e = assertThrows(EngramException.class, () -> RunFolder.createNew(finished, "x", now, "c"));
        assertEquals("the folder of the finished run " + finished.toAbsolutePath() + ", which is never changed",
                e.found());
        e = assertThrows(EngramException.class, () -> RunFolder.createNew(finished.resolve("plots"), "x", now, "c"));
        assertEquals("a folder inside the finished run " + finished.toAbsolutePath() + ", which is never changed",
                e.found());
        assertFalse(Files.exists(finished.resolve("x")) || Files.exists(finished.resolve("plots/x")),
                "nothing made inside it");
        e = assertThrows(EngramException.class, () -> RunFolder.createNew(Path.of(""), "exp", now, "c"));
        assertEquals("an empty path", e.found());
    }

    /** A finished simulation's folder is never changed either: results went into it, exit 0. */
    @Test
    void aFinishedSimulationIsNoPlaceForResults(@TempDir Path results) throws IOException {
        Instant now = Instant.parse("2026-11-30T08:15:00Z");
        Path finished = Files.createDirectories(results.resolve("net/sim"));
        Files.writeString(finished.resolve("config.yaml"), "name: net\n");
        Files.writeString(finished.resolve("summary.md"), "# net\n");
        RunFolder.createNew(finished, "x", now, "c").discard();   // not yet: summary.json is missing
        Files.writeString(finished.resolve("summary.json"), "{}");
        EngramException e = assertThrows(EngramException.class, () -> RunFolder.createNew(finished, "x", now, "c"));
        assertEquals("the folder of the finished simulation " + finished.toAbsolutePath() + ", which is never"
                + " changed", e.found());
        e = assertThrows(EngramException.class, () -> RunFolder.requireOutsideFinishedRuns(finished.resolve("plots"),
                "a folder for the figures", null));
        assertEquals("a folder inside the finished simulation " + finished.toAbsolutePath() + ", which is never"
                + " changed", e.found());
    }

    @Test
    void twoRunsOfOneConfigInOneSecondGetDistinctFolders() {
        Instant now = Instant.parse("2026-11-30T08:15:00Z");
        RunFolder first = RunFolder.createNew(results, "exp", now, "config");
        first.commit();
        RunFolder second = RunFolder.createNew(results, "exp", now, "config");
        assertEquals(first.runId() + "-2", second.runId());
        assertNotEquals(first.finalDirectory(), second.finalDirectory());
    }

    /**
     * The claim of an id whose run has finished is given back: its partial folder, made before the finished
     * folder was seen, is deleted, so the experiment's folder holds the finished run and the new run's alone.
     */
    @Test
    void aClaimOfAFinishedRunsIdLeavesNoFolder() throws IOException {
        Instant now = Instant.parse("2026-11-30T08:15:00Z");
        String finished = RunFolder.newRunId(now, "config");
        Files.createDirectories(results.resolve("exp").resolve(finished));
        RunFolder second = RunFolder.createNew(results, "exp", now, "config");
        assertEquals(List.of("." + finished + "-2.partial", finished), listing(results.resolve("exp")));
        assertFalse(second.isCommitted());
        second.commit();
        assertTrue(second.isCommitted());
        assertEquals(List.of(finished, finished + "-2"), listing(results.resolve("exp")));
    }

    /** A file written is where the returned path says, inside the partial folder, with what was written. */
    @Test
    void aWrittenFileIsWhereItsPathSays() throws IOException {
        RunFolder run = RunFolder.create(results, "exp", "run-1");
        Path text = run.writeString("plots/a.txt", "a");
        Path bytes = run.writeBytes("b.bin", new byte[] {1, 2});
        assertEquals(run.directory().resolve("plots/a.txt"), text);
        assertEquals("a", Files.readString(text));
        assertEquals(run.directory().resolve("b.bin"), bytes);
        assertArrayEquals(new byte[] {1, 2}, Files.readAllBytes(bytes));
    }

    /** Runs started together each claim their own id: creating the folder is the claim. */
    @Test
    void runsStartedTogetherGetDistinctFolders() throws Exception {
        Instant now = Instant.parse("2026-11-30T08:15:00Z");
        int runs = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(runs);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<String>> ids = new java.util.ArrayList<>();
        for (int k = 0; k < runs; k++) {
            ids.add(pool.submit(() -> {
                start.await();
                return RunFolder.createNew(results, "exp", now, "config").runId();
            }));
        }
        start.countDown();
        java.util.Set<String> distinct = new java.util.HashSet<>();
        for (java.util.concurrent.Future<String> id : ids) {
            distinct.add(id.get());
        }
        pool.shutdown();
        assertEquals(runs, distinct.size(), distinct.toString());
    }

    /**
     * Runs of one config that start and finish within one second: a run that finished between
     * another's check for its id's final folder and that run's claim of the id left the later run
     * a folder it could not commit. Every run must commit, each into a folder of its own.
     */
    @Test
    void runsFinishingAsOthersStartAllCommit() throws Exception {
        Instant now = Instant.parse("2026-11-30T08:15:00Z");
        int threads = 4;
        int runsEach = 15;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        List<java.util.concurrent.Future<List<Path>>> done = new java.util.ArrayList<>();
        for (int k = 0; k < threads; k++) {
            done.add(pool.submit(() -> {
                List<Path> folders = new java.util.ArrayList<>();
                for (int r = 0; r < runsEach; r++) {
                    folders.add(RunFolder.createNew(results, "exp", now, "config").commit());
                }
                return folders;
            }));
        }
        java.util.Set<Path> distinct = new java.util.HashSet<>();
        for (java.util.concurrent.Future<List<Path>> folders : done) {
            distinct.addAll(folders.get());
        }
        pool.shutdown();
        assertEquals(threads * runsEach, distinct.size());
    }

    /**
     * Two threads writing one file (a plot redrawn by {@code engram plot} while another draws it):
     * with one temporary name per file, one write truncated the other's temporary file or moved it
     * away before the other's move. Every write must succeed and leave a whole file.
     */
    @Test
    void concurrentWritesOfOneFileAllSucceed() throws Exception {
        Path file = results.resolve("plots").resolve("accuracy.png");
        byte[] content = new byte[1 << 20];
        java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
        Runnable writes = () -> {
            for (int i = 0; i < 100; i++) {
                try {
                    RunFolder.writeAtomically(file, out -> out.write(content));
                } catch (EngramException e) {
                    failures.incrementAndGet();
                }
            }
        };
        Thread a = new Thread(writes);
        Thread b = new Thread(writes);
        a.start();
        b.start();
        a.join();
        b.join();
        assertEquals(0, failures.get(), "failed writes");
        assertEquals(content.length, Files.size(file));
        assertEquals(List.of("accuracy.png"), listing(file.getParent()));
    }

    /** One process (here: one open folder) works on a partial folder at a time; releasing frees it. */
    @Test
    void aLockedPartialFolderIsRefusedToASecondUser() throws IOException {
        RunFolder first = RunFolder.create(results, "exp", "run-1");
        first.lock(quiet());
        RunFolder second = RunFolder.resume(results, "exp", "run-1");
        EngramException e = assertThrows(EngramException.class, () -> second.lock(quiet()));
        assertTrue(e.getMessage().contains("another process holds"), e.getMessage());
        first.release();
        second.lock(quiet());
        second.writeString("a.txt", "a");
        Path done = second.commit();
        assertEquals(List.of("a.txt"), listing(done), "the lock file does not reach the final folder");
    }

    /**
     * A file system that does not lock files (NFS without its lock service, Lustre mounted without
     * flock) gives the folder unlocked, with a warning: it refused every run and simulation with
     * "cannot lock". The warning is flushed at once (the writer here buffers, as standard error does): a
     * run stopped by a signal may print nothing more.
     */
    @Test
    void aFileSystemThatCannotLockGivesTheFolderWithAWarning() throws IOException {
        RunFolder run = RunFolder.create(results, "exp", "run-1");
        StringWriter warnings = new StringWriter();
        try (FileChannel channel = new LocklessChannel(lockFile(run), "No locks available")) {
            run.lockWith(channel, new PrintWriter(new BufferedWriter(warnings)));
        }
        assertEquals("engram: warning: " + run.directory() + ": the file system does not lock files (no locks"
                + " available), so a second engram process working on this folder would not be detected: run or resume"
                + " each run in one process at a time", warnings.toString().strip());
        run.writeString("a.txt", "a");
        assertEquals(List.of("a.txt"), listing(run.commit()));
    }

    /** A lock that fails for a fault of the moment, not for want of locks, fails the run as it did. */
    @Test
    void aLockThatFailsForAnotherReasonFailsTheRun() throws IOException {
        RunFolder run = RunFolder.create(results, "exp", "run-1");
        StringWriter warnings = new StringWriter();
        try (FileChannel channel = new LocklessChannel(lockFile(run), "Input/output error")) {
            EngramException e = assertThrows(EngramException.class, () -> run.lockWith(channel,
                    new PrintWriter(warnings)));
            assertEquals("cannot lock " + run.directory() + ": input/output error", e.getMessage());
        }
        assertEquals("", warnings.toString());
    }

    private static FileChannel lockFile(RunFolder run) throws IOException {
        return FileChannel.open(run.directory().resolve(RunFolder.LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
    }

    /** A file channel whose locks fail with an error of the C library's text, as NFS without its lock service's. */
    private static final class LocklessChannel extends FileChannel {
        private final FileChannel file;
        private final String error;

        LocklessChannel(FileChannel file, String error) {
            this.file = file;
            this.error = error;
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            throw new IOException(error);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            throw new IOException(error);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return file.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return file.read(dsts, offset, length);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return file.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            return file.write(srcs, offset, length);
        }

        @Override
        public long position() throws IOException {
            return file.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            file.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            file.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            file.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return file.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            return file.transferFrom(src, position, count);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return file.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            return file.write(src, position);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return file.map(mode, position, size);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            file.close();
        }
    }

    /**
     * A partial folder removed while its run works (by hand, a clean-up of a scratch file system) is
     * not made anew: the run had recreated it with only the files written after, and finished it as
     * a run without config or metrics, exit code 0.
     */
    @Test
    void aFolderRemovedWhileTheRunWorksIsReportedNotMadeAgain() throws IOException {
        RunFolder run = RunFolder.create(results, "exp", "run-1");
        run.lock(quiet());
        run.writeString("config.yaml", "seed: 1\n");
        run.writeString("checkpoints/naive/seed-1/progress.json", "{}");
        deleteTree(run.directory());
        for (String file : List.of("status.json", "plots/forgetting.png", "checkpoints/naive/seed-1/progress.json")) {
            EngramException e = assertThrows(RunFolderGone.class, () -> run.writeString(file, "x"));
            assertTrue(e.getMessage().startsWith(run.directory() + ": expected the folder this process writes its"
                    + " results into, found none: it was removed or renamed"), e.getMessage());
        }
        RunFolderGone gone = assertThrows(RunFolderGone.class, run::commit);
        assertTrue(gone.getCause() instanceof java.nio.file.NoSuchFileException, "the failed rename is kept");
        assertEquals(List.of(), listing(results.resolve("exp")), "neither the partial nor the final folder made");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    /**
     * A folder discarded while another thread of the run still makes files in it (a stop's hook runs beside
     * the run's threads) is gone afterwards, with the experiment's folder it made: deleted in place, a file
     * made after its listing had left it not empty when its turn came, and the folder stayed.
     */
    @Test
    void aFolderDiscardedWhileFilesAreMadeInItIsGone(@TempDir Path results) throws Exception {
        for (int round = 0; round < 20; round++) {
            RunFolder f = RunFolder.create(results, "e", "r" + round);
            Path partial = f.directory();
            CountDownLatch writing = new CountDownLatch(1);
            ExecutorService writer = Executors.newSingleThreadExecutor();
            Future<Integer> made = writer.submit(() -> {
                int n = 0;
                try {
                    for (; n < 100_000; n++) {
                        Files.writeString(partial.resolve("f" + n), "x");
                        writing.countDown();
                    }
                } catch (IOException goneAway) {
                    // The folder moved: later files have nowhere to go.
                }
                return n;
            });
            writing.await();
            f.discard();
            assertTrue(made.get() < 100_000, "the writer was stopped by the discard");
            writer.shutdown();
            assertFalse(Files.exists(partial), "round " + round);
            assertFalse(Files.exists(results.resolve("e")), "round " + round + ": the experiment's folder too");
        }
    }
}
