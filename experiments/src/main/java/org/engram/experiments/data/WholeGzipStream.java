package org.engram.experiments.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * A gzip stream that refuses bytes after its end, as a plain IDX file refuses bytes past its data, and
 * reads a file of several members (RFC 1952) as one stream. The JDK's stream reads bytes after a member's
 * trailer as the header of a next member and, when they are none, ends without a word, those bytes
 * consumed: junk after a trailer that ended where its read buffer did went unseen. So the JDK's stream
 * reads one member at a time, and this class looks past each: a next member's header, or the end of the file.
 */
final class WholeGzipStream extends InputStream {
    /** The gzip trailer: CRC-32 and length, 4 bytes each (RFC 1952). */
    private static final int TRAILER = 8;
    /** The size of a member's read buffer, which bounds the bytes it reads past its end. */
    private static final int BUFFER = 1 << 16;
    private final String file;
    private final Rest rest;
    private Member member;

    /**
     * @param file name for messages
     * @param in   the compressed stream, at its gzip magic
     * @throws IOException if the gzip header cannot be read
     */
    WholeGzipStream(String file, InputStream in) throws IOException {
        this.file = file;
        this.rest = new Rest(in);
        this.member = new Member(rest);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            int n = member.read(buf, off, len);
            if (n >= 0) {
                return n;
            }
            // The member has ended: what its buffer read past the trailer goes back to the file's rest.
            rest.unread(member.after());
            int next = rest.read();
            if (next < 0) {
                return -1;
            }
            rest.unread(next);
            int left = rest.left();
            member.end();
            try {
                member = new Member(rest);
            } catch (IOException notAHeader) {
                throw new DataFileException(file, "gzip trailer", "a file that ends where its gzip stream ends",
                        "trailing data after the gzip stream (" + left + " bytes or more)",
                        "the file is damaged; copy or download it again");
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            member.end();
        } finally {
            rest.close();
        }
    }

    /**
     * The file's bytes after those the current member took, with those its buffer read ahead put back.
     * It says none are available, so that the JDK's stream never looks for a next member in it.
     */
    private static final class Rest extends PushbackInputStream {
        Rest(InputStream in) {
            super(in, BUFFER);
        }

        @Override
        public int available() {
            return 0;
        }

        /** @return how many bytes are known to be left: those put back and those the file says it has */
        int left() throws IOException {
            return super.available();
        }
    }

    /** One member, or those the JDK's stream reads on from its own buffer, where the header is found there. */
    private static final class Member extends GZIPInputStream {
        Member(InputStream in) throws IOException {
            super(in, BUFFER);
        }

        /** @return the bytes the member's buffer holds past its last trailer */
        byte[] after() {
            int remaining = inf.getRemaining();
            return remaining <= TRAILER ? new byte[0] : Arrays.copyOfRange(buf, len - remaining + TRAILER, len);
        }

        /** Frees the decompressor's native memory without closing the stream under it. */
        void end() {
            inf.end();
        }
    }
}
