package org.engram.learning.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.engram.simulator.EngramException;
import org.engram.simulator.ParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvelopeTest {
    @TempDir
    Path dir;

    /**
     * The header is 8 magic bytes and then the version; a shorter magic was written as given, so the
     * file could not be read back (its version was read from the payload), and no file is left.
     */
    @Test
    void aMagicOfOtherThanEightAsciiCharactersIsRefused() throws IOException {
        Path file = dir.resolve("x.bin");
        for (String magic : new String[] {"ABC", "ENGRAMNN9", "ENGRAMNé"}) {
            ParameterException e = assertThrows(ParameterException.class,
                    () -> Envelope.write(file, magic, 1, new byte[] {1, 2}));
            assertTrue(e.getMessage().contains("8 ASCII characters") && e.getMessage().contains("'" + magic + "'"),
                    e.getMessage());
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.toList(), "nothing written, no temporary file");
        }
        Envelope.write(file, "ENGRAMXX", 3, new byte[] {1, 2});
        assertThrows(ParameterException.class, () -> Envelope.read(file, "ABC", 3, "test file"));
        assertArrayEquals(new byte[] {1, 2}, Envelope.read(file, "ENGRAMXX", 3, "test file"));
    }

    /** The JDK's message for a missing folder is only the temporary file's path. */
    @Test
    void aMissingFolderIsNamedAsTheReason() {
        Path file = dir.resolve("no-such-folder").resolve("m.engram");
        EngramException e = assertThrows(EngramException.class, () -> Envelope.write(file, "ENGRAMXX", 1, new byte[0]));
        assertEquals(file + ": cannot write file: the folder " + file.getParent().toAbsolutePath() + " does not exist",
                e.getMessage());
    }

    /**
     * Two threads saving one file: with one shared temporary name, a write truncated the other's
     * temporary file and one of the moves found it gone (24 of these 200 saves failed in one
     * run). Every save must succeed and the file must read back whole.
     */
    @Test
    void concurrentSavesOfOneFileAllSucceed() throws Exception {
        Path file = dir.resolve("shared.bin");
        byte[] payload = new byte[1 << 20];
        java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
        Runnable saves = () -> {
            for (int i = 0; i < 100; i++) {
                try {
                    Envelope.write(file, "ENGRAMXX", 1, payload);
                } catch (EngramException e) {
                    failures.incrementAndGet();
                }
            }
        };
        Thread a = new Thread(saves);
        Thread b = new Thread(saves);
        a.start();
        b.start();
        a.join();
        b.join();
        assertEquals(0, failures.get(), "failed saves");
        assertEquals(payload.length, Envelope.read(file, "ENGRAMXX", 1, "test file").length);
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(file), left.toList(), "no temporary file left");
        }
    }
}
