package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.engram.simulator.EngramException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ComparisonFolder#writeInto} when a rename that puts the new comparison in place fails: the message says
 * where the previous comparison is, which holds it unchanged, and the new one stays where it was written.
 */
class ComparisonFolderTest {
    /** The folder name the stand-in comparison is written under, in the hidden root's comparisons folder. */
    private static final String ID = "20261201T000000Z-aaaaaa";

    @TempDir
    Path dir;

    /** A comparison whose only file says which it is, written where {@link Comparison#write} would write it. */
    private static final Function<Path, Comparison.Outcome> NEW = root -> {
        try {
            Path folder = Files.createDirectories(root.resolve(Comparison.FOLDER).resolve(ID));
            Files.writeString(folder.resolve("comparison.md"), "new");
            return new Comparison.Outcome(folder, List.of(), "", "", List.of(), Optional.empty());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    };

    /** Renames as the command does, but the renames numbered in {@code failing} (from 1) fail instead. */
    private static ComparisonFolder.Mover failing(Set<Integer> failing) {
        int[] calls = {0};
        return (from, to) -> {
            if (failing.contains(++calls[0])) {
                throw new IOException("rename " + calls[0] + " refused");
            }
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        };
    }

    private Path previousComparison() throws IOException {
        Path into = Files.createDirectories(dir.resolve("tables"));
        Files.writeString(into.resolve("comparison.md"), "previous");
        return into;
    }

    private EngramException refused(Path into, Set<Integer> failing) {
        return assertThrows(EngramException.class, () -> ComparisonFolder.writeInto(into,
                new PrintWriter(new StringWriter()), NEW, failing(failing)));
    }

    private Path written() {
        return dir.resolve(".tables.compare").resolve(Comparison.FOLDER).resolve(ID).toAbsolutePath().normalize();
    }

    /** The folder, absent before, stays absent; the message claims no previous comparison. */
    @Test
    void aFirstComparisonThatCannotBeMovedLeavesNoFolder() {
        Path into = dir.resolve("tables");
        EngramException e = refused(into, Set.of(1));
        assertEquals(into.toAbsolutePath() + ": cannot move the comparison from " + written() + " into place: rename 1"
                + " refused", e.getMessage());
        assertFalse(Files.exists(into));
        assertTrue(Files.isRegularFile(written().resolve("comparison.md")), "the new comparison is kept");
    }

    /**
     * The previous comparison not moved aside (rename 1), or moved aside and back once the new one could not take
     * its place (rename 2): it is as it was, with nothing of the new one in the folder.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aPreviousComparisonIsAsItWasWhenTheNewOneCannotTakeThePlace(int failing) throws IOException {
        Path into = previousComparison();
        EngramException e = refused(into, Set.of(failing));
        assertEquals(into.toAbsolutePath() + ": cannot move the comparison from " + written() + " into place (the"
                + " previous one is as it was): rename " + failing + " refused", e.getMessage());
        try (Stream<Path> files = Files.list(into)) {
            assertEquals(List.of(into.resolve("comparison.md")), files.toList(), "nothing of the new one in it");
        }
        assertEquals("previous", Files.readString(into.resolve("comparison.md")));
        assertTrue(Files.isRegularFile(written().resolve("comparison.md")), "the new comparison is kept");
    }

    /** Neither the new comparison nor, moved back, the previous one could take the place: the message says where. */
    @Test
    void aPreviousComparisonThatCannotBeMovedBackIsNamed() throws IOException {
        Path into = previousComparison();
        EngramException e = refused(into, Set.of(2, 3));
        Path aside = dir.resolve(".tables.compare").resolve("replaced-" + ID).toAbsolutePath().normalize();
        assertEquals(into.toAbsolutePath() + ": cannot move the comparison from " + written() + " into place (the"
                + " previous one is in " + aside + "): rename 2 refused", e.getMessage());
        assertFalse(Files.exists(into));
        assertEquals("previous", Files.readString(aside.resolve("comparison.md")));
        assertTrue(Files.isRegularFile(written().resolve("comparison.md")), "the new comparison is kept");
    }

    /** A folder that holds files no comparison writes is refused, with their number and the first by name. */
    @Test
    void aFolderWithOtherFilesIsRefusedWithTheirCount() throws IOException {
        Path into = previousComparison();
        Files.writeString(into.resolve("notes.txt"), "mine");
        String one = assertThrows(EngramException.class, () -> ComparisonFolder.requireOnlyOutputs(into))
                .getMessage();
        assertTrue(one.endsWith("found 1 other file, e.g. notes.txt; give another folder; nothing was written"), one);
        Files.writeString(into.resolve("draft.txt"), "mine too");
        String two = assertThrows(EngramException.class, () -> ComparisonFolder.requireOnlyOutputs(into))
                .getMessage();
        assertTrue(two.contains("found 2 other files, e.g. draft.txt;"), two);
        ComparisonFolder.requireOnlyOutputs(dir.resolve("absent"));
    }
}
