package org.engram.learning.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.engram.learning.layered.HiddenLayer;
import org.engram.learning.layered.LayeredNet;
import org.engram.learning.layered.LayeredNetSpec;
import org.engram.learning.layered.Readout;
import org.engram.learning.layered.ReadoutLayer;
import org.engram.learning.layered.ResetMode;
import org.engram.simulator.EngramException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    @TempDir
    Path dir;

    private static LayeredNet sample() {
        LayeredNetSpec spec = new LayeredNetSpec(7,
                List.of(HiddenLayer.adaptive(5, 12.0, 80.0, 0.3).withRecurrent(true),
                        HiddenLayer.lif(4, 9.0).withReset(ResetMode.ZERO)),
                new ReadoutLayer(3, Readout.EXP_RATE, 11.0, 0.8, ResetMode.ZERO, 7.0), 0.5, 1.7);
        LayeredNet net = LayeredNet.create(spec, 99);
        net.weights(0)[3] = Float.intBitsToFloat(0x7fc00001);
        net.weights(1)[0] = -0.0f;
        net.weights(2)[1] = Float.MIN_VALUE;
        return net;
    }

    @Test
    void roundTripIsBitExact() {
        LayeredNet net = sample();
        Path file = dir.resolve("model.engram");
        ModelFile.save(net, file);
        LayeredNet back = ModelFile.load(file);
        assertEquals(net.spec(), back.spec());
        assertEquals(net.seed(), back.seed());
        assertEquals(net.matrixCount(), back.matrixCount());
        for (int m = 0; m < net.matrixCount(); m++) {
            int[] a = bits(net.weights(m));
            int[] b = bits(back.weights(m));
            assertArrayEquals(a, b, "matrix " + m);
        }
        assertTrue(Files.exists(file));
        assertEquals(1, dir.toFile().list().length, "no temporary file may remain");
    }

    private static int[] bits(float[] w) {
        int[] out = new int[w.length];
        for (int k = 0; k < w.length; k++) {
            out[k] = Float.floatToRawIntBits(w[k]);
        }
        return out;
    }

    /**
     * A file written by format version 1 must still load. It was made by saving
     * {@code LayeredNet.create(new LayeredNetSpec(4,
     * List.of(HiddenLayer.adaptive(3, 12.0, 80.0, 0.25).withRecurrent(true)),
     * new ReadoutLayer(2, Readout.MEAN_MEMBRANE, 10.0, 1.0, ResetMode.SUBTRACT, 10.0), 1.0, 1.0), 2026)};
     * the hash is {@code TrainBenchmark.weightsHash} of that network.
     */
    @Test
    void loadsTheVersionOneGoldenFile() throws Exception {
        Path file = Path.of(getClass().getResource("golden-v1.engram").toURI());
        LayeredNet net = ModelFile.load(file);
        assertEquals(new LayeredNetSpec(4, List.of(HiddenLayer.adaptive(3, 12.0, 80.0, 0.25).withRecurrent(true)),
                new ReadoutLayer(2, Readout.MEAN_MEMBRANE, 10.0, 1.0, ResetMode.SUBTRACT, 10.0), 1.0, 1.0), net.spec());
        assertEquals(2026, net.seed());
        assertEquals("0ae7bafff36cce380fc4c23f39c6bd45522c6c463fc9e6c62cca238a19880a56",
                org.engram.learning.train.TrainBenchmark.weightsHash(net));
    }

    @Test
    void rejectsAnotherFormatVersionWithClearMessage() throws IOException {
        Path file = dir.resolve("model.engram");
        ModelFile.save(sample(), file);
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).putInt(8, ModelFile.VERSION + 1);
        Files.write(file, bytes);
        EngramException e = assertThrows(EngramException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().contains("version") && e.getMessage().contains("found " + (ModelFile.VERSION + 1))
                && e.getMessage().contains("newer"), e.getMessage());
    }

    @Test
    void rejectsAFlippedByteAsCorrupt() throws IOException {
        Path file = dir.resolve("model.engram");
        ModelFile.save(sample(), file);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(file, bytes);
        EngramException e = assertThrows(EngramException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().contains("checksum") && e.getMessage().contains("corrupt"), e.getMessage());
        assertTrue(e.getMessage().startsWith(file.toString()), "message names the file: " + e.getMessage());
    }

    @Test
    void rejectsATruncatedFile() throws IOException {
        Path file = dir.resolve("model.engram");
        ModelFile.save(sample(), file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 20));
        EngramException e = assertThrows(EngramException.class, () -> ModelFile.load(file));
        // The file's size against what its header announces, in that order (it had read back to front).
        assertTrue(e.getMessage().contains("size: expected the " + bytes.length + " bytes its header announces")
                && e.getMessage().contains("found " + (bytes.length - 20) + " bytes; the file is truncated"),
                e.getMessage());
    }

    /** Bytes after the checksum (e.g. two model files joined with cat) were ignored and the first model loaded. */
    @Test
    void rejectsBytesAfterTheChecksum() throws IOException {
        Path file = dir.resolve("model.engram");
        ModelFile.save(sample(), file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, bytes, StandardOpenOption.APPEND);
        EngramException e = assertThrows(EngramException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().startsWith(file + ": length: expected a payload of " + (2 * bytes.length - 24)
                + " bytes") && e.getMessage().contains("found " + (bytes.length - 24)), e.getMessage());
    }

    @Test
    void rejectsAFileThatIsNotAModel() throws IOException {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "these are not the weights you are looking for");
        EngramException e = assertThrows(EngramException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().contains("ENGRAMNN") && e.getMessage().contains("'these ar'"), e.getMessage());
    }

    /**
     * A small file (valid frame and checksum) whose layer sizes say 40,000 x 40,000 must be
     * rejected from its few bytes of weights: building that network first would ask for 1.6 x 10^9
     * synapses (6.4 GB of weights alone), beyond the test JVM's heap. Sizes past one array
     * (100,000 x 100,000) are refused by the network's shape, naming the file too.
     */
    @Test
    void inflatedLayerSizesAreRejectedBeforeAnythingIsBuilt() throws IOException {
        Path file = dir.resolve("inflated.engram");
        Envelope.write(file, "ENGRAMNN", ModelFile.VERSION, payload(40_000, 40_000, new int[][] {{1, 1}, {1, 1}}));
        EngramException e = assertThrows(EngramException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().startsWith(file.toString()), "message names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains("matrix 0: expected 40000 x 40000 weights")
                && e.getMessage().contains("found 1 x 1"), e.getMessage());
        Envelope.write(file, "ENGRAMNN", ModelFile.VERSION, payload(100_000, 100_000, new int[][] {{1, 1}, {1, 1}}));
        e = assertThrows(EngramException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains("hidden[0]: expected at "
                + "most 2147483639 weights in one matrix"), e.getMessage());
    }

    /** A matrix stored with its rows and columns swapped would be read as another weight layout. */
    @Test
    void matrixWhoseShapeDisagreesWithTheLayersIsRejected() throws IOException {
        Path file = dir.resolve("swapped.engram");
        Envelope.write(file, "ENGRAMNN", ModelFile.VERSION, payload(3, 4, new int[][] {{4, 3}, {4, 2}}));
        EngramException e = assertThrows(EngramException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().contains("matrix 0: expected 3 x 4 weights")
                && e.getMessage().contains("found 4 x 3"),
                e.getMessage());
    }

    /**
     * The payload of a network with {@code inputs} inputs, one LIF layer of {@code hidden} neurons
     * and two classes, written field by field as the format in ModelFile's Javadoc says, with
     * matrices of the given {pre, post} shapes (zero weights).
     */
    private static byte[] payload(int inputs, int hidden, int[][] matrices) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeLong(1);
        out.writeInt(inputs);
        out.writeDouble(1.0);
        out.writeDouble(1.0);
        out.writeInt(1);
        out.writeInt(hidden);
        out.writeUTF("LIF");
        out.writeDouble(10);
        out.writeDouble(1);
        out.writeUTF("SUBTRACT");
        out.writeDouble(100);
        out.writeDouble(0);
        out.writeBoolean(false);
        out.writeInt(2);
        out.writeUTF("MEAN_MEMBRANE");
        out.writeDouble(10);
        out.writeDouble(1);
        out.writeUTF("SUBTRACT");
        out.writeDouble(10);
        out.writeInt(matrices.length);
        for (int[] shape : matrices) {
            out.writeInt(shape[0]);
            out.writeInt(shape[1]);
            for (int k = 0; k < shape[0] * shape[1]; k++) {
                out.writeInt(0);
            }
        }
        out.flush();
        return bytes.toByteArray();
    }

    /**
     * A large file of another kind (here 3 GB, sparse) is refused by its magic after its first
     * bytes: reading it whole first failed with OutOfMemoryError (more than a Java array holds).
     */
    @Test
    void aLargeFileOfAnotherKindIsRefusedByItsHeader() throws IOException {
        Path file = dir.resolve("video.mp4");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(3L << 30);
        }
        EngramException e = assertThrows(EngramException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().startsWith(file + ": magic: expected an Engram model file starting with 'ENGRAMNN'"),
                e.getMessage());
    }

    @Test
    void aMissingFileIsNamedAsMissing() {
        Path file = dir.resolve("absent.engram");
        EngramException e = assertThrows(EngramException.class, () -> ModelFile.load(file));
        assertEquals(file + ": file: expected an existing model file, found no such file", e.getMessage());
    }

    @Test
    void failedSaveLeavesNoTemporaryFileBehind() throws IOException {
        // The target is a non-empty directory, so the final move fails after the temporary file
        // was written; the half-done write must not stay on disk.
        Path target = dir.resolve("model.bin");
        Files.createDirectories(target.resolve("occupied"));
        assertThrows(EngramException.class, () -> ModelFile.save(sample(), target));
        try (java.util.stream.Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(target), left.toList(), "temporary file left behind");
        }
    }

    /**
     * At most 1024 hidden layers: a payload that announces 1024 and then ends is a short stream, one
     * that announces 1025 is refused by its count before anything else is read.
     */
    @Test
    void hiddenLayerCountsStopAt1024() throws IOException {
        for (int count : new int[] {1024, 1025}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeLong(1);
            out.writeInt(7);
            out.writeDouble(1.0);
            out.writeDouble(1.0);
            out.writeInt(count);
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(
                    bytes.toByteArray()));
            if (count == 1024) {
                assertThrows(EOFException.class, () -> ModelFile.read("m", in, 1 << 20, null));
            } else {
                EngramException e = assertThrows(EngramException.class, () -> ModelFile.read("m", in, 1 << 20, null));
                assertEquals("hidden layers", e.location());
                assertEquals("1025", e.found());
            }
        }
    }

    /**
     * A matrix whose weights (4 bytes each) need more bytes than the payload's bound is refused
     * before it is allocated; one that needs exactly the bound is read. The sample's largest matrix
     * is 7 x 5 inputs to the first layer = 35 weights = 140 bytes.
     */
    @Test
    void aMatrixMustFitTheBoundOnThePayload() throws IOException {
        LayeredNet net = sample();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelFile.write(net, new DataOutputStream(bytes));
        byte[] payload = bytes.toByteArray();
        LayeredNet read = ModelFile.read("m", new DataInputStream(new ByteArrayInputStream(payload)),
                140, null);
        assertArrayEquals(net.weights(0), read.weights(0));
        EngramException e = assertThrows(EngramException.class, () -> ModelFile.read("m",
                new DataInputStream(new ByteArrayInputStream(payload)), 139, null));
        assertEquals("matrix 0", e.location());
        assertEquals("35", e.found());
    }

    /**
     * A model file cut at any byte is refused, naming the file and its size: the frame is 8 + 4 + 4
     * bytes of header and an 8-byte checksum, so a file shorter than 24 bytes cannot hold a frame
     * ("header") and a longer one holds fewer bytes than its header announces ("size").
     */
    @Test
    void aFileCutAtAnyByteIsRefusedWithItsSize() throws IOException {
        Path file = dir.resolve("cut.engram");
        ModelFile.save(sample(), file);
        byte[] whole = Files.readAllBytes(file);
        for (int length = 0; length < whole.length; length++) {
            Files.write(file, Arrays.copyOf(whole, length));
            EngramException e = assertThrows(EngramException.class, () -> ModelFile.load(file), "cut at " + length);
            assertEquals(file.toString(), e.source());
            assertEquals(length < 24 ? "header" : "size", e.location(), "cut at " + length);
            assertEquals(length + " bytes", e.found());
        }
    }

    /**
     * One damaged byte anywhere is refused, by the part of the frame it falls in: the magic (bytes
     * 0-7), the version (8-11), the length (12-15: more than the file holds is "size", less is
     * "length"), else the payload or the stored CRC-32, which CRC-32 tells apart from any change of
     * one byte (it detects every error burst of up to 32 bits).
     */
    @Test
    void oneDamagedByteAnywhereIsRefusedByThePartItFallsIn() throws IOException {
        Path file = dir.resolve("flipped.engram");
        ModelFile.save(sample(), file);
        byte[] whole = Files.readAllBytes(file);
        for (int k = 0; k < whole.length; k++) {
            for (int flip : new int[] {0x01, 0xff}) {
                byte[] bytes = whole.clone();
                bytes[k] ^= (byte) flip;
                Files.write(file, bytes);
                EngramException e = assertThrows(EngramException.class, () -> ModelFile.load(file), "byte " + k);
                assertEquals(file.toString(), e.source());
                Set<String> part = k < 8 ? Set.of("magic") : k < 12 ? Set.of("version")
                        : k < 16 ? Set.of("length", "size") : Set.of("checksum");
                assertTrue(part.contains(e.location()), "byte " + k + " ^ " + flip + ": " + e.getMessage());
            }
        }
    }

    /**
     * A payload damaged before its checksum was computed (a faulty writer) passes the frame: one
     * changed byte anywhere in it either still describes a valid network or is refused with a
     * message naming the file, never an exception of the reader's own (a short stream, a bad
     * array size, an unknown name).
     */
    @Test
    void aDamagedPayloadUnderAValidChecksumIsLoadedOrRefusedNamingTheFile() throws IOException {
        ByteArrayOutputStream model = new ByteArrayOutputStream();
        ModelFile.write(sample(), new DataOutputStream(model));
        byte[] payload = model.toByteArray();
        Path file = dir.resolve("framed.engram");
        for (int k = 0; k < payload.length; k++) {
            for (int flip : new int[] {0x01, 0x40, 0x80, 0xff}) {
                byte[] damaged = payload.clone();
                damaged[k] ^= (byte) flip;
                ByteArrayOutputStream frame = new ByteArrayOutputStream();
                Envelope.writeFrame(frame, "ENGRAMNN", ModelFile.VERSION, damaged);
                Files.write(file, frame.toByteArray());
                try {
                    ModelFile.load(file);
                } catch (EngramException e) {
                    assertTrue(e.getMessage().startsWith(file.toString()), "byte " + k + ": " + e.getMessage());
                }
            }
        }
    }

    /**
     * A name in the payload that is not modified UTF-8 (0xFF never occurs in it), under a valid
     * checksum, is reported as unreadable data, not as the end of the data: the file holds all its bytes.
     */
    @Test
    void aNameThatIsNotTextIsReportedAsUnreadableData() throws IOException {
        ByteArrayOutputStream model = new ByteArrayOutputStream();
        ModelFile.write(sample(), new DataOutputStream(model));
        byte[] payload = model.toByteArray();
        byte[] name = "EXP_RATE".getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(payload, name);
        payload[at] = (byte) 0xff;
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        Envelope.writeFrame(frame, "ENGRAMNN", ModelFile.VERSION, payload);
        Path file = Files.write(dir.resolve("not-text.engram"), frame.toByteArray());
        EngramException e = assertThrows(EngramException.class, () -> ModelFile.load(file));
        assertEquals("payload", e.location());
        assertTrue(e.found().startsWith("unreadable data (malformed input"), e.getMessage());
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        for (int k = 0; k + part.length <= bytes.length; k++) {
            if (Arrays.equals(bytes, k, k + part.length, part, 0, part.length)) {
                return k;
            }
        }
        throw new AssertionError("not in the payload");
    }
}
