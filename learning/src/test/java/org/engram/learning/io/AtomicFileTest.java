package org.engram.learning.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.engram.simulator.EngramException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    private List<Path> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void replacesTheOldVersionAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("a.txt");
        AtomicFile.write(file, out -> out.write("old".getBytes(StandardCharsets.UTF_8)));
        AtomicFile.write(file, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
        assertEquals("new", Files.readString(file));
        assertEquals(List.of(file), listing());
    }

    @Test
    void aFailingWriteKeepsTheOldVersionAndNamesTheFile() throws IOException {
        Path file = dir.resolve("a.txt");
        AtomicFile.write(file, out -> out.write("old".getBytes(StandardCharsets.UTF_8)));
        EngramException e = assertThrows(EngramException.class, () -> AtomicFile.write(file, out -> {
            out.write("half of the new".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals(file + ": cannot write file: disk full", e.getMessage());
        assertEquals("old", Files.readString(file));
        assertEquals(List.of(file), listing());
    }

    /** A content's own runtime exception is the caller's to see, not wrapped into another. */
    @Test
    void aRuntimeExceptionOfTheContentPassesThroughAndLeavesNothing() throws IOException {
        Path file = dir.resolve("a.txt");
        UncheckedIOException thrown = new UncheckedIOException(new IOException("source gone"));
        assertSame(thrown, assertThrows(UncheckedIOException.class, () -> AtomicFile.write(file, out -> {
            out.write(1);
            throw thrown;
        })));
        assertEquals(List.of(), listing());
    }

    @Test
    void forcingAMissingFolderNamesIt() {
        Path folder = dir.resolve("gone");
        EngramException e = assertThrows(EngramException.class, () -> AtomicFile.forceFolder(folder));
        assertEquals(folder + ": cannot open the folder to force its entries to the disk: the folder " + folder
                + " does not exist", e.getMessage());
    }
}
