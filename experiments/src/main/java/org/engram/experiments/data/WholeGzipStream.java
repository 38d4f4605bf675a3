package org.engram.experiments.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * A gzip stream that refuses bytes after its end, as a plain IDX file refuses bytes past its data.
 * The JDK's stream reads bytes after a member's trailer as the header of a next member and, when
 * they are none, ends without a word: 12 junk bytes after a file's gzip stream were accepted.
 */
final class WholeGzipStream extends GZIPInputStream {
    /** The gzip trailer: CRC-32 and length, 4 bytes each (RFC 1952). */
    private static final int TRAILER = 8;
    private final String file;

    /**
     * @param file name for messages
     * @param in   the compressed stream, at its gzip magic
     * @throws IOException if the gzip header cannot be read
     */
    WholeGzipStream(String file, InputStream in) throws IOException {
        super(in, 1 << 16);
        this.file = file;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n < 0) {
            // Past the last trailer, the inflater keeps the bytes it had read ahead, trailer included.
            long after = Math.max(0, inf.getRemaining() - TRAILER) + in.available();
            if (after > 0) {
                throw new DataFileException(file, "gzip trailer", "a file that ends where its gzip stream ends",
                        "trailing data after the gzip stream (" + after + " bytes or more)",
                        "the file is damaged; copy or download it again");
            }
        }
        return n;
    }
}
