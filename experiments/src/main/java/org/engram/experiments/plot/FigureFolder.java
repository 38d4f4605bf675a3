package org.engram.experiments.plot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.engram.experiments.run.AbandonedSimulations;
import org.engram.experiments.run.RunFolder;
import org.engram.simulator.EngramException;
import org.engram.simulator.IoReasons;

/**
 * Writes a set of figures into a folder so that a failure while drawing (a full disk, a figure that
 * cannot be drawn, a signal) leaves the folder as it was: it had left part of the set, another run's
 * figures beside this one's, and a second attempt refused for the first's leftovers. The figures are
 * drawn into a hidden folder and moved in only once every one is written. For a new folder that
 * hidden folder sits beside it and is renamed to it, so the set appears at once; into a folder that
 * exists (a mount point, "/", one whose parent is not writable) they are drawn inside it and each
 * moved to its name, a rename within one file system. A signal stops the drawing and removes the
 * hidden folder, or lets the moves that have begun finish ({@link DrawingStop}). A hidden folder that
 * a killed process left is removed by the next drawing into the same folder, once nothing in it has
 * changed for ten minutes.
 */
public final class FigureFolder {
    private static final String DRAWING = ".drawing-";
    /** Numbers the drawing folders of this process. */
    private static final AtomicLong DRAWINGS = new AtomicLong();

    private FigureFolder() {
    }

    /**
     * Draws figures into a folder, made if absent, replacing figures of the same names there.
     *
     * @param figures the figures by base name (file name without extension)
     * @param folder  where they go; figures of the same names there are replaced
     * @return the files written, PNG, SVG and PDF of each figure in turn, in the folder, then
     *         {@value Captions#FILE} with what figures laid out for print leave to the caption, when the
     *         folder holds any (the entries of figures drawn over for a screen are dropped, and a file
     *         left with none is removed)
     * @throws EngramException if a file cannot be written or moved; a failure while drawing leaves
     *                         the folder unchanged
     */
    public static List<Path> writeAll(Map<String, Figure> figures, Path folder) {
        return writeAll(figures, folder, true);
    }

    /**
     * Draws figures into a folder, made if absent.
     *
     * @param figures the figures by base name (file name without extension)
     * @param folder  where they go
     * @param replace whether figures of the same names that another process put into the folder while
     *                these were drawn (a second {@code engram plot} into the same new folder) are
     *                replaced; if not, the drawing is refused and changes nothing there
     * @return the files written, PNG, SVG and PDF of each figure in turn, in the folder, then
     *         {@value Captions#FILE} with what figures laid out for print leave to the caption, when the
     *         folder holds any (the entries of figures drawn over for a screen are dropped, and a file
     *         left with none is removed)
     * @throws EngramException if a file cannot be written or moved; a failure while drawing leaves
     *                         the folder unchanged
     */
    public static List<Path> writeAll(Map<String, Figure> figures, Path folder, boolean replace) {
        return writeAll(figures, folder, replace, Set.of(), SignalAt.NONE);
    }

    /**
     * Draws figures into a folder, made if absent, as {@link #writeAll(Map, Path, boolean)} does, and
     * then removes the figures of other names that the data no longer gives, with their captions; a
     * signal may be provoked at a chosen moment, for tests.
     *
     * @param figures   the figures by base name (file name without extension)
     * @param folder    where they go
     * @param replace   whether figures of the same names that another process put into the folder while
     *                  these were drawn are replaced
     * @param withdrawn base names of figures that are not drawn again and must not stay: their PNG, SVG
     *                  and PDF files in the folder are removed once the new ones are in (a failure while
     *                  drawing leaves them), and their entries in its captions file with them
     * @param signalAt  when to act as if a signal came ({@link SignalAt#NONE}: never)
     * @return the files written
     * @throws EngramException if a file cannot be written, moved or removed; a failure while drawing leaves
     *                         the folder unchanged
     */
    public static List<Path> writeAll(Map<String, Figure> figures, Path folder, boolean replace,
                                      Set<String> withdrawn, SignalAt signalAt) {
        Path target = folder.toAbsolutePath().normalize();
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new EngramException(target.toString(), null, "a folder for the figures", "a file",
                    "choose another folder");
        }
        boolean isNew = !Files.exists(target);
        if (isNew) {
            createDirectories(target.getParent());
        }
        Path home = isNew ? target.getParent() : target;
        String prefix = isNew ? "." + target.getFileName() + DRAWING : DRAWING;
        removeAbandoned(home, prefix);
        Path staging = claimDrawingFolder(home, prefix, target);
        DrawingStop stop = new DrawingStop(target, () -> deleteQuietly(staging));
        try {
            List<Path> staged = new ArrayList<>();
            boolean captionsStale;
            try {
                DrawnFigure.drawEach(figures, (base, drawn) -> {
                    stop.requireRunning();
                    staged.addAll(drawn.write(staging, base));
                    signalAt.provoke(staged.size() / 3, signalAt.staged(), stop);
                });
                stop.requireRunning();
                captionsStale = stageCaptions(figures, staging, target, !isNew, staged, withdrawn);
            } catch (EngramException e) {
                // The hidden folder is this class's business: the user asked for the figures in the target.
                throw new EngramException(e.getMessage().replace(staging.toString(), target.toString())
                        + " (no figure was changed there)", e);
            }
            requireAllDrawn(staged, staging, target);
            stop.startMoving();
            List<Path> written = new ArrayList<>();
            if (isNew) {
                if (moveNewFolder(staging, target)) {
                    staged.forEach(file -> written.add(target.resolve(file.getFileName())));
                    stop.completed();
                    return written;
                }
                // Another process made the folder while this one drew: the figures go in one by one, as
                // into a folder that existed, over the other's only if allowed, and the captions join its.
                if (!replace) {
                    requireNoneOf(staged, target);
                }
                captionsStale = stageCaptions(figures, staging, target, true, staged, withdrawn);
            }
            for (Path file : staged) {
                Path destination = target.resolve(file.getFileName());
                move(file, destination);
                written.add(destination);
                signalAt.provoke(written.size(), signalAt.moved(), stop);
            }
            if (captionsStale) {
                deleteAfterDrawing(target.resolve(Captions.FILE), "the captions of the figures drawn over (the figures"
                        + " are drawn; the file describes them as they were)");
            }
            for (String base : withdrawn) {
                for (Path file : Figure.files(target, base)) {
                    deleteAfterDrawing(file, "the figure, which the run's files no longer give (the other figures are"
                            + " drawn)");
                }
            }
            stop.completed();
            return written;
        } finally {
            deleteQuietly(staging);
            stop.end();
            stop.close();
        }
    }

    /**
     * Stops that tests provoke at moments a real signal could not be timed to hit: the process exits
     * as on Ctrl-C (code 130, shutdown hooks run) once this many figures are written into the hidden
     * folder, or moved into place, and the drawing goes on only once the signal is under way.
     *
     * @param staged figures written into the hidden folder before the signal; 0 = never
     * @param moved  files moved into place before the signal; 0 = never
     */
    public record SignalAt(int staged, int moved) {
        /** No provoked signal: what every drawing outside the tests has. */
        public static final SignalAt NONE = new SignalAt(0, 0);

        private void provoke(int done, int at, DrawingStop stop) {
            if (at > 0 && done == at) {
                new Thread(() -> System.exit(130), "engram-provoked-signal").start();
                stop.awaitSignal();
            }
        }
    }

    /**
     * Writes the figures' captions into the drawing folder, with the entries that the folder's own
     * captions file keeps for its other figures (a folder gathered from several runs).
     *
     * @param existing whether the target folder exists, whose captions file is then read
     * @param withdrawn figures that are to leave the folder, whose entries go
     * @param staged   the files to move into the target; the captions file is added, or taken out
     *                 when there are no captions
     * @return whether the target's captions file is stale: it describes only figures that are drawn
     *         again for a screen (a file that could not be read is left as it is)
     */
    private static boolean stageCaptions(Map<String, Figure> figures, Path staging, Path target, boolean existing,
                                         List<Path> staged, Set<String> withdrawn) {
        Path kept = target.resolve(Captions.FILE);
        String before = existing && Files.isRegularFile(kept) ? readCaptions(kept) : null;
        String captions = Captions.markdown(figures, before, base -> !withdrawn.contains(base)
                && Files.exists(target.resolve(base + ".png")));
        Path file = staging.resolve(Captions.FILE);
        if (captions != null) {
            RunFolder.writeAtomically(file, out -> out.write(captions.getBytes(StandardCharsets.UTF_8)));
            if (!staged.contains(file)) {
                staged.add(file);
            }
        } else if (staged.remove(file)) {
            deleteTree(file);
        }
        return captions == null && before != null;
    }

    /** A folder's captions file, or null when it cannot be read (it is then written anew). */
    private static String readCaptions(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    /**
     * Makes this drawing's hidden folder, {@code prefix<pid>-<n>}, under a name no other drawing has:
     * processes of two containers on one shared folder can have the same pid (each may be pid 1), and
     * with a name from the pid alone one deleted the other's drawing as it began its own.
     */
    private static Path claimDrawingFolder(Path home, String prefix, Path target) {
        String own = prefix + ProcessHandle.current().pid() + "-";
        while (true) {
            Path staging = home.resolve(own + DRAWINGS.incrementAndGet());
            try {
                return Files.createDirectory(staging);
            } catch (FileAlreadyExistsException takenByAnotherProcess) {
                // The next number.
            } catch (IOException e) {
                throw new EngramException(target + ": cannot make the folder: " + IoReasons.of(e)
                        + " (no figure was changed there)", e);
            }
        }
    }

    /**
     * Removes the drawing folders named {@code prefix<pid>[-<n>]} in a folder whose processes no
     * longer run: no process of that pid runs here, and nothing in the folder has changed for
     * {@link AbandonedSimulations#QUIET}. The pid alone would take the drawing of a process on
     * another machine sharing the folder, which this one cannot see, for a dead one's.
     */
    private static void removeAbandoned(Path dir, String prefix) {
        Pattern own = Pattern.compile(Pattern.quote(prefix) + "(\\d+)(-\\d+)?");
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                Matcher m = own.matcher(p.getFileName().toString());
                if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).map(h -> !h.isAlive()).orElse(true)
                        && AbandonedSimulations.isQuiet(p)) {
                    deleteQuietly(p);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Nothing to remove that can be read; drawing goes on, the leftovers are hidden.
        }
    }

    /**
     * Renames the drawing folder to the new folder's name.
     *
     * @return false if a folder of that name appeared meanwhile (the rename leaves it untouched)
     */
    private static boolean moveNewFolder(Path staging, Path target) {
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            if (Files.isDirectory(target)) {
                return false;
            }
            throw new EngramException(target + ": cannot write file: " + IoReasons.of(e), e);
        }
    }

    /**
     * Refuses a set of which a file is missing from the drawing folder: removed while the figures were
     * written (by a clean-up, or by a drawing on another machine, which took it for a dead process's),
     * the folder was made again by the next file written, and only the figures written after went into
     * place.
     */
    static void requireAllDrawn(List<Path> staged, Path staging, Path target) {
        for (Path file : staged) {
            if (!Files.isRegularFile(file)) {
                throw new EngramException(target.toString(), null, "the figures drawn for it",
                        "that " + file.getFileName() + " is gone from the hidden folder " + staging + " they were"
                                + " drawn in: it was removed meanwhile by another process",
                        "no figure was changed there; draw again");
            }
        }
    }

    /** Refuses to move figures into a folder that holds files of their names, which another process put there. */
    private static void requireNoneOf(List<Path> staged, Path target) {
        // The captions file is shared: the figures' entries join the other process's.
        List<Path> taken = staged.stream().map(file -> target.resolve(file.getFileName()))
                .filter(file -> Files.exists(file) && !file.getFileName().toString().equals(Captions.FILE)).toList();
        if (!taken.isEmpty()) {
            throw new EngramException(target.toString(), null, "a new folder for the figures",
                    "one that another process made while these were drawn, holding files of their names ("
                            + taken.size() + ", e.g. " + taken.get(0).getFileName() + ")",
                    "no figure was changed there; draw again with --replace to draw over them, or into another folder");
        }
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new EngramException(to + ": cannot write file: " + IoReasons.of(e), e);
        }
    }

    /**
     * Removes a file of the folder after the figures are drawn.
     *
     * @param what what the file is and why it goes, for the message, e.g. {@code the captions of the figures drawn
     *             over (...)}
     */
    private static void deleteAfterDrawing(Path file, String what) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new EngramException(file + ": cannot remove " + what + ": " + IoReasons.of(e), e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new EngramException(dir + ": cannot make the folder: " + IoReasons.of(e), e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            RunFolder.deleteTree(dir);
        } catch (IOException e) {
            throw new EngramException(dir + ": cannot delete: " + IoReasons.of(e), e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (EngramException e) {
            // Hidden, and removed by the next drawing into the same folder.
        }
    }
}
