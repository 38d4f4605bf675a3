package org.engram.experiments.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.engram.experiments.config.ConfigLoader;
import org.engram.experiments.config.PlainName;
import org.engram.simulator.IoReasons;

/**
 * Removes what killed processes (SIGKILL, a machine that went down) left in an experiment's folder:
 * the partial folders of {@code engram simulate} and {@code engram compare} (neither can be resumed,
 * so such a folder would stay there forever) and the lock file of a run killed as it moved its
 * folder into place. The next simulation, comparison or new run of the experiment removes them,
 * saying so for folders; the partial folders of stopped runs stay for {@code engram run --resume}.
 *
 * <p>A partial folder is taken only when no process holds its lock, and when it is a simulation's
 * or holds no config at all (so no run could be resumed from it). A simulation writes its
 * {@code config.yaml} once it holds the lock, so a folder with both was made by a process that is
 * gone. A folder without both (made by an Engram that did not lock simulations, or by a process
 * killed as it started) is taken only once nothing in it has changed for {@link #QUIET}, as it may
 * be another process's that is just starting.
 */
public final class AbandonedSimulations {
    /**
     * How long nothing in an unmarked partial folder must have changed before it is removed: a live
     * process marks its folder within a few file system calls of making it, and the clock of a
     * network file system may differ from this machine's by minutes.
     */
    public static final Duration QUIET = Duration.ofMinutes(10);

    private AbandonedSimulations() {
    }

    /**
     * Removes every abandoned simulation folder of an experiment, printing one line for each, and
     * the lock file a killed run or simulation left in a finished folder.
     *
     * @param results    the results root
     * @param experiment the experiment name (a plain name: see {@link PlainName})
     * @param err        where each removal of a folder, or a failure to remove, is reported
     */
    public static void remove(Path results, String experiment, PrintWriter err) {
        if (!PlainName.matches(experiment)) {
            return;   // making the run's own folder reports the name
        }
        Path dir = results.toAbsolutePath().normalize().resolve(experiment);
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> folders;
        try (Stream<Path> s = Files.list(dir)) {
            folders = s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            return;   // an unreadable folder: the run about to be made there reports it
        }
        for (Path folder : folders) {
            if (!Runner.PARTIAL.matcher(folder.getFileName().toString()).matches()) {
                removeStaleLock(folder, err);
                continue;
            }
            String what = abandoned(folder);
            if (what == null) {
                continue;
            }
            try {
                switch (removeUnlocked(folder)) {
                    case REMOVED -> err.println("engram: removed " + folder + ", " + what + " (it cannot be resumed)");
                    case CANNOT_TELL -> err.println("engram: left " + folder + ": its file system does not lock"
                            + " files, so whether the engram process that made it still works in it cannot be told;"
                            + " delete it by hand once none does");
                    case KEPT -> { }
                }
            } catch (IOException e) {
                err.println("engram: cannot remove " + folder + ", " + what + ": " + IoReasons.of(e)
                        + "; delete it by hand");
            }
            err.flush();
        }
    }

    /**
     * Removes the lock file from a finished folder: a process killed between moving its folder into
     * place and deleting the lock file (see {@link RunFolder#commit}) leaves it there. No process
     * locks a finished folder, so the file is always stale.
     */
    private static void removeStaleLock(Path finished, PrintWriter err) {
        try {
            Files.deleteIfExists(finished.resolve(RunFolder.LOCK));
        } catch (IOException e) {
            err.println("engram: cannot remove the stale lock file " + finished.resolve(RunFolder.LOCK) + ": "
                    + IoReasons.of(e) + "; delete it by hand");
            err.flush();
        }
    }

    /**
     * What a partial folder is, if it may be an abandoned simulation's: one with a simulation's
     * config and a lock file (its lock tells whether its process lives), or one without a run's
     * config that lacks the lock file or any config, which {@linkplain #isQuiet is quiet}.
     *
     * @return how to name the folder in a message, or null if it is kept
     */
    private static String abandoned(Path partial) {
        Path config = partial.resolve("config.yaml");
        boolean simulation = isSimulation(config);
        if (!simulation && Files.exists(config)) {
            return null;   // a run's, which --resume continues (or says why it cannot)
        }
        String what = simulation ? "the partial folder of an engram simulate whose process is gone"
                : "a partial folder without a config, left by a killed engram compare, a killed engram simulate of"
                        + " an older Engram, or a process killed as it started";
        if (simulation && Files.exists(partial.resolve(RunFolder.LOCK))) {
            return what;
        }
        return isQuiet(partial) ? what : null;
    }

    /**
     * Whether neither a folder nor anything in it has been modified for {@link #QUIET}: then no
     * process works in it, on this machine or another that shares the folder.
     *
     * @param folder a folder
     * @return false if something changed within that time, or if that cannot be told
     */
    public static boolean isQuiet(Path folder) {
        Instant since = Instant.now().minus(QUIET);
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.getLastModifiedTime(p).toInstant().isAfter(since)) {
                    return false;
                }
            }
            return true;
        } catch (IOException | UncheckedIOException changing) {
            return false;   // a file went or came meanwhile: something works there
        }
    }

    /**
     * Deletes a partial folder if no process holds its lock file, holding that lock while it
     * deletes the other files so that another process doing the same skips the folder; the lock
     * file and the folder go last (an open file cannot be deleted everywhere).
     *
     * @return deleted here; kept, for a process holds it or another removes it; or left, for its
     *         lock file cannot be locked on its file system, so whether its process lives is unknown
     */
    private static Removal removeUnlocked(Path partial) throws IOException {
        Path lockFile = partial.resolve(RunFolder.LOCK);
        boolean locked = Files.exists(lockFile);
        // CREATE for a folder an older Engram made without a lock file. Another process removing the
        // folder at the same time may delete the lock file and make it again here: then whichever
        // holds the new one finishes, and the other finds the folder not empty at the end.
        try {
            Removal removal = LockFiles.use(lockFile, true, Removal.KEPT, channel -> {
                try {
                    if (LockFiles.tryLock(channel) == null) {
                        return Removal.KEPT;
                    }
                } catch (IOException cannotLock) {
                    if (!LockFiles.locksUnsupported(cannotLock)) {
                        throw cannotLock;
                    }
                    // NFS without its lock service, say, where RunFolder took the folder unlocked. A folder
                    // without a lock file was chosen for being quiet, which holds without a lock.
                    if (locked) {
                        return Removal.CANNOT_TELL;
                    }
                }
                try (Stream<Path> walk = Files.walk(partial)) {
                    for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                        if (!p.equals(partial) && !p.equals(lockFile)) {
                            Files.delete(p);
                        }
                    }
                }
                return Removal.REMOVED;
            });
            if (removal != Removal.REMOVED) {
                return removal;
            }
        } catch (NoSuchFileException goneMeanwhile) {
            return Removal.KEPT;
        }
        Files.deleteIfExists(lockFile);
        try {
            Files.deleteIfExists(partial);
        } catch (DirectoryNotEmptyException takenOver) {
            return Removal.KEPT;   // another process made the lock file again and finishes the removal
        }
        return Removal.REMOVED;
    }

    /** What became of a partial folder that looked abandoned. */
    private enum Removal {
        /** Deleted here. */
        REMOVED,
        /** Kept: a process holds its lock, or another process removes the folder. */
        KEPT,
        /** Kept: its file system does not lock files, so whether its process lives cannot be told. */
        CANNOT_TELL
    }

    /**
     * Whether a partial folder's config describes a network simulation ({@code engram simulate})
     * rather than a run.
     *
     * @param configFile the folder's {@code config.yaml}
     * @return false also when the file is missing or unreadable
     */
    static boolean isSimulation(Path configFile) {
        try {
            return ConfigLoader.mapper().readTree(Files.readString(configFile)).has("populations");
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }
}
