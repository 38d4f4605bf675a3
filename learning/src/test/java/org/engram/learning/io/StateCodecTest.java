package org.engram.learning.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.engram.simulator.EngramException;
import org.junit.jupiter.api.Test;

class StateCodecTest {
    @Test
    void arraysWithNullRowsAndSpecialValuesRoundTripExactly() throws IOException {
        double[][] d = {{1.5, -0.0, Double.NaN, Double.MIN_VALUE}, null, {}};
        float[][] f = {{Float.MAX_VALUE, -1e-30f}, null};
        int[] i = {Integer.MIN_VALUE, 0, 7};
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(buffer);
        StateCodec.writeHeader(out, "kind", 3);
        StateCodec.writeDoubles(out, d);
        StateCodec.writeFloats(out, f);
        StateCodec.writeInts(out, i);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(buffer.toByteArray()));
        assertEquals(3, StateCodec.readHeader(in, "kind", 3));
        double[][] d2 = StateCodec.readDoubleMatrix(in);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(d2[0][1]));
        assertArrayEquals(d[0], d2[0]);
        assertNull(d2[1]);
        assertEquals(0, d2[2].length);
        float[][] f2 = StateCodec.readFloatMatrix(in);
        assertArrayEquals(f[0], f2[0]);
        assertNull(f2[1]);
        assertArrayEquals(i, StateCodec.readInts(in));
        assertEquals(-1, in.read(), "nothing left over");
    }

    /** DataOutput.writeFloat/writeDouble write every NaN as the canonical one; raw bits keep its payload. */
    @Test
    void nanPayloadsSurviveTheRoundTrip() throws IOException {
        float f = Float.intBitsToFloat(0x7fc00001);
        double d = Double.longBitsToDouble(0x7ff8000000000007L);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(buffer);
        StateCodec.writeFloats(out, new float[] {f});
        StateCodec.writeDoubles(out, new double[] {d});
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(buffer.toByteArray()));
        assertEquals(0x7fc00001, Float.floatToRawIntBits(StateCodec.readFloats(in)[0]));
        assertEquals(0x7ff8000000000007L, Double.doubleToRawLongBits(StateCodec.readDoubles(in)[0]));
    }

    @Test
    void damagedLengthIsRejectedWithTheValueFound() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        new DataOutputStream(buffer).writeInt(-5);
        EngramException e = assertThrows(EngramException.class,
                () -> StateCodec.readInts(new DataInputStream(new ByteArrayInputStream(buffer.toByteArray()))));
        assertTrue(e.getMessage().contains("found -5"), e.getMessage());
    }

    /**
     * A length of about two billion followed by three values must end at the end of the data: a
     * reader that allocated the length first would ask for 16 GB (doubles) or 8 GB (floats, ints,
     * the rows of a matrix), more than the test JVM's 4 GB heap, and fail with OutOfMemoryError.
     */
    @Test
    void hugeDamagedLengthEndsAtTheEndOfDataWithoutAllocatingIt() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(buffer);
        out.writeInt(Integer.MAX_VALUE - 8);
        for (int k = 0; k < 3; k++) {
            out.writeDouble(k);
        }
        byte[] bytes = buffer.toByteArray();
        List<StreamReader> readers = List.of(StateCodec::readDoubles, StateCodec::readFloats, StateCodec::readInts,
                StateCodec::readBytes, StateCodec::readDoubleMatrix);
        for (StreamReader reader : readers) {
            assertThrows(EOFException.class, () -> reader.read(new DataInputStream(new ByteArrayInputStream(bytes))));
        }
    }

    @Test
    void blocksLongerThanOneChunkRoundTripExactly() throws IOException {
        byte[] block = new byte[200_000];
        for (int k = 0; k < block.length; k++) {
            block[k] = (byte) (k * 31 + 7);
        }
        // Longer than the first allocation and than the transfer buffer, and not a multiple of either.
        double[] row = new double[150_001];
        float[] floats = new float[150_001];
        int[] ints = new int[150_001];
        for (int k = 0; k < row.length; k++) {
            row[k] = k * 0.5 - 3;
            floats[k] = k * 0.25f + 1;
            ints[k] = k * 7 - 5;
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(buffer);
        StateCodec.writeBytes(out, block);
        StateCodec.writeDoubles(out, row);
        StateCodec.writeFloats(out, floats);
        StateCodec.writeInts(out, ints);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(buffer.toByteArray()));
        assertArrayEquals(block, StateCodec.readBytes(in));
        assertArrayEquals(row, StateCodec.readDoubles(in));
        assertArrayEquals(floats, StateCodec.readFloats(in));
        assertArrayEquals(ints, StateCodec.readInts(in));
        assertEquals(-1, in.read(), "nothing left over");
    }

    /**
     * Values without a length (model and checkpoint files give it elsewhere) are the bytes those files
     * had when written value by value, a NaN's payload included, also past one buffer's worth.
     */
    @Test
    void floatValuesAreTheBytesOfRawBitsValueByValue() throws IOException {
        float[] f = new float[40_000];
        for (int k = 0; k < f.length; k++) {
            f[k] = (float) Math.sin(k) * k;
        }
        f[3] = Float.intBitsToFloat(0x7fc00001);
        f[17_000] = -0.0f;
        f[39_999] = Float.NEGATIVE_INFINITY;
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream byValue = new DataOutputStream(expected);
        for (float v : f) {
            byValue.writeInt(Float.floatToRawIntBits(v));
        }
        ByteArrayOutputStream actual = new ByteArrayOutputStream();
        StateCodec.writeFloatValues(new DataOutputStream(actual), f);
        assertArrayEquals(expected.toByteArray(), actual.toByteArray());
    }

    /** The layout the class documents, written value by value: files saved before stay readable. */
    @Test
    void arraysAreWrittenAsTheDocumentedBigEndianLayout() throws IOException {
        double[] d = new double[10_000];
        float[] f = new float[20_000];
        int[] i = new int[20_000];
        for (int k = 0; k < i.length; k++) {
            f[k] = k / 3f;
            i[k] = -k * 1_000_003;
            if (k < d.length) {
                d[k] = Math.sqrt(k) - 50;
            }
        }
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream byValue = new DataOutputStream(expected);
        byValue.writeInt(d.length);
        for (double v : d) {
            byValue.writeLong(Double.doubleToRawLongBits(v));
        }
        byValue.writeInt(f.length);
        for (float v : f) {
            byValue.writeInt(Float.floatToRawIntBits(v));
        }
        byValue.writeInt(i.length);
        for (int v : i) {
            byValue.writeInt(v);
        }
        ByteArrayOutputStream actual = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(actual);
        StateCodec.writeDoubles(out, d);
        StateCodec.writeFloats(out, f);
        StateCodec.writeInts(out, i);
        assertArrayEquals(expected.toByteArray(), actual.toByteArray());
    }

    /** One of StateCodec's readers. */
    @FunctionalInterface
    private interface StreamReader {
        Object read(DataInputStream in) throws IOException;
    }

    /** Version 0 cannot come from any Engram: it was blamed on "a newer Engram". */
    @Test
    void versionZeroIsCalledDamagedNotNewer() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        StateCodec.writeHeader(new DataOutputStream(buffer), "ewc", 0);
        EngramException e = assertThrows(EngramException.class, () -> StateCodec.readHeader(
                new DataInputStream(new ByteArrayInputStream(buffer.toByteArray())), "ewc", 1));
        assertTrue(e.getMessage().contains("found 0") && e.getMessage().contains("damaged")
                && !e.getMessage().contains("newer"), e.getMessage());
    }

    @Test
    void foreignStreamIsRejectedByItsMagic() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        new DataOutputStream(buffer).writeUTF("PK");
        EngramException e = assertThrows(EngramException.class,
                () -> StateCodec.readHeader(new DataInputStream(new ByteArrayInputStream(buffer.toByteArray())),
                        "ewc", 1));
        assertTrue(e.getMessage().contains("ENGRAM-STATE") && e.getMessage().contains("PK"), e.getMessage());
    }

    /** A reader of versions 1 and 2 reads both, and calls 3 newer; the version found is returned. */
    @Test
    void everyVersionFromOneToTheNewestIsRead() throws IOException {
        for (int version = 1; version <= 3; version++) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            StateCodec.writeHeader(new DataOutputStream(buffer), "ewc", version);
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(buffer.toByteArray()));
            if (version <= 2) {
                assertEquals(version, StateCodec.readHeader(in, "ewc", 2));
            } else {
                EngramException e = assertThrows(EngramException.class, () -> StateCodec.readHeader(in, "ewc", 2));
                assertEquals("format version 1..2", e.expected());
                assertEquals("the state was written by a newer Engram", e.hint());
            }
        }
    }

    /** A row written as none (length -1) where the writer never writes one is named as damaged. */
    @Test
    void aMissingRowIsCalledDamaged() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        StateCodec.writeDoubles(new DataOutputStream(buffer), (double[]) null);
        double[] row = StateCodec.readDoubles(new DataInputStream(new ByteArrayInputStream(buffer.toByteArray())));
        EngramException e = assertThrows(EngramException.class, () -> StateCodec.requirePresent("ewc", "fisher", row));
        assertEquals("ewc.fisher", e.location());
        assertEquals("none (length -1)", e.found());
        double[] present = {1};
        assertSame(present, StateCodec.requirePresent("ewc", "fisher", present));
    }

    /**
     * The shape check passes equal values and names both otherwise: a state written for a network of
     * other layer sizes is refused before it is read into arrays of the wrong length.
     */
    @Test
    void aShapeOtherThanTheObjectsIsNamedWithBothValues() {
        StateCodec.requireShape("ewc", "layer count", 3, 3);
        EngramException e = assertThrows(EngramException.class, () -> StateCodec.requireShape("ewc", "layer count",
                3, 4));
        assertEquals("ewc.layer count", e.location());
        assertEquals("3", e.expected());
        assertEquals("4", e.found());
        assertEquals("the state was written for a different network", e.hint());
    }

    /** Subnormals and NaNs of either sign keep their bits through float and double arrays. */
    @Test
    void subnormalsAndNegativeNaNsRoundTripBitForBit() throws IOException {
        int[] floatBits = {0x00000001, 0x007fffff, 0x80000001, 0xffc00123, 0x7fffffff, 0x80000000};
        long[] doubleBits = {1L, 0x000fffffffffffffL, 0x8000000000000001L, 0xfff8000000000abcL, 0x8000000000000000L};
        float[] f = new float[floatBits.length];
        for (int k = 0; k < f.length; k++) {
            f[k] = Float.intBitsToFloat(floatBits[k]);
        }
        double[] d = new double[doubleBits.length];
        for (int k = 0; k < d.length; k++) {
            d[k] = Double.longBitsToDouble(doubleBits[k]);
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(buffer);
        StateCodec.writeFloats(out, new float[][] {f});
        StateCodec.writeDoubles(out, new double[][] {d});
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(buffer.toByteArray()));
        float[] f2 = StateCodec.readFloatMatrix(in)[0];
        double[] d2 = StateCodec.readDoubleMatrix(in)[0];
        for (int k = 0; k < f.length; k++) {
            assertEquals(floatBits[k], Float.floatToRawIntBits(f2[k]), "float " + k);
        }
        for (int k = 0; k < d.length; k++) {
            assertEquals(doubleBits[k], Double.doubleToRawLongBits(d2[k]), "double " + k);
        }
    }

    /**
     * A state cut at any byte ends in an EOFException (which a checkpoint reader turns into a message
     * naming its file), never in values read from nowhere or another exception: the header and one
     * array of each kind, cut at every length short of the whole.
     */
    @Test
    void aStateCutAtAnyByteEndsAtTheEndOfData() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(buffer);
        StateCodec.writeHeader(out, "ewc", 2);
        StateCodec.writeDoubles(out, new double[][] {{1, 2}, null});
        StateCodec.writeFloats(out, new float[][] {{3, 4, 5}});
        StateCodec.writeInts(out, new int[] {6, 7});
        StateCodec.writeBytes(out, new byte[] {8, 9, 10});
        byte[] whole = buffer.toByteArray();
        for (int length = 0; length < whole.length; length++) {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(Arrays.copyOf(whole, length)));
            assertThrows(EOFException.class, () -> {
                StateCodec.readHeader(in, "ewc", 2);
                StateCodec.readDoubleMatrix(in);
                StateCodec.readFloatMatrix(in);
                StateCodec.readInts(in);
                StateCodec.readBytes(in);
            }, "cut at " + length);
        }
    }
}
