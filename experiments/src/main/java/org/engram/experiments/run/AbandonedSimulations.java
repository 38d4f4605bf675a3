package org.engram.experiments.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.engram.experiments.config.ConfigLoader;

/**
 * Removes the partial folders that killed {@code engram simulate} processes (SIGKILL, a machine
 * that went down) left in an experiment's folder: a simulation cannot be resumed, so such a
 * folder would stay there forever. The next simulation or new run of the experiment removes them
 * and says so; the partial folders of stopped runs stay for {@code engram run --resume}.
 *
 * <p>A folder is taken only when its {@code config.yaml} describes a network (which a simulation
 * writes once it holds the folder's lock) and no process holds that lock: the process that made it
 * is gone. A partial folder without that file (made by an Engram that did not lock simulations, or
 * killed in the instant before the file was written) is left alone, as it may be another
 * process's that is just starting.
 */
public final class AbandonedSimulations {
    private AbandonedSimulations() {
    }

    /**
     * Removes every abandoned simulation folder of an experiment, printing one line for each.
     *
     * @param results    the results root
     * @param experiment the experiment name (a plain name: see {@link RunFolder#isPlainName})
     * @param err        where each removal, or a failure to remove, is reported
     */
    public static void remove(Path results, String experiment, PrintWriter err) {
        if (!RunFolder.isPlainName(experiment)) {
            return;   // making the run's own folder reports the name
        }
        Path dir = results.toAbsolutePath().normalize().resolve(experiment);
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> partials;
        try (Stream<Path> s = Files.list(dir)) {
            partials = s.filter(p -> Runner.PARTIAL.matcher(p.getFileName().toString()).matches()
                    && isSimulation(p.resolve("config.yaml"))).sorted().toList();
        } catch (IOException e) {
            return;   // an unreadable folder: the run about to be made there reports it
        }
        for (Path partial : partials) {
            try {
                if (removeUnlocked(partial)) {
                    err.println("engram: removed " + partial + ", the partial folder of an engram simulate whose"
                            + " process is gone (a simulation cannot be resumed)");
                }
            } catch (IOException e) {
                err.println("engram: cannot remove " + partial + ", the partial folder of an engram simulate whose"
                        + " process is gone: " + e + "; delete it by hand");
            }
            err.flush();
        }
    }

    /**
     * Deletes a partial folder if no process holds its lock file, holding that lock while it
     * deletes the other files so that another process doing the same skips the folder; the lock
     * file and the folder go last (an open file cannot be deleted everywhere).
     *
     * @return whether it was deleted here
     */
    private static boolean removeUnlocked(Path partial) throws IOException {
        Path lockFile = partial.resolve(RunFolder.LOCK);
        // Without CREATE: a lock file made here, in a folder another process is deleting, would stop it.
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = RunFolder.tryLock(channel);
            if (lock == null) {
                return false;   // its process is alive
            }
            try (Stream<Path> walk = Files.walk(partial)) {
                for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                    if (!p.equals(partial) && !p.equals(lockFile)) {
                        Files.delete(p);
                    }
                }
            }
        } catch (NoSuchFileException goneOrNeverLocked) {
            return false;
        }
        Files.deleteIfExists(lockFile);
        Files.deleteIfExists(partial);
        return true;
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
