package org.engram.experiments.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipException;

import org.junit.jupiter.api.Test;

/** Gzip files built byte by byte after RFC 1952, with raw deflate data from {@link Deflater}. */
class WholeGzipStreamTest {
    private static final byte[] TEXT = "a gzip member holds deflate data between a header and a trailer"
            .getBytes(StandardCharsets.US_ASCII);
    private static final int FHCRC = 0x02;
    private static final int FEXTRA = 0x04;
    private static final int FNAME = 0x08;
    private static final int FCOMMENT = 0x10;

    @Test
    void headerFieldsItDoesNotNeedAreSkipped() throws IOException {
        for (int flags : new int[] {0, FEXTRA, FNAME, FCOMMENT, FHCRC, FEXTRA | FNAME | FCOMMENT | FHCRC}) {
            assertArrayEquals(TEXT, readAll(member(TEXT, flags)), "FLG " + flags);
        }
    }

    /** XLEN is little-endian (RFC 1952, 2.3.1.1): 300 bytes of extra field are 0x2C, 0x01, read as 44 + 256. */
    @Test
    void anExtraFieldOfMoreThan255BytesIsSkippedWhole() throws IOException {
        byte[] extra = new byte[300];
        Arrays.fill(extra, (byte) 'x');
        byte[] header = concat(new byte[] {0x1f, (byte) 0x8b, 8, FEXTRA, 0, 0, 0, 0, 0, 3, 0x2c, 0x01}, extra);
        assertArrayEquals(TEXT, readAll(member(header, TEXT)));
    }

    /** Each member's header CRC16 covers that header alone, the second's as the first's. */
    @Test
    void aLaterMembersHeaderCrcCoversItsOwnHeader() throws IOException {
        byte[] gz = concat(member(Arrays.copyOf(TEXT, 20), FNAME | FHCRC),
                member(Arrays.copyOfRange(TEXT, 20, TEXT.length), FNAME | FHCRC));
        assertArrayEquals(TEXT, readAll(gz));
    }

    /** Trailing data longer than the 64 KiB the reader buffers is counted whole: 70,000 bytes of it here. */
    @Test
    void trailingDataPastTheBufferIsCountedWhole() {
        byte[] junk = new byte[70_000];
        Arrays.fill(junk, (byte) 0x55);
        DataFileException e = assertThrows(DataFileException.class, () -> readAll(concat(member(TEXT, 0), junk)));
        assertEquals("trailing data after the gzip stream (70000 bytes or more)", e.found());
    }

    @Test
    void aWrongHeaderCrcIsADamagedHeader() {
        byte[] gz = member(TEXT, FNAME | FHCRC);
        int crcAt = header(FNAME | FHCRC).length - 2;
        gz[crcAt] ^= 0x01;
        DataFileException e = assertThrows(DataFileException.class, () -> readAll(gz));
        assertEquals("gzip header", e.location());
        assertTrue(e.found().startsWith("a damaged header (header CRC16"), e.getMessage());
    }

    /** Members one after the other are one file (RFC 1952, 2.2), empty ones too; read whole or byte by byte. */
    @Test
    void membersAreReadAsOneStream() throws IOException {
        byte[] first = Arrays.copyOf(TEXT, 20);
        byte[] second = Arrays.copyOfRange(TEXT, 20, TEXT.length);
        byte[] gz = concat(member(new byte[0], 0), member(first, FNAME), member(new byte[0], FEXTRA),
                member(second, 0), member(new byte[0], 0));
        assertArrayEquals(TEXT, readAll(gz));
        ByteArrayOutputStream oneByOne = new ByteArrayOutputStream();
        try (InputStream in = new WholeGzipStream("f", new ByteArrayInputStream(gz))) {
            for (int b = in.read(); b >= 0; b = in.read()) {
                oneByOne.write(b);
            }
        }
        assertArrayEquals(TEXT, oneByOne.toByteArray());
        assertArrayEquals(new byte[0], readAll(member(new byte[0], 0)));
    }

    @Test
    void aWrongCrcIsNamedWithBothValues() {
        byte[] gz = member(TEXT, 0);
        CRC32 crc = new CRC32();
        crc.update(TEXT);
        gz[gz.length - 8] ^= 0x01;   // the CRC-32 is the trailer's first 4 of 8 bytes, least significant first
        ZipException e = assertThrows(ZipException.class, () -> readAll(gz));
        String expected = String.format("the trailer's CRC-32 is 0x%08X, the data's 0x%08X", crc.getValue() ^ 1,
                crc.getValue());
        assertEquals(expected, e.getMessage());
    }

    @Test
    void aWrongIsizeIsNamedWithBothValues() {
        byte[] gz = member(TEXT, 0);
        gz[gz.length - 4]++;   // ISIZE, the length mod 2^32, is the trailer's last 4 bytes
        ZipException e = assertThrows(ZipException.class, () -> readAll(gz));
        assertEquals("the trailer's ISIZE is " + (TEXT.length + 1) + " bytes, the data is " + TEXT.length
                + " (mod 2^32)", e.getMessage());
    }

    /** A file cut anywhere inside a second member's header is truncated, not followed by trailing data. */
    @Test
    void aFileCutInsideANextHeaderIsTruncated() {
        byte[] first = member(TEXT, 0);
        byte[] next = header(FNAME | FHCRC);
        for (int cut = 1; cut < next.length; cut++) {
            byte[] gz = concat(first, Arrays.copyOf(next, cut));
            DataFileException e = assertThrows(DataFileException.class, () -> readAll(gz), "cut " + cut);
            assertEquals("gzip header", e.location(), e.getMessage());
            assertEquals("a truncated header (the file ends inside it)", e.found(), e.getMessage());
        }
    }

    @Test
    void bytesThatAreNoHeaderAreTrailingData() {
        byte[] first = member(TEXT, 0);
        byte[][] junks = {{0x55}, {0x1f, 0x55, 0, 0}, {0x1f, (byte) 0x8b, 7, 0}, {0x1f, (byte) 0x8b, 8, 0x20}};
        for (byte[] junk : junks) {
            DataFileException e = assertThrows(DataFileException.class, () -> readAll(concat(first, junk)));
            assertEquals("trailing data after the gzip stream (" + junk.length + " bytes or more)", e.found(),
                    Arrays.toString(junk));
        }
    }

    @Test
    void aFileCutInsideDataOrTrailerEndsTooSoon() {
        byte[] gz = member(TEXT, 0);
        for (int cut : new int[] {header(0).length + 1, gz.length - 8, gz.length - 1}) {
            assertThrows(EOFException.class, () -> readAll(Arrays.copyOf(gz, cut)), "cut " + cut);
        }
    }

    @Test
    void damagedDeflateDataIsAZipException() {
        byte[] gz = member(TEXT, 0);
        gz[header(0).length] = (byte) 0xff;   // block type 3, which deflate reserves (RFC 1951, 3.2.3)
        ZipException e = assertThrows(ZipException.class, () -> readAll(gz));
        assertEquals("invalid block type", e.getMessage(), "zlib's own word for it, passed on");
    }

    private static byte[] readAll(byte[] gz) throws IOException {
        try (InputStream in = new WholeGzipStream("f", new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    /** @return a member: a header with {@code flags}, the raw deflate data of {@code plain}, CRC-32 and ISIZE */
    private static byte[] member(byte[] plain, int flags) {
        return member(header(flags), plain);
    }

    /** @return a member: the header given, the raw deflate data of {@code plain}, CRC-32 and ISIZE */
    private static byte[] member(byte[] header, byte[] plain) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(plain);
        deflater.finish();
        byte[] data = new byte[plain.length + 64];
        int n = deflater.deflate(data);
        deflater.end();
        CRC32 crc = new CRC32();
        crc.update(plain);
        ByteBuffer trailer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        trailer.putInt((int) crc.getValue()).putInt(plain.length);
        return concat(header, Arrays.copyOf(data, n), trailer.array());
    }

    /** @return a header with the optional fields {@code flags} asks for, and their header CRC16 */
    private static byte[] header(int flags) {
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, (byte) flags, 1, 2, 3, 4, 0, 3});   // MTIME, XFL 0, OS 3
        if ((flags & FEXTRA) != 0) {
            h.writeBytes(new byte[] {3, 0, 'a', 'b', 'c'});
        }
        if ((flags & FNAME) != 0) {
            h.writeBytes("name.idx\0".getBytes(StandardCharsets.ISO_8859_1));
        }
        if ((flags & FCOMMENT) != 0) {
            h.writeBytes("a comment\0".getBytes(StandardCharsets.ISO_8859_1));
        }
        if ((flags & FHCRC) != 0) {
            CRC32 crc = new CRC32();
            crc.update(h.toByteArray());
            h.write((int) crc.getValue() & 0xff);
            h.write((int) (crc.getValue() >> 8) & 0xff);
        }
        return h.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
