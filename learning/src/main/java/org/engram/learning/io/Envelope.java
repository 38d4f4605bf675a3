package org.engram.learning.io;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.engram.simulator.EngramException;
import org.engram.simulator.IoReasons;
import org.engram.simulator.ParameterException;

/**
 * The frame shared by Engram's binary files: an 8-byte magic, an {@code int} format version, an
 * {@code int} payload length, the payload and a {@code long} CRC-32 of the payload (big-endian).
 * Written through {@link AtomicFile}, so a file holds either its old or its new frame.
 */
public final class Envelope {
    private static final int MAGIC_LENGTH = 8;
    private static final int HEADER = MAGIC_LENGTH + 8;
    private static final int TRAILER = 8;

    private Envelope() {
    }

    /**
     * Writes a framed payload to a file, atomically and durably ({@link AtomicFile}).
     *
     * @param file    the target
     * @param magic   eight ASCII characters naming the file type
     * @param version the format version
     * @param payload the content
     * @throws ParameterException if the magic is not eight ASCII characters
     * @throws EngramException    naming the file and the reason if it cannot be written
     */
    public static void write(Path file, String magic, int version, byte[] payload) {
        magicBytes(magic);   // before the temporary file exists
        AtomicFile.write(file, out -> writeFrame(out, magic, version, payload));
    }

    private static byte[] magicBytes(String magic) {
        if (magic == null || magic.length() != MAGIC_LENGTH
                || !StandardCharsets.US_ASCII.newEncoder().canEncode(magic)) {
            throw new ParameterException("envelope", "magic", MAGIC_LENGTH + " ASCII characters",
                    magic == null ? "null" : "'" + magic + "'");
        }
        return magic.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Writes the frame (magic, version, length, payload, CRC-32) to a stream.
     *
     * @param stream  the stream; flushed, not closed
     * @param magic   eight ASCII characters naming the file type
     * @param version the format version
     * @param payload the content
     * @throws IOException        if writing fails
     * @throws ParameterException if the magic is not eight ASCII characters
     */
    public static void writeFrame(OutputStream stream, String magic, int version, byte[] payload) throws IOException {
        byte[] magicBytes = magicBytes(magic);
        CRC32 crc = new CRC32();
        crc.update(payload);
        DataOutputStream out = new DataOutputStream(stream);
        out.write(magicBytes);
        out.writeInt(version);
        out.writeInt(payload.length);
        out.write(payload);
        out.writeLong(crc.getValue());
        out.flush();
    }

    /**
     * Reads and checks a framed file and returns its payload. The header is checked before the
     * payload is read, so a large file of another kind is refused after its first bytes, and the
     * payload is never larger than the file. The frame must fill the file exactly.
     *
     * @param file    the file
     * @param magic   the expected magic
     * @param version the expected format version
     * @param kind    the file type for messages, e.g. {@code "learner checkpoint"}
     * @return the payload
     * @throws ParameterException if the expected magic is not eight ASCII characters
     * @throws EngramException naming the file if it is missing, unreadable, of another type or
     *                         version, truncated or corrupt (checksum)
     */
    public static byte[] read(Path file, String magic, int version, String kind) {
        String source = file.toString();
        byte[] expectedMagic = magicBytes(magic);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            long size = Files.size(file);
            if (size < HEADER + TRAILER) {
                throw new EngramException(source, "header", "an Engram " + kind + " (at least " + (HEADER + TRAILER)
                        + " bytes)", size + " bytes", "the file is truncated or not a " + kind);
            }
            byte[] found = new byte[expectedMagic.length];
            in.readFully(found);
            if (!Arrays.equals(found, expectedMagic)) {
                throw new EngramException(source, "magic", "an Engram " + kind + " starting with '" + magic + "'",
                        "'" + printable(found) + "'", null);
            }
            int foundVersion = in.readInt();
            if (foundVersion != version) {
                throw new EngramException(source, "version", kind + " format version " + version,
                        String.valueOf(foundVersion), foundVersion > version
                                ? "the file was written by a newer Engram" : "the file was written by an older Engram");
            }
            int length = in.readInt();
            if (length < 0) {
                throw new EngramException(source, "length", "a payload length >= 0", String.valueOf(length),
                        "the file is damaged");
            }
            if (length > size - HEADER - TRAILER) {
                // Said from the file's side: its header announces more than it holds.
                throw new EngramException(source, "size", "the " + (length + (long) HEADER + TRAILER) + " bytes its "
                        + "header announces (a payload of " + length + " bytes)", size + " bytes",
                        "the file is truncated");
            }
            if (length < size - HEADER - TRAILER) {
                throw new EngramException(source, "length", "a payload of " + (size - HEADER - TRAILER)
                        + " bytes (file size " + size + ")", String.valueOf(length),
                        "the file has bytes after its checksum: it was appended to or joined with another file");
            }
            byte[] payload = new byte[length];
            in.readFully(payload);
            long stored = in.readLong();
            CRC32 crc = new CRC32();
            crc.update(payload);
            if (crc.getValue() != stored) {
                throw new EngramException(source, "checksum", "CRC-32 " + Long.toHexString(stored),
                        Long.toHexString(crc.getValue()), "the file is corrupt");
            }
            return payload;
        } catch (NoSuchFileException e) {
            throw new EngramException(source, "file", "an existing " + kind, "no such file", null);
        } catch (EOFException e) {
            throw new EngramException(source, "payload", "a complete " + kind, "end of file", "the file is truncated");
        } catch (IOException e) {
            throw new EngramException(source + ": cannot read " + kind + ": " + IoReasons.of(e), e);
        }
    }

    /**
     * The error for a payload that passed its frame's checks but could not be parsed: cut short, or
     * holding text that is not valid modified UTF-8.
     *
     * @param source the file the payload came from
     * @param kind   what the file holds, as in "a complete model file"
     * @param e      the reader's exception
     * @return the error, naming the file
     */
    static EngramException unreadablePayload(String source, String kind, IOException e) {
        String found = e instanceof EOFException ? "end of data" : "unreadable data (" + e.getMessage() + ")";
        return new EngramException(source, "payload", "a complete " + kind, found, "the file is corrupt");
    }

    private static String printable(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(b >= 32 && b < 127 ? (char) b : '?');
        }
        return sb.toString();
    }
}
