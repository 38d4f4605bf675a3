package org.engram.learning.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    /**
     * The heap running out halfway through a content leaves no part of it: the temporary file, truncated, was
     * left beside the files written before, and the earlier version stays.
     */
    @Test
    void anErrorOfTheContentPassesThroughAndLeavesNoPartOfIt() throws IOException {
        Path file = dir.resolve("a.txt");
        AtomicFile.write(file, out -> out.write("old".getBytes(StandardCharsets.UTF_8)));
        OutOfMemoryError thrown = new OutOfMemoryError("Java heap space");
        assertSame(thrown, assertThrows(OutOfMemoryError.class, () -> AtomicFile.write(file, out -> {
            out.write("half of the new".getBytes(StandardCharsets.UTF_8));
            throw thrown;
        })));
        assertEquals("old", Files.readString(file));
        assertEquals(List.of(file), listing());
    }

    /**
     * A process killed while it wrote leaves its temporary file, and a later process may have the
     * same pid (in a container each one is pid 1) and come to the same write: it took that file's
     * name and failed the write ("it exists already") on every resume. The names this process would
     * take next are planted here, as a killed process with its pid would have left them.
     */
    @Test
    void aTemporaryFileLeftByAKilledProcessOfTheSamePidIsNotInTheWay() throws IOException {
        Path file = dir.resolve("a.txt");
        List<Path> during = new ArrayList<>();
        AtomicFile.write(file, out -> during.addAll(listing()));
        String name = during.stream().map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp"))
                .findFirst().orElseThrow();
        assertTrue(AtomicFile.isTemporary(Path.of(name)) && !AtomicFile.isTemporary(file), name);
        String prefix = ".a.txt." + ProcessHandle.current().pid() + "-";
        long last = Long.parseLong(name.substring(prefix.length(), name.length() - ".tmp".length()));
        List<Path> left = new ArrayList<>();
        for (long n = last + 1; n <= last + 100; n++) {   // room for other tests' writes meanwhile
            left.add(Files.writeString(dir.resolve(prefix + n + ".tmp"), "half"));
        }
        AtomicFile.write(file, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
        assertEquals("new", Files.readString(file));
        for (Path p : left) {
            assertEquals("half", Files.readString(p), "another process's file is left as it is");
        }
    }

    @Test
    void forcingAMissingFolderNamesIt() {
        Path folder = dir.resolve("gone");
        EngramException e = assertThrows(EngramException.class, () -> AtomicFile.forceFolder(folder));
        assertEquals(folder + ": cannot open the folder to force its entries to the disk: the folder " + folder
                + " does not exist", e.getMessage());
    }

    @Test
    void aFolderItsFileSystemRefusesToSyncLetsTheWriteGoOn() throws IOException {
        FileChannel refusing = FileChannel.open(dir, StandardOpenOption.READ);
        refusing.close();   // its force now fails with an IOException, as a refused sync does
        assertDoesNotThrow(() -> AtomicFile.forceIfSynced(refusing));
    }

    @Test
    void forcingAFolderClosesIt() throws IOException {
        FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ);
        AtomicFile.forceIfSynced(folder);
        assertFalse(folder.isOpen());
    }

    /**
     * A target that is a folder (here one holding a file) cannot be replaced: the message names the
     * file and the system's reason, the folder keeps its content and no temporary file is left.
     */
    @Test
    void aFolderInThePlaceOfTheFileIsNamedWithTheReason() throws IOException {
        Path file = dir.resolve("taken");
        Files.writeString(Files.createDirectory(file).resolve("inside.txt"), "kept");
        EngramException e = assertThrows(EngramException.class,
                () -> AtomicFile.write(file, out -> out.write(1)));
        assertTrue(e.getMessage().startsWith(file + ": cannot write file: ")
                && e.getMessage().toLowerCase(Locale.ROOT).contains("directory"), e.getMessage());
        assertEquals("kept", Files.readString(file.resolve("inside.txt")));
        assertEquals(List.of(file), listing());
    }

    /**
     * When the temporary file cannot be removed after a failed write (here the content replaced it
     * by a folder that holds a file), the content's exception comes out with the removal's failure
     * attached to it, not lost.
     */
    @Test
    void aFailedRemovalOfTheTemporaryFileIsAttachedToTheFailure() throws IOException {
        Path file = dir.resolve("b.txt");
        IllegalStateException stop = new IllegalStateException("stop");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AtomicFile.write(file, out -> {
            Path tmp = listing().stream().filter(AtomicFile::isTemporary).findFirst().orElseThrow();
            Files.delete(tmp);
            Files.writeString(Files.createDirectory(tmp).resolve("x"), "x");
            throw stop;
        }));
        assertSame(stop, e);
        assertEquals(1, e.getSuppressed().length);
        assertTrue(e.getSuppressed()[0] instanceof DirectoryNotEmptyException, e.getSuppressed()[0]
                .toString());
    }

    /**
     * Forcing a folder closes what it opened: 200 forces that each left a descriptor open would
     * leave 200 more in this process; other work of the JVM meanwhile (class loading) opens a few.
     */
    @Test
    void forcingAFolderLeavesNoDescriptorOpen() throws IOException {
        Path descriptors = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(descriptors), "a /proc file system");
        long before = count(descriptors);
        for (int i = 0; i < 200; i++) {
            AtomicFile.forceFolder(dir);
        }
        long after = count(descriptors);
        assertTrue(after - before < 100, before + " descriptors before, " + after + " after");
    }

    private static long count(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.count();
        }
    }

    /** The JDK's message of a denied access is only the path: the reason is put in words before it. */
    @Test
    void aDeniedAccessIsNamedAsSuch() {
        Path file = dir.resolve("c.txt");
        EngramException e = assertThrows(EngramException.class, () -> AtomicFile.write(file, out -> {
            throw new AccessDeniedException("/mnt/read-only/c.txt");
        }));
        assertEquals(file + ": cannot write file: permission denied for /mnt/read-only/c.txt", e.getMessage());
    }

    /**
     * A target whose folder is a regular file cannot be written (a test running as root would write
     * through missing permissions, not through this): the message names the file and the reason, the
     * regular file keeps its content and no temporary file is left beside it.
     */
    @Test
    void aFolderThatIsARegularFileIsNamedAndNothingIsLeft() throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("plain"), "kept");
        Path file = notAFolder.resolve("a.txt");
        EngramException e = assertThrows(EngramException.class,
                () -> AtomicFile.write(file, out -> out.write("new".getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().startsWith(file + ": cannot write file: ")
                && e.getMessage().toLowerCase(Locale.ROOT).contains("not a directory"), e.getMessage());
        assertEquals("kept", Files.readString(notAFolder));
        assertEquals(List.of(notAFolder), listing());
    }

    /**
     * A content that fails after more than a buffer's worth of bytes (1 MiB here) leaves the old
     * version byte for byte and no temporary file: what reached the disk is only ever the
     * temporary file's.
     */
    @Test
    void aContentFailingAfterAMegabyteLeavesTheOldVersionByteForByte() throws IOException {
        Path file = dir.resolve("big.bin");
        byte[] old = new byte[3000];
        for (int k = 0; k < old.length; k++) {
            old[k] = (byte) (k * 13 + 1);
        }
        AtomicFile.write(file, out -> out.write(old));
        assertThrows(EngramException.class, () -> AtomicFile.write(file, out -> {
            out.write(new byte[1 << 20]);
            throw new IOException("the source went away");
        }));
        assertArrayEquals(old, Files.readAllBytes(file));
        assertEquals(List.of(file), listing());
    }
}
