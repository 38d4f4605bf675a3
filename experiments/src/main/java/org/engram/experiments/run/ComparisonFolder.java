package org.engram.experiments.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.engram.experiments.plot.Captions;
import org.engram.experiments.plot.Figure;
import org.engram.simulator.EngramException;
import org.engram.simulator.IoReasons;
import org.engram.simulator.Plural;

/**
 * A comparison written into one folder of the user's ({@code engram compare --into DIR}) rather than a
 * new {@code comparisons/<id>/}, so a paper's {@code \input{DIR/comparison.tex}} keeps its path as the
 * comparison is made again. The comparison is written as any other, into a hidden results root beside
 * the folder ({@code .<name>.compare/}), and only once complete takes the folder's place: a comparison
 * that fails leaves the previous one as it was. The folder must be absent, empty, or hold only the files a
 * comparison writes, which are then all replaced (a file of another comparison's no longer written, such
 * as {@code paired.md} when the rows share no seeds, goes too).
 */
public final class ComparisonFolder {
    /** The files a comparison may write, relative to its folder. */
    private static final Set<String> OUTPUTS = outputs();
    /** Renames in one step: the folder and its hidden root beside it are on one file system. */
    private static final Mover ATOMIC = (from, to) -> Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);

    /** Renames a folder; a test's renames fail on purpose, as file permissions cannot make them fail for root. */
    @FunctionalInterface
    interface Mover {
        void move(Path from, Path to) throws IOException;
    }

    private ComparisonFolder() {
    }

    private static Set<String> outputs() {
        Set<String> names = new LinkedHashSet<>(List.of("comparison.md", "comparison.csv", "comparison.tex",
                Comparison.NARROW_LATEX, PerSeedCsv.FILE, PairedFiles.MARKDOWN, PairedFiles.LATEX,
                PairedFiles.NARROW_LATEX, PairedFiles.CSV, "plots", "plots/" + Captions.FILE));
        for (String base : List.of("comparison", "average_accuracy", "average_accuracy_validation")) {
            Figure.files(Path.of("plots"), base).forEach(p -> names.add(p.toString().replace('\\', '/')));
        }
        return Set.copyOf(names);
    }

    /**
     * Writes a comparison into exactly {@code folder}, replacing a previous comparison's files there.
     *
     * @param folder the folder; made if absent
     * @param err    where leftovers of a comparison killed before are reported as they are removed
     * @param write  writes the comparison under the results root it is given, as {@link Comparison#write} does
     * @return the comparison, its folder and paired file in {@code folder}
     * @throws EngramException if the folder is a file, lies in a finished run, or holds a file no comparison
     *                         writes (nothing is written then), or if the folder cannot be replaced
     */
    public static Comparison.Outcome writeInto(Path folder, PrintWriter err,
                                               Function<Path, Comparison.Outcome> write) {
        return writeInto(folder, err, write, ATOMIC);
    }

    /** {@link #writeInto(Path, PrintWriter, Function)} with the folders renamed by {@code mover}. */
    static Comparison.Outcome writeInto(Path folder, PrintWriter err, Function<Path, Comparison.Outcome> write,
                                        Mover mover) {
        Path target = folder.toAbsolutePath().normalize();
        RunFolder.requireOutsideFinishedRuns(folder, "--into", "a folder for the comparison (created if absent)",
                "give --into a folder outside it");
        requireOnlyOutputs(target);
        Path staging = target.resolveSibling("." + target.getFileName() + ".compare");
        AbandonedSimulations.remove(staging, Comparison.FOLDER, err);
        Comparison.Outcome written = write.apply(staging);
        replace(written.folder(), target, staging, mover);
        deleteIfEmpty(staging.resolve(Comparison.FOLDER));
        deleteIfEmpty(staging);
        Optional<Path> paired = written.paired().map(p -> target.resolve(p.getFileName()));
        return new Comparison.Outcome(target, written.runs(), written.table(), written.tableNote(), written.notes(),
                paired);
    }

    /** Refuses a file, or a folder that holds anything but a comparison's files (another's say, or a paper's). */
    static void requireOnlyOutputs(Path target) {
        if (!Files.exists(target)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new EngramException(target.toString(), "--into", "a folder for the comparison", "a file",
                    "give a folder");
        }
        List<String> others = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(target)) {
            walk.skip(1).map(p -> target.relativize(p).toString().replace('\\', '/'))
                    .filter(name -> !OUTPUTS.contains(name)).sorted().forEach(others::add);
        } catch (IOException e) {
            throw new EngramException(target + ": cannot read the folder: " + IoReasons.of(e), e);
        }
        if (!others.isEmpty()) {
            throw new EngramException(target.toString(), "--into", "a new or empty folder, or one that holds only"
                    + " the files of a comparison, which are replaced", Plural.count(others.size(), "other file")
                    + ", e.g. " + others.get(0), "give another folder; nothing was written");
        }
    }

    /**
     * Puts the comparison written in the target's place: renamed there when the target is absent, else
     * the target first renamed into the hidden root, then the comparison to the target, then the old one
     * deleted. Killed between the two renames, the previous comparison is left in the hidden root.
     * A rename that fails leaves the new comparison where it was written, and the previous one back in
     * the target's place, or, where it cannot be put back, in the hidden root: the message says which.
     */
    private static void replace(Path written, Path target, Path staging, Mover mover) {
        Path old = Files.exists(target) ? staging.resolve("replaced-" + written.getFileName()) : null;
        try {
            if (old != null) {
                mover.move(target, old);
            }
            mover.move(written, target);
        } catch (IOException e) {
            String previous = old == null ? ""
                    : Files.exists(target) || moveBack(old, target, mover) ? " (the previous one is as it was)"
                    : " (the previous one is in " + old + ")";
            throw new EngramException(target + ": cannot move the comparison from " + written + " into place"
                    + previous + ": " + IoReasons.of(e), e);
        }
        if (old != null) {
            deleteTree(old);
        }
    }

    /** Puts the previous comparison back after the new one could not take its place; whether it could. */
    private static boolean moveBack(Path old, Path target, Mover mover) {
        try {
            mover.move(old, target);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path dir) {
        try {
            RunFolder.deleteTree(dir);
        } catch (IOException e) {
            throw new EngramException(dir + ": cannot delete the previous comparison (the new one is in place): "
                    + IoReasons.of(e), e);
        }
    }

    /** Deletes a folder of this class's unless something else is in it (another comparison writing). */
    private static void deleteIfEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (DirectoryNotEmptyException inUse) {
            // Another comparison into the same folder is writing there.
        } catch (IOException e) {
            throw new EngramException(dir + ": cannot delete the empty folder: " + IoReasons.of(e), e);
        }
    }
}
