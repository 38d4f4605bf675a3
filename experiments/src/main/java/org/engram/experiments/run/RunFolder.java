package org.engram.experiments.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import org.engram.simulator.IoReasons;
import org.engram.experiments.launch.LaunchCommand;
import org.engram.experiments.config.PlainName;
import org.engram.learning.io.AtomicFile;
import org.engram.simulator.EngramException;
import org.engram.simulator.ParameterException;

/**
 * The result folder of one run, {@code <results>/<experiment>/<run-id>/}, written so that it is
 * never seen half-finished.
 *
 * <p>While the run works, files go into {@code <results>/<experiment>/.<run-id>.partial/}; each file
 * is itself written to a temporary name and renamed, so a crash leaves either the old or the new
 * version of a file. {@link #commit()} renames the partial folder to its final name in one atomic
 * step. An existing final folder is never overwritten. A run that stops early (exception or killed
 * process) leaves only the partial folder, which {@link #resume} reopens (its checkpoints live there)
 * and {@link #discard()} deletes.
 *
 * <p>One run writes its folder from one thread; writing, {@link #commit} and {@link #discard} are
 * synchronized only so that a shutdown hook (of {@link #createNewDisposable}, a status written as a signal
 * stops a run) waits for a file being written and that nothing is written after a discard.
 */
public final class RunFolder {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** The lock file inside a partial folder that a process works on. */
    static final String LOCK = ".lock";
    /** How a partial folder's name ends: {@code .<run-id>.partial}. */
    private static final String PARTIAL_SUFFIX = ".partial";

    private final String runId;
    private final Path partial;
    private final Path target;
    private volatile boolean committed;
    /** Whether {@link #discard} has run: no file may be written after it (one would make the folder again). */
    private boolean discarded;
    /** The folder's lock while this process holds it. */
    private LockFiles.HeldLock lock;
    private Thread discardOnExit;
    /** Whether making the partial folder made the experiment's folder too, which discard then removes if empty. */
    private boolean madeExperimentFolder;
    /** Whether this run made the results root ({@code --out}), which a discarded run then leaves if it can. */
    private boolean madeResultsRoot;

    private RunFolder(String runId, Path partial, Path target) {
        this.runId = runId;
        this.partial = partial;
        this.target = target;
    }

    /**
     * A run id: the UTC time to the second and six hex digits of the SHA-256 of a fingerprint
     * (e.g. the resolved configuration), such as {@code 20261130T081500Z-3fa2c1}.
     *
     * @param now         the start time of the run
     * @param fingerprint text that identifies what is run, usually the resolved configuration
     * @return the id; sorts by time as text
     */
    public static String newRunId(Instant now, String fingerprint) {
        return STAMP.format(now) + "-" + fingerprintHash(fingerprint);
    }

    /**
     * When a run started, to the second, as its id says.
     *
     * @param runId a run id made by {@link #newRunId}
     * @return the instant of its time stamp
     */
    static Instant startOf(String runId) {
        return STAMP.parse(runId.substring(0, runId.indexOf('-')), Instant::from);
    }

    /**
     * Whether a run id was made from a fingerprint (as {@link #newRunId} makes it, with or without
     * a {@code -2}, {@code -3}, ... suffix).
     *
     * @param runId       the run id
     * @param fingerprint the fingerprint, e.g. the resolved configuration
     * @return whether the id carries the fingerprint's hash
     */
    public static boolean carries(String runId, String fingerprint) {
        return runId.matches(runIdForm(fingerprintHash(fingerprint)));
    }

    /**
     * Whether a text has the form of a run id that {@link #newRunId} makes (with a {@code -<n>}
     * suffix where one second held several runs), whatever the fingerprint it carries.
     *
     * @param runId the text, e.g. a run_id read from metrics.json
     * @return true for e.g. {@code 20261130T081500Z-3fa2c1} or {@code 20261130T081500Z-3fa2c1-2}
     */
    static boolean isRunId(String runId) {
        return runId.matches(runIdForm("[0-9a-f]{6}"));
    }

    /** The pattern of a run id whose hash matches {@code hash}: the start's time stamp, the hash, a suffix. */
    private static String runIdForm(String hash) {
        return "\\d{8}T\\d{6}Z-" + hash + "(-\\d+)?";
    }

    private static String fingerprintHash(String fingerprint) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(fingerprint.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 3);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    /**
     * Starts a new run folder under its temporary name.
     *
     * @param results    the results root, e.g. {@code results}
     * @param experiment experiment name: letters, digits, {@code . _ -}, not starting with {@code .}
     * @param runId      run id, same characters (see {@link #newRunId})
     * @return the open folder
     * @throws EngramException if the final or the partial folder already exists, or cannot be created
     */
    public static RunFolder create(Path results, String experiment, String runId) {
        RunFolder f = locate(results, experiment, runId);
        f.requireNoFinalFolder("choose another run id");
        if (!f.createPartial()) {
            throw new EngramException(f.partial.toString(), "run folder", "no unfinished run with this id",
                    "an existing partial folder", "resume that run, or delete the folder");
        }
        return f;
    }

    /**
     * Creates the partial folder; false if it exists (another run took the id), atomically.
     *
     * @throws IllegalStateException if a signal's {@link #discardOnExit} hook has already run
     */
    private synchronized boolean createPartial() {
        if (discarded) {
            throw new IllegalStateException("stopped before the run folder " + partial + " was made");
        }
        try {
            madeResultsRoot = !Files.isDirectory(partial.getParent().getParent());
            madeExperimentFolder = !Files.isDirectory(partial.getParent());
            createFolders(partial.getParent());
            Files.createDirectory(partial);
            // On the disk before its files are, so a crash leaves a partial folder to resume.
            if (madeExperimentFolder) {
                AtomicFile.forceFolder(partial.getParent().getParent());
            }
            AtomicFile.forceFolder(partial.getParent());
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw ioFailure("cannot create " + partial, e);
        }
    }

    /**
     * Creates a folder and its parents. A path on the way that exists as no folder (a file, or a
     * link to nothing) is refused by name: Java reports it as "already exists", which a caller that
     * takes that for a run id already taken would try again forever.
     */
    private static void createFolders(Path folder) throws IOException {
        try {
            Files.createDirectories(folder);
        } catch (FileAlreadyExistsException e) {
            Path blocking = Path.of(e.getFile());
            String found = Files.isSymbolicLink(blocking) ? "a link to " + Files.readSymbolicLink(blocking)
                    + ", which is no folder" : "a file";
            throw new EngramException(blocking.toString(), null, "a folder, or nothing (a folder is then made)",
                    found, "remove it, or give another --out");
        }
    }

    /**
     * Starts a run folder with a new id from the time and a fingerprint; when a run with that id
     * already exists (two runs of one config within a second), appends {@code -2}, {@code -3}, ...
     *
     * @param results     the results root
     * @param experiment  experiment name
     * @param now         the start time of the run
     * @param fingerprint text that identifies what is run
     * @return the open folder
     */
    public static RunFolder createNew(Path results, String experiment, Instant now, String fingerprint) {
        return createNew(results, experiment, now, fingerprint, false);
    }

    /**
     * Starts a run folder as {@link #createNew} does, for work that cannot be resumed: if the
     * process is stopped (SIGTERM, Ctrl-C) before {@link #commit} or {@link #discard}, the partial
     * folder is deleted, whenever the signal comes, since the deletion is arranged before the
     * folder is made.
     *
     * @param results     the results root
     * @param experiment  experiment name
     * @param now         the start time of the run
     * @param fingerprint text that identifies what is run
     * @return the open folder
     */
    public static RunFolder createNewDisposable(Path results, String experiment, Instant now, String fingerprint) {
        return createNew(results, experiment, now, fingerprint, true);
    }

    private static RunFolder createNew(Path results, String experiment, Instant now, String fingerprint,
            boolean disposable) {
        requireResultsRoot(results);
        String base = newRunId(now, fingerprint);
        for (int attempt = 1; ; attempt++) {
            String id = attempt == 1 ? base : base + "-" + attempt;
            RunFolder f = locate(results, experiment, id);
            if (disposable) {
                f.discardOnExit();
            }
            // Creating the folder claims the id: of runs started together, one wins each id. A run
            // of the id that finished (renamed its partial folder away) before the claim holds it
            // too, which is checked after the claim: checked before, it could finish in between.
            boolean made;
            try {
                made = f.createPartial();
                if (made && Files.exists(f.target)) {
                    f.discard();
                    made = false;
                }
            } catch (RuntimeException e) {
                f.cancelDiscardOnExit();
                throw e;
            }
            if (made) {
                return f;
            }
            f.cancelDiscardOnExit();
        }
    }

    /**
     * Refuses a results root that cannot hold results: a file, a path that passes through one, or
     * the folder of a finished run itself, which is never changed (results would nest inside it).
     */
    private static void requireResultsRoot(Path results) {
        requireOutsideFinishedRuns(results, "a folder for results (created if absent)",
                "give --out a folder outside it");
    }

    /**
     * Refuses an {@code --out} that no folder can be made at ({@link #requireFolderPath}), or that is
     * the folder of a finished run or lies inside one: a finished run is never changed.
     *
     * @param out      the folder given
     * @param expected what it is for, for the message, e.g. {@code "a folder for results (created if absent)"}
     * @param hint     what to do instead
     * @throws EngramException naming the option and the run
     */
    public static void requireOutsideFinishedRuns(Path out, String expected, String hint) {
        requireOutsideFinishedRuns(out, "--out", expected, hint);
    }

    /**
     * Refuses, as {@link #requireOutsideFinishedRuns(Path, String, String)} does, a folder given by
     * another option than {@code --out}.
     *
     * @param out      the folder given
     * @param option   the option that gave it, for the message, e.g. {@code --into}
     * @param expected what it is for, for the message
     * @param hint     what to do instead
     * @throws EngramException naming the option and the run
     */
    public static void requireOutsideFinishedRuns(Path out, String option, String expected, String hint) {
        requireFolderPath(out, option, expected);
        Path root = out.toAbsolutePath().normalize();
        for (Path p = root; p != null; p = p.getParent()) {
            String finished = finishedResultIn(p);
            if (finished != null) {
                throw new EngramException(out.toString(), option, expected, (p.equals(root) ? "the folder of"
                        : "a folder inside") + " the finished " + finished + " " + p + ", which is never changed",
                        hint);
            }
        }
    }

    /**
     * Refuses an {@code --out} that no folder can be made at: empty, a file, or a path through one.
     *
     * @param out      the folder given
     * @param option   the option that gave it, e.g. {@code --out}
     * @param expected what it is for, for the message, e.g. {@code "a folder for results (created if absent)"}
     * @throws EngramException naming the option and the file in the way
     */
    private static void requireFolderPath(Path out, String option, String expected) {
        if (out.toString().isEmpty()) {
            throw new EngramException(option, null, expected, "an empty path", null);
        }
        Path root = out.toAbsolutePath().normalize();
        for (Path p = root; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new EngramException(out.toString(), option, expected,
                        p.equals(root) ? "a file" : "a path through the file " + p, null);
            }
        }
    }

    /**
     * What finished result a folder holds: "run" when it holds what every finished run holds,
     * "simulation" when it holds what every finished {@code engram simulate} folder holds (a folder
     * of one's own rarely has all of either), else null.
     */
    private static String finishedResultIn(Path dir) {
        if (holdsAll(dir, "metrics.json", "config.yaml", "summary.md", "log.csv")) {
            return "run";
        }
        return holdsAll(dir, "summary.json", "config.yaml", "summary.md") ? "simulation" : null;
    }

    private static boolean holdsAll(Path dir, String... files) {
        for (String file : files) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reopens the partial folder of a run that stopped before {@link #commit()}.
     *
     * @param results    the results root
     * @param experiment experiment name
     * @param runId      run id of the stopped run
     * @return the open folder, with the files written so far
     * @throws EngramException if there is no partial folder or the run is already complete
     */
    public static RunFolder resume(Path results, String experiment, String runId) {
        RunFolder f = locate(results, experiment, runId);
        // Both exist only when the run's commit found the name taken: the partial folder holds its results.
        f.requireNoFinalFolder("another folder took the run's final name when it finished; its results are in "
                + f.partial + ": move the other folder away and resume again");
        if (!Files.isDirectory(f.partial)) {
            throw new EngramException(f.partial.toString(), "run folder", "the partial folder of a stopped run",
                    "none", null);
        }
        return f;
    }

    private static RunFolder locate(Path results, String experiment, String runId) {
        if (!PlainName.matches(experiment)) {
            throw new ParameterException("run folder", "experiment", PlainName.RULE, PlainName.shown(experiment));
        }
        if (!PlainName.matches(runId)) {
            throw new ParameterException("run folder", "run id", PlainName.RULE, PlainName.shown(runId));
        }
        Path dir = results.toAbsolutePath().normalize().resolve(experiment);
        return new RunFolder(runId, dir.resolve("." + runId + PARTIAL_SUFFIX), dir.resolve(runId));
    }

    /** Refuses to make or finish a run whose final folder exists; {@code hint} says what to do in that case. */
    private void requireNoFinalFolder(String hint) {
        if (Files.exists(target)) {
            throw new EngramException(target.toString(), "run folder", "a run id not used before",
                    "an existing folder, which is never overwritten", hint);
        }
    }

    /** {@return the run id} */
    public String runId() {
        return runId;
    }

    /** {@return where files are now: the partial folder before {@link #commit()}, the final one after} */
    public Path directory() {
        return committed ? target : partial;
    }

    /** {@return the folder's final name, which exists only after {@link #commit()}} */
    public Path finalDirectory() {
        return target;
    }

    /** {@return true once {@link #commit()} has succeeded} */
    public boolean isCommitted() {
        return committed;
    }

    /**
     * Writes a text file (UTF-8) atomically.
     *
     * @param relative path inside the run folder, e.g. {@code "metrics.json"} or {@code "plots/acc.png"}
     * @param text     the content
     * @return the file's path (in the partial folder)
     */
    public Path writeString(String relative, String text) {
        return write(relative, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Writes a binary file atomically.
     *
     * @param relative path inside the run folder
     * @param bytes    the content
     * @return the file's path (in the partial folder)
     */
    public Path writeBytes(String relative, byte[] bytes) {
        return write(relative, out -> out.write(bytes));
    }

    /**
     * Writes a file atomically from a writer; if the writer fails, no file (and no temporary file)
     * is left and an earlier version stays in place.
     *
     * @param relative path inside the run folder; parent folders are created
     * @param content  writes the bytes
     * @return the file's path (in the partial folder)
     */
    public synchronized Path write(String relative, AtomicFile.Content content) {
        if (committed) {
            throw new IllegalStateException("run folder " + target + " is complete; no more files may be written");
        }
        if (discarded) {
            // A signal's discardOnExit deleted the folder while this process went on working.
            throw new EngramException("the run folder " + partial + " was deleted (the run was abandoned, e.g. by"
                    + " a signal); nothing more is written", null);
        }
        Path file = partial.resolve(relative).normalize();
        if (!file.startsWith(partial) || file.equals(partial)) {
            throw new IllegalArgumentException("file " + relative + " lies outside the run folder");
        }
        makeFoldersInside(file.getParent());
        try {
            AtomicFile.write(file, content);
        } catch (EngramException e) {
            if (!Files.isDirectory(partial)) {
                throw new RunFolderGone(partial, e);
            }
            throw e;
        }
        return file;
    }

    /**
     * Makes the folders between the partial folder and a file's folder, never the partial folder
     * itself: one removed while the run works (by hand, a clean-up of the file system) would
     * otherwise come back holding only the files written after, and be finished as the run.
     *
     * @throws RunFolderGone if the partial folder is gone
     */
    private void makeFoldersInside(Path folder) {
        if (!Files.isDirectory(partial)) {
            throw new RunFolderGone(partial, null);
        }
        Path made = partial;
        for (Path name : partial.relativize(folder)) {
            made = made.resolve(name);
            if (Files.isDirectory(made)) {
                continue;
            }
            try {
                Files.createDirectory(made);
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(made)) {
                    throw ioFailure("cannot make the folder " + made + ", a file of that name is in the way", e);
                }
            } catch (NoSuchFileException e) {
                throw new RunFolderGone(partial, e);
            } catch (IOException e) {
                throw ioFailure("cannot make the folder of " + made, e);
            }
        }
    }

    /**
     * Writes any file atomically and durably ({@link AtomicFile}), replacing an earlier version.
     *
     * @param file    the file to write; parent folders are created
     * @param content writes the bytes
     * @throws EngramException if the file cannot be written; the temporary file is removed
     */
    public static void writeAtomically(Path file, AtomicFile.Content content) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw ioFailure("cannot make the folder of " + file, e);
        }
        AtomicFile.write(file, content);
    }

    /**
     * Takes the partial folder for this process with an operating-system lock on a file in it, so
     * that a second process (a resume started while the run goes on) is refused instead of
     * writing the same files. The lock ends with {@link #release}, {@link #commit}, {@link #discard}
     * or the process. Temporary files that a killed process left in the folder are deleted. On a
     * file system that does not lock files (NFS without its lock service, Lustre mounted without
     * {@code flock}) the folder is taken unlocked, with a warning on {@code err}: a second process
     * would then go undetected.
     *
     * @param err where the warning of a folder taken unlocked goes
     * @throws EngramException if another process (or another open folder here) holds the folder, or
     *                         the lock file cannot be made
     */
    public void lock(PrintWriter err) {
        try {
            boolean notHeldHere = LockFiles.use(partial.resolve(LOCK), true, false, channel -> {
                lockWith(channel, err);
                return true;
            });
            if (!notHeldHere) {
                throw heldElsewhere();
            }
        } catch (IOException e) {
            throw ioFailure("cannot make the lock file of " + partial, e);
        }
        removeTemporaries();
    }

    /** Takes the lock of the folder's open lock file, or, where the file system cannot lock, warns and goes on. */
    void lockWith(FileChannel channel, PrintWriter err) {
        LockFiles.HeldLock taken;
        try {
            taken = LockFiles.take(channel, partial.resolve(LOCK));
        } catch (IOException cannotLock) {
            if (!LockFiles.locksUnsupported(cannotLock)) {
                throw ioFailure("cannot lock " + partial, cannotLock);
            }
            // A run that the file system cannot lock is still a run to do.
            err.println("engram: warning: " + partial + ": the file system does not lock files ("
                    + IoReasons.of(cannotLock) + "), so a second engram process working on this folder would not be"
                    + " detected: run or resume each run in one process at a time");
            err.flush();
            return;
        }
        if (taken == null) {
            throw heldElsewhere();
        }
        lock = taken;
    }

    private EngramException heldElsewhere() {
        return new EngramException(partial.toString(), "run folder", "a run no other engram process is"
                + " working on", "a folder another process holds", "wait for that run to stop, or stop it");
    }

    /**
     * Deletes the temporary files in the folder, which only a process killed while it wrote a file
     * (kill -9, the out-of-memory killer, a machine that went down) leaves: with the lock held, no
     * other process writes here. A resume that kept them put them in the finished run.
     */
    private void removeTemporaries() {
        try (Stream<Path> walk = Files.walk(partial)) {
            for (Path p : (Iterable<Path>) walk.filter(AtomicFile::isTemporary)::iterator) {
                Files.delete(p);
            }
        } catch (IOException | UncheckedIOException e) {
            release();
            throw ioFailure("cannot remove the files half written by a killed process in " + partial,
                    e instanceof UncheckedIOException u ? u.getCause() : (IOException) e);
        }
    }

    /**
     * Gives up the lock of {@link #lock}, if held; the folder stays as it is. The lock file stays
     * too: deleting it would let two later processes lock two different files of one name.
     */
    public void release() {
        if (lock != null) {
            LockFiles.giveUp(lock);
            lock = null;
        }
    }

    /**
     * Deletes the partial folder if the process is stopped (SIGTERM, Ctrl-C) before {@link #commit}
     * or {@link #discard}: for work that cannot be resumed, whose partial folder would be litter.
     */
    private void discardOnExit() {
        discardOnExit = new Thread(() -> {
            if (!committed) {
                try {
                    // Neither commit nor discard came first: a stop from outside, as every failure
                    // inside discards the folder itself. Said only if there was a folder to remove.
                    boolean made = Files.exists(partial);
                    discard();
                    if (made) {
                        System.err.println("engram: stopped before the end; the unfinished folder " + partial
                                + " was removed (nothing of this run is kept, earlier results are)");
                    }
                } catch (RuntimeException committedOrUndeletable) {
                    // Committed meanwhile, or a file cannot be deleted: the JVM must go on exiting.
                }
            }
        }, "engram-discard-partial");
        Runtime.getRuntime().addShutdownHook(discardOnExit);
    }

    private void cancelDiscardOnExit() {
        Thread hook = discardOnExit;
        if (hook != null && hook != Thread.currentThread()) {
            discardOnExit = null;
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is exiting and the hook runs or has run.
            }
        }
    }

    /**
     * Moves the partial folder to its final name in one atomic rename; call once, when the run is
     * complete.
     *
     * @return the final folder
     * @throws EngramException if a folder of that name appeared meanwhile (it is left untouched)
     */
    public synchronized Path commit() {
        if (committed) {
            throw new IllegalStateException("run folder " + target + " is already committed");
        }
        // rename(2) would silently replace an empty directory, so check first: the id contains the
        // start second and a hash, and another process racing for the same name is not supported.
        requireNoFinalFolder("the results stay in " + partial + ": move the other folder away and finish with: "
                + LaunchCommand.resume(partial));
        try {
            // Moved with the lock held, so no --resume can take the folder as it goes.
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IllegalStateException("rename within one folder must be atomic: " + partial, e);
        } catch (NoSuchFileException e) {
            throw new RunFolderGone(partial, e);
        } catch (IOException e) {
            throw ioFailure("cannot move " + partial + " to " + target, e);
        }
        committed = true;
        release();
        cancelDiscardOnExit();
        // The lock file goes after the rename, not before: a lock is on the open file, not on its
        // name, so once the name was deleted a --resume started in that instant would make a new
        // file of that name, lock it, and take the folder as it is moved. A kill between the rename
        // and this deletion leaves the file in the finished folder, where no process locks it; the
        // next run or simulation of the experiment removes it (AbandonedSimulations).
        try {
            Files.deleteIfExists(target.resolve(LOCK));
        } catch (IOException e) {
            throw ioFailure("the run is complete in " + target + ", but its lock file remains", e);
        }
        AtomicFile.forceFolder(target.getParent());   // the rename, on the disk like the files
        return target;
    }

    /**
     * Discards the folder of a run that failed, keeping the failure the one reported: a failure to
     * delete is added to it as suppressed (it replaced the cause, e.g. the write that failed).
     *
     * @param failure what made the run fail
     * @param <E>     its type
     * @return the failure, to throw
     */
    public <E extends Throwable> E discardAfter(E failure) {
        try {
            discard();
        } catch (RuntimeException alsoFailed) {
            failure.addSuppressed(alsoFailed);
        }
        return failure;
    }

    /**
     * Deletes the partial folder and everything in it (for a run that is abandoned), and the
     * experiment's folder and the results root if this run made them and nothing else has been put
     * there since.
     *
     * @throws IllegalStateException if the folder was already committed
     */
    public synchronized void discard() {
        if (committed) {
            throw new IllegalStateException("run folder " + target + " is complete and is not deleted");
        }
        discarded = true;
        Path doomed = Files.exists(partial) ? movedAside() : null;
        release();
        cancelDiscardOnExit();
        if (doomed == null) {
            return;
        }
        try {
            deleteTree(doomed);
        } catch (IOException e) {
            throw ioFailure("cannot delete " + doomed, e);
        }
        if (madeExperimentFolder) {
            deleteIfStillEmpty(partial.getParent());
        }
        if (madeResultsRoot) {
            deleteIfStillEmpty(partial.getParent().getParent());
        }
    }

    /**
     * Moves the partial folder, with its lock still held, to a name no file of the run is written to: a
     * stop's hook runs beside the run's threads, and a file one of them made in the folder while it was
     * deleted had left the folder in place (the folder was not empty when its turn came). The new name is a
     * partial folder's, so a folder a failed deletion leaves is taken by the next simulation, and random, as
     * runs of one id discard theirs at once ({@link #createNew}) and a rename replaces an empty folder. Where
     * the move fails, the folder is deleted where it is.
     *
     * @return the folder to delete
     */
    private Path movedAside() {
        Path aside = partial.resolveSibling(partial.getFileName().toString().replace(PARTIAL_SUFFIX, "-discarded-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + PARTIAL_SUFFIX));
        try {
            return Files.move(partial, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            return partial;
        }
    }

    /**
     * Deletes a folder and everything in it, the deepest first.
     *
     * @param dir the folder
     * @throws IOException if a file or folder cannot be deleted (those before it are gone)
     */
    public static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    /** Deletes a folder this run made, unless something has been put there since (another run's results). */
    private static void deleteIfStillEmpty(Path folder) {
        try {
            Files.deleteIfExists(folder);
        } catch (DirectoryNotEmptyException otherRuns) {
            // Another run has written there meanwhile: the folder is its too.
        } catch (IOException e) {
            throw ioFailure("cannot delete the empty folder " + folder, e);
        }
    }

    /** Whether a process holds a run folder's lock, as far as a look at its lock file tells. */
    enum Holder {
        /** An engram process (or this one) holds the lock: the run is going on. */
        HELD,
        /** The lock file is there and no process holds it: whatever the status says, nothing runs. */
        FREE,
        /** No lock file (an older Engram's folder), or one that cannot be opened or locked. */
        UNKNOWN
    }

    /**
     * Looks whether a process holds a run folder's lock, taking and at once releasing it when free
     * (a resume started in that instant is refused as if the run went on, and can be started again).
     * The lock file is never created here: a reader leaves the folder as it found it. A folder this
     * process holds is held, and its lock file is not opened: closing it would drop the lock.
     *
     * @param folder a run folder, partial or not
     * @return who holds its lock
     */
    static Holder holder(Path folder) {
        try {
            return LockFiles.use(folder.resolve(LOCK), false, Holder.HELD, channel -> {
                FileLock free = LockFiles.tryLock(channel);
                if (free == null) {
                    return Holder.HELD;
                }
                free.release();
                return Holder.FREE;
            });
        } catch (IOException | UnsupportedOperationException cannotTell) {
            return Holder.UNKNOWN;
        }
    }

    private static EngramException ioFailure(String what, IOException e) {
        return new EngramException(what + ": " + IoReasons.of(e), e);
    }
}
