package org.engram.learning.io;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.engram.simulator.EngramException;

/**
 * Header and primitive-array helpers for {@link Checkpointable} state.
 *
 * <p>Layout: a header {@code "ENGRAM-STATE"}, the kind name (UTF), the format version (int); then
 * whatever the object writes. Arrays are written as a length followed by the elements; a
 * {@code null} row is written as length {@code -1}. All values are big-endian as
 * {@link DataOutput} defines, so files are portable between machines; floats and doubles are
 * written as their raw bits, so a NaN keeps its payload and a round trip is bit-identical.
 *
 * <p>Readers allocate as the values arrive, never more than twice what the stream has delivered
 * plus {@value #FIRST_CHUNK} values, so a damaged length of, say, two billion ends in an
 * {@link java.io.EOFException} instead of an attempt to allocate gigabytes.
 *
 * <p>Arrays move through a byte buffer of at most {@value #CHUNK_BYTES} bytes, one stream call per
 * buffer rather than one per value (a stream call per value made saving the quick start's strategy
 * states 3.7% of its run time).
 */
public final class StateCodec {
    private static final String MAGIC = "ENGRAM-STATE";
    /** Values allocated before any has been read: a length field alone buys no more than this. */
    private static final int FIRST_CHUNK = 1 << 16;
    /** Size of the buffer arrays are moved through. */
    private static final int CHUNK_BYTES = 1 << 16;

    private StateCodec() {
    }

    /**
     * Writes the header.
     *
     * @param out     the stream
     * @param kind    the writer's kind name, e.g. {@code "ewc"}
     * @param version the format version, {@code >= 1}
     * @throws IOException if the stream fails
     */
    public static void writeHeader(DataOutput out, String kind, int version) throws IOException {
        out.writeUTF(MAGIC);
        out.writeUTF(kind);
        out.writeInt(version);
    }

    /**
     * Reads and checks a header.
     *
     * @param in         the stream
     * @param kind       the kind name the reader expects
     * @param maxVersion the newest version the reader understands
     * @return the version found, in {@code [1, maxVersion]}
     * @throws IOException     if the stream fails
     * @throws EngramException if the magic, kind or version is wrong
     */
    public static int readHeader(DataInput in, String kind, int maxVersion) throws IOException {
        String magic = in.readUTF();
        if (!MAGIC.equals(magic)) {
            throw new EngramException("strategy state", kind, "header " + MAGIC, magic, null);
        }
        String found = in.readUTF();
        if (!kind.equals(found)) {
            throw new EngramException("strategy state", kind, "state of kind '" + kind + "'", "'" + found + "'", null);
        }
        int version = in.readInt();
        if (version < 1 || version > maxVersion) {
            throw new EngramException("strategy state", kind, "format version 1.." + maxVersion,
                    String.valueOf(version),
                    version > maxVersion ? "the state was written by a newer Engram" : "the state is damaged");
        }
        return version;
    }

    /**
     * Fails unless a value read from a stream equals the value the object's shape requires.
     *
     * @param kind     the reader's kind name
     * @param what     what the value is, e.g. {@code "layer count"}
     * @param expected the required value
     * @param found    the value read
     */
    public static void requireShape(String kind, String what, int expected, int found) {
        if (expected != found) {
            throw new EngramException("strategy state", kind + "." + what, String.valueOf(expected),
                    String.valueOf(found), "the state was written for a different network");
        }
    }

    /**
     * Fails if a row read by {@link #readFloats(DataInput)} or {@link #readDoubles(DataInput)}, or a
     * row of a matrix read by {@link #readFloatMatrix(DataInput)} or {@link #readDoubleMatrix(DataInput)},
     * is {@code null} (written as length -1) where the writer never writes one: only a damaged stream
     * has it there.
     *
     * @param kind the reader's kind name
     * @param what what the row is, e.g. {@code "input weights"}
     * @param row  the row read
     * @param <T>  the row's type
     * @return the row
     */
    public static <T> T requirePresent(String kind, String what, T row) {
        if (row == null) {
            throw new EngramException("strategy state", kind + "." + what, "an array", "none (length -1)",
                    "the state is damaged");
        }
        return row;
    }

    /**
     * Writes a jagged double matrix.
     *
     * @param out  the stream
     * @param rows the rows; the outer array must not be {@code null}
     * @throws IOException if the stream fails
     */
    public static void writeDoubles(DataOutput out, double[][] rows) throws IOException {
        out.writeInt(rows.length);
        for (double[] row : rows) {
            writeDoubles(out, row);
        }
    }

    /**
     * Writes one double array.
     *
     * @param out the stream
     * @param row the values, or {@code null}
     * @throws IOException if the stream fails
     */
    public static void writeDoubles(DataOutput out, double[] row) throws IOException {
        if (row == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(row.length);
        writeChunked(out, row.length, Double.BYTES,
                (chunk, from, count) -> chunk.asDoubleBuffer().put(row, from, count));
    }

    /**
     * Reads a matrix written by {@link #writeDoubles(DataOutput, double[][])}.
     *
     * @param in the stream
     * @return the rows
     * @throws IOException if the stream fails
     */
    public static double[][] readDoubleMatrix(DataInput in) throws IOException {
        int n = readLength(in);
        double[][] rows = new double[firstCapacity(n)][];
        for (int i = 0; i < n; i++) {
            if (i == rows.length) {
                rows = Arrays.copyOf(rows, grownCapacity(i, n));
            }
            rows[i] = readDoubles(in);
        }
        return rows;
    }

    /**
     * Reads an array written by {@link #writeDoubles(DataOutput, double[])}.
     *
     * @param in the stream
     * @return the values, or {@code null}
     * @throws IOException if the stream fails
     */
    public static double[] readDoubles(DataInput in) throws IOException {
        int n = in.readInt();
        if (n == -1) {
            return null;
        }
        double[] row = new double[firstCapacity(checkLength(n))];
        ByteBuffer chunk = chunkFor(n, Double.BYTES);
        for (int i = 0; i < n; ) {
            if (i == row.length) {
                row = Arrays.copyOf(row, grownCapacity(i, n));
            }
            int count = readChunk(in, chunk, Math.min(row.length - i, chunk.capacity() / Double.BYTES), Double.BYTES);
            chunk.asDoubleBuffer().get(row, i, count);
            i += count;
        }
        return row;
    }

    /**
     * Writes a jagged float matrix.
     *
     * @param out  the stream
     * @param rows the rows; the outer array must not be {@code null}
     * @throws IOException if the stream fails
     */
    public static void writeFloats(DataOutput out, float[][] rows) throws IOException {
        out.writeInt(rows.length);
        for (float[] row : rows) {
            writeFloats(out, row);
        }
    }

    /**
     * Writes one float array.
     *
     * @param out the stream
     * @param row the values, or {@code null}
     * @throws IOException if the stream fails
     */
    public static void writeFloats(DataOutput out, float[] row) throws IOException {
        if (row == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(row.length);
        writeFloatValues(out, row);
    }

    /**
     * Writes the values of a float array without its length: the bytes of
     * {@code out.writeInt(Float.floatToRawIntBits(v))} for each value, for formats that give the
     * length elsewhere.
     *
     * @param out    the stream
     * @param values the values, not {@code null}
     * @throws IOException if the stream fails
     */
    static void writeFloatValues(DataOutput out, float[] values) throws IOException {
        writeChunked(out, values.length, Float.BYTES,
                (chunk, from, count) -> chunk.asFloatBuffer().put(values, from, count));
    }

    /**
     * Reads a matrix written by {@link #writeFloats(DataOutput, float[][])}.
     *
     * @param in the stream
     * @return the rows
     * @throws IOException if the stream fails
     */
    public static float[][] readFloatMatrix(DataInput in) throws IOException {
        int n = readLength(in);
        float[][] rows = new float[firstCapacity(n)][];
        for (int i = 0; i < n; i++) {
            if (i == rows.length) {
                rows = Arrays.copyOf(rows, grownCapacity(i, n));
            }
            rows[i] = readFloats(in);
        }
        return rows;
    }

    /**
     * Reads an array written by {@link #writeFloats(DataOutput, float[])}.
     *
     * @param in the stream
     * @return the values, or {@code null}
     * @throws IOException if the stream fails
     */
    public static float[] readFloats(DataInput in) throws IOException {
        int n = in.readInt();
        if (n == -1) {
            return null;
        }
        float[] row = new float[firstCapacity(checkLength(n))];
        ByteBuffer chunk = chunkFor(n, Float.BYTES);
        for (int i = 0; i < n; ) {
            if (i == row.length) {
                row = Arrays.copyOf(row, grownCapacity(i, n));
            }
            int count = readChunk(in, chunk, Math.min(row.length - i, chunk.capacity() / Float.BYTES), Float.BYTES);
            chunk.asFloatBuffer().get(row, i, count);
            i += count;
        }
        return row;
    }

    /**
     * Writes an int array.
     *
     * @param out the stream
     * @param row the values, not {@code null}
     * @throws IOException if the stream fails
     */
    public static void writeInts(DataOutput out, int[] row) throws IOException {
        out.writeInt(row.length);
        writeChunked(out, row.length, Integer.BYTES, (chunk, from, count) -> chunk.asIntBuffer().put(row, from, count));
    }

    /**
     * Reads an array written by {@link #writeInts}.
     *
     * @param in the stream
     * @return the values
     * @throws IOException if the stream fails
     */
    public static int[] readInts(DataInput in) throws IOException {
        int n = readLength(in);
        int[] row = new int[firstCapacity(n)];
        ByteBuffer chunk = chunkFor(n, Integer.BYTES);
        for (int i = 0; i < n; ) {
            if (i == row.length) {
                row = Arrays.copyOf(row, grownCapacity(i, n));
            }
            int count = readChunk(in, chunk, Math.min(row.length - i, chunk.capacity() / Integer.BYTES), Integer.BYTES);
            chunk.asIntBuffer().get(row, i, count);
            i += count;
        }
        return row;
    }

    /**
     * Writes a byte block (a length, then the bytes).
     *
     * @param out   the stream
     * @param block the bytes, not {@code null}
     * @throws IOException if the stream fails
     */
    public static void writeBytes(DataOutput out, byte[] block) throws IOException {
        out.writeInt(block.length);
        out.write(block);
    }

    /**
     * Reads a block written by {@link #writeBytes}.
     *
     * @param in the stream
     * @return the bytes
     * @throws IOException if the stream fails or ends early
     */
    public static byte[] readBytes(DataInput in) throws IOException {
        int n = readLength(in);
        byte[] block = new byte[firstCapacity(n)];
        int done = 0;
        while (done < n) {
            if (done == block.length) {
                block = Arrays.copyOf(block, grownCapacity(done, n));
            }
            int part = block.length - done;
            in.readFully(block, done, part);
            done += part;
        }
        return block;
    }

    /** Fills the buffer's elements {@code [from, from + count)}. */
    @FunctionalInterface
    private interface ChunkFill {
        void fill(ByteBuffer chunk, int from, int count);
    }

    /** Writes {@code length} values of {@code width} bytes, a buffer at a time. */
    private static void writeChunked(DataOutput out, int length, int width, ChunkFill values) throws IOException {
        ByteBuffer chunk = chunkFor(length, width);
        for (int from = 0; from < length; ) {
            int count = Math.min(length - from, chunk.capacity() / width);
            values.fill(chunk, from, count);
            out.write(chunk.array(), 0, count * width);
            from += count;
        }
    }

    /** Reads {@code count} values of {@code width} bytes into the start of the buffer; returns {@code count}. */
    private static int readChunk(DataInput in, ByteBuffer chunk, int count, int width) throws IOException {
        in.readFully(chunk.array(), 0, count * width);
        return count;
    }

    /** A big-endian buffer for up to {@code length} values of {@code width} bytes, at most {@value #CHUNK_BYTES}. */
    private static ByteBuffer chunkFor(int length, int width) {
        return ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, (long) length * width));
    }

    private static int firstCapacity(int length) {
        return Math.min(length, FIRST_CHUNK);
    }

    /** The next capacity once {@code filled} values have arrived: doubled, at most {@code length}. */
    private static int grownCapacity(int filled, int length) {
        return (int) Math.min(length, 2L * filled);
    }

    private static int readLength(DataInput in) throws IOException {
        return checkLength(in.readInt());
    }

    private static int checkLength(int n) {
        if (n < 0) {
            throw new EngramException("strategy state", "array length", "a length >= 0", String.valueOf(n),
                    "the state file is damaged");
        }
        return n;
    }
}
