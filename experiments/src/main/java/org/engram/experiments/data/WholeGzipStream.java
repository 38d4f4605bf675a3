package org.engram.experiments.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * A gzip file (RFC 1952) read as one stream: its members one after the other, then the end of the file;
 * bytes after a member that are not a next member's header are refused, as a plain IDX file refuses bytes
 * past its data. Headers and trailers are parsed here and only the deflate data goes to an {@link Inflater},
 * whose unread input tells exactly where each member ends; the JDK's gzip stream decides whether to look for
 * a next member by how many bytes happen to be buffered, which differs between JDK versions.
 *
 * <p>Errors: a damaged deflate stream, CRC-32 or ISIZE is a {@link ZipException}; a file that ends inside
 * a member's data or trailer an {@link EOFException}; a file that ends inside a header, a damaged header,
 * or bytes after a member that are no header, a {@link DataFileException}.
 */
final class WholeGzipStream extends InputStream {
    /** The size of the compressed-input buffer. */
    private static final int BUFFER = 1 << 16;
    /** FLG bits (RFC 1952, 2.3.1). */
    private static final int FHCRC = 0x02;
    private static final int FEXTRA = 0x04;
    private static final int FNAME = 0x08;
    private static final int FCOMMENT = 0x10;
    private static final int RESERVED = 0xE0;
    /** The only compression method gzip defines: deflate. */
    private static final int DEFLATE = 8;

    private final String file;
    private final InputStream in;
    private final byte[] buf = new byte[BUFFER];
    /** The compressed bytes read from {@code in} and not yet used are {@code buf[pos, limit)}. */
    private int pos;
    private int limit;
    /** Raw deflate: the gzip header and trailer are not its to read. */
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    /** The current header's bytes so far, for FHCRC. */
    private final CRC32 headerCrc = new CRC32();
    private int headerBytes;
    private final byte[] one = new byte[1];
    private boolean ended;

    /**
     * Reads the first member's header.
     *
     * @param file name for messages
     * @param in   the compressed stream, at its gzip magic; closed by {@link #close()}
     * @throws DataFileException if the header is damaged or cut short
     * @throws IOException       if the file cannot be read
     */
    WholeGzipStream(String file, InputStream in) throws IOException {
        this.file = file;
        this.in = in;
        try {
            if (!header(true)) {
                throw damagedHeader("no gzip magic bytes");
            }
        } catch (IOException | RuntimeException e) {
            inflater.end();
            throw e;
        }
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] out, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!ended) {
            int n = inflate(out, off, len);
            if (n > 0) {
                crc.update(out, off, n);
                return n;
            }
            endMember();
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        in.close();
    }

    /** @return bytes inflated into {@code out}, or 0 once the member's deflate data has ended */
    private int inflate(byte[] out, int off, int len) throws IOException {
        try {
            while (true) {
                int n = inflater.inflate(out, off, len);
                pos = limit - inflater.getRemaining();
                if (n > 0 || inflater.finished()) {
                    return n;
                }
                if (inflater.needsDictionary()) {
                    throw new ZipException("a preset dictionary, which gzip does not allow");
                }
                if (inflater.needsInput()) {
                    if (!fill()) {
                        throw new EOFException("the file ends inside compressed data");
                    }
                    inflater.setInput(buf, pos, limit - pos);
                }
            }
        } catch (DataFormatException e) {
            throw new ZipException(e.getMessage() == null ? "invalid compressed data" : e.getMessage());
        }
    }

    /** Checks the member's trailer, then reads a next member's header or finds the end of the file. */
    private void endMember() throws IOException {
        long crcFound = trailerWord();
        long sizeFound = trailerWord();
        if (crcFound != crc.getValue()) {
            throw new ZipException(String.format("the trailer's CRC-32 is 0x%08X, the data's 0x%08X", crcFound,
                    crc.getValue()));
        }
        long size = inflater.getBytesWritten() & 0xFFFFFFFFL;
        if (sizeFound != size) {
            throw new ZipException("the trailer's ISIZE is " + sizeFound + " bytes, the data is " + size
                    + " (mod 2^32)");
        }
        if (pos == limit && !fill()) {
            ended = true;
        } else if (!header(false)) {
            long left = headerBytes + (limit - pos) + in.available();
            throw new DataFileException(file, "gzip trailer", "a file that ends where its gzip stream ends",
                    "trailing data after the gzip stream (" + left + " bytes or more)",
                    "the file is damaged; copy or download it again");
        }
    }

    /** @return a little-endian 4-byte word of the trailer, unsigned */
    private long trailerWord() throws IOException {
        long word = 0;
        for (int i = 0; i < 4; i++) {
            int b = next();
            if (b < 0) {
                throw new EOFException("the file ends inside a gzip trailer");
            }
            word |= (long) b << (8 * i);
        }
        return word;
    }

    /**
     * Reads a member header (RFC 1952, 2.3) and readies the inflater for its data.
     *
     * @param first whether this is the file's first member, whose damage is a damaged header; after a
     *              member, bytes that do not begin as a header are rather data after the stream
     * @return false if the bytes are not a gzip header (wrong magic, method or reserved flags)
     * @throws DataFileException if the file ends inside the header or its header CRC does not match
     */
    private boolean header(boolean first) throws IOException {
        headerBytes = 0;
        headerCrc.reset();
        if (headerByte() != 0x1f || headerByte() != 0x8b) {
            return false;
        }
        int method = headerByte();
        if (method != DEFLATE) {
            if (first) {
                throw damagedHeader("compression method " + method + ", not 8 (deflate)");
            }
            return false;
        }
        int flags = headerByte();
        if ((flags & RESERVED) != 0) {
            if (first) {
                throw damagedHeader(String.format("reserved flag bits set (FLG 0x%02X)", flags));
            }
            return false;
        }
        for (int i = 0; i < 6; i++) {   // MTIME, XFL, OS: not needed to read the data
            headerByte();
        }
        if ((flags & FEXTRA) != 0) {
            int extra = headerByte() | headerByte() << 8;
            for (int i = 0; i < extra; i++) {
                headerByte();
            }
        }
        if ((flags & FNAME) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FCOMMENT) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FHCRC) != 0) {
            int expected = (int) headerCrc.getValue() & 0xFFFF;
            int found = headerByte() | headerByte() << 8;
            if (found != expected) {
                throw damagedHeader(String.format("header CRC16 0x%04X, the header's 0x%04X", found, expected));
            }
        }
        inflater.reset();
        inflater.setInput(buf, pos, limit - pos);
        crc.reset();
        return true;
    }

    private void skipZeroTerminated() throws IOException {
        while (headerByte() != 0) {
            // the name or comment, which the data does not need
        }
    }

    /** @return the header's next byte */
    private int headerByte() throws IOException {
        int b = next();
        if (b < 0) {
            throw new DataFileException(file, "gzip header", "a valid gzip stream",
                    "a truncated header (the file ends inside it)");
        }
        headerBytes++;
        headerCrc.update(b);
        return b;
    }

    private DataFileException damagedHeader(String what) {
        return new DataFileException(file, "gzip header", "a valid gzip stream", "a damaged header (" + what + ")");
    }

    /** @return the next compressed byte, or -1 at the end of the file */
    private int next() throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xff;
    }

    /**
     * Refills the buffer, which must have been used up.
     *
     * @return false at the end of the file
     */
    private boolean fill() throws IOException {
        int n = in.read(buf, 0, BUFFER);
        pos = 0;
        limit = Math.max(n, 0);
        return n > 0;
    }
}
