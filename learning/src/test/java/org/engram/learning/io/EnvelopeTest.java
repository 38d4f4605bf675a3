package org.engram.learning.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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

    /**
     * A frame with no payload is 24 bytes (magic, version, length, checksum) and reads back empty:
     * neither the size check nor the length check may take it for a damaged file.
     */
    @Test
    void anEmptyPayloadIsAWholeFile() throws IOException {
        Path file = dir.resolve("empty.bin");
        Envelope.write(file, "ENGRAMXX", 1, new byte[0]);
        assertEquals(24, Files.size(file));
        assertArrayEquals(new byte[0], Envelope.read(file, "ENGRAMXX", 1, "test file"));
    }

    /**
     * The frame's bytes, worked by hand: magic, version 7 and length 9 big-endian, the payload, then
     * the CRC-32 of "123456789", whose value 0xCBF43926 is the published check value of CRC-32. A
     * buffered stream receives them all: the frame is flushed.
     */
    @Test
    void theFrameIsTheDocumentedBytesAndReachesABufferedStream() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        BufferedOutputStream buffered = new BufferedOutputStream(sink, 1024);
        Envelope.writeFrame(buffered, "ENGRAMXX", 7, "123456789".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer expected = ByteBuffer.allocate(8 + 4 + 4 + 9 + 8).put("ENGRAMXX".getBytes(StandardCharsets.US_ASCII))
                .putInt(7).putInt(9).put("123456789".getBytes(StandardCharsets.US_ASCII)).putLong(0xCBF43926L);
        assertArrayEquals(expected.array(), sink.toByteArray());
    }

    /**
     * A file cut inside its checksum is truncated by the size its header announces; read on, it
     * would end in the checksum and be reported as a short payload.
     */
    @Test
    void aFileCutInsideItsChecksumIsCalledTruncatedBySize() throws IOException {
        Path file = dir.resolve("cut.bin");
        Envelope.write(file, "ENGRAMXX", 1, new byte[10]);
        Files.write(file, Arrays.copyOf(Files.readAllBytes(file), 34 - 4));
        EngramException e = assertThrows(EngramException.class, () -> Envelope.read(file, "ENGRAMXX", 1, "test file"));
        assertEquals("size", e.location());
        assertEquals("30 bytes", e.found());
    }

    /**
     * The magic found is shown as written where it is printable ASCII (32 to 126: the space
     * included), '?' elsewhere (here 31 and 127).
     */
    @Test
    void theMagicFoundIsShownPrintably() throws IOException {
        Path file = dir.resolve("other.bin");
        byte[] bytes = new byte[24];
        System.arraycopy(new byte[] {'N', 'O', 'T', ' ', 'A', 31, 127, '~'}, 0, bytes, 0, 8);
        Files.write(file, bytes);
        EngramException e = assertThrows(EngramException.class, () -> Envelope.read(file, "ENGRAMXX", 1, "test file"));
        assertEquals("'NOT A??~'", e.found());
    }
}
