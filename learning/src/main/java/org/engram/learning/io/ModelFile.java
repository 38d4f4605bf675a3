package org.engram.learning.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.engram.learning.layered.HiddenLayer;
import org.engram.learning.layered.LayeredNet;
import org.engram.learning.layered.LayeredNetSpec;
import org.engram.learning.layered.NeuronKind;
import org.engram.learning.layered.Readout;
import org.engram.learning.layered.ReadoutLayer;
import org.engram.learning.layered.ResetMode;
import org.engram.simulator.EngramException;

/**
 * Saves and loads a {@link LayeredNet}: every parameter of its spec, its seed and all weights.
 *
 * <p>Format (big-endian, Java {@code DataOutput} encoding):
 * <pre>
 *   magic    8 bytes  "ENGRAMNN"
 *   version  int      {@value #VERSION}
 *   length   int      payload bytes
 *   payload:
 *     seed long; inputs int; dt_ms double; init_gain double
 *     hidden count int; per hidden layer:
 *       size int; kind UTF; tau_m double; threshold double; reset UTF; tau_adapt double; adaptation double; recurrent boolean
 *     readout: classes int; readout UTF; tau_m double; threshold double; reset UTF; tau_trace double
 *     matrix count int; per matrix: pre int; post int; pre * post float bits (input-major)
 *   crc32    long     CRC-32 of the payload
 * </pre>
 * Enumerations are stored by name. Floats are stored as their raw bits, so a load gives back the
 * exact weights. Files are written to a temporary name and moved into place.
 */
public final class ModelFile {
    /** The format version this build writes and reads. */
    public static final int VERSION = 1;
    private static final byte[] MAGIC = "ENGRAMNN".getBytes(StandardCharsets.US_ASCII);

    private ModelFile() {
    }

    /**
     * Writes a network to a file, atomically.
     *
     * @param net  the network
     * @param file the target file
     * @throws EngramException if the file cannot be written
     */
    public static void save(LayeredNet net, Path file) {
        byte[] payload = payload(net);
        CRC32 crc = new CRC32();
        crc.update(payload);
        Path dir = file.toAbsolutePath().getParent();
        try {
            Path tmp = dir.resolve(file.getFileName() + ".tmp");
            try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(tmp))) {
                out.write(MAGIC);
                out.writeInt(VERSION);
                out.writeInt(payload.length);
                out.write(payload);
                out.writeLong(crc.getValue());
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new EngramException(file + ": cannot write model file: " + e.getMessage(), e);
        }
    }

    private static byte[] payload(LayeredNet net) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            LayeredNetSpec spec = net.spec();
            out.writeLong(net.seed());
            out.writeInt(spec.inputs());
            out.writeDouble(spec.dtMs());
            out.writeDouble(spec.initGain());
            out.writeInt(spec.hidden().size());
            for (HiddenLayer h : spec.hidden()) {
                out.writeInt(h.size());
                out.writeUTF(h.kind().name());
                out.writeDouble(h.tauMs());
                out.writeDouble(h.threshold());
                out.writeUTF(h.reset().name());
                out.writeDouble(h.tauAdaptMs());
                out.writeDouble(h.adaptation());
                out.writeBoolean(h.recurrent());
            }
            ReadoutLayer r = spec.readout();
            out.writeInt(r.classes());
            out.writeUTF(r.readout().name());
            out.writeDouble(r.tauMs());
            out.writeDouble(r.threshold());
            out.writeUTF(r.reset().name());
            out.writeDouble(r.traceTauMs());
            out.writeInt(net.matrixCount());
            for (int m = 0; m < net.matrixCount(); m++) {
                out.writeInt(net.pre(m));
                out.writeInt(net.post(m));
                for (float w : net.weights(m)) {
                    out.writeInt(Float.floatToRawIntBits(w));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a network written by {@link #save}.
     *
     * @param file the file
     * @return the network, with exactly the saved weights
     * @throws EngramException if the file is missing, not a model file, of another format version,
     *                         truncated or corrupt
     */
    public static LayeredNet load(Path file) {
        String source = file.toString();
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new EngramException(source + ": cannot read model file: " + e.getMessage(), e);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all))) {
            byte[] magic = new byte[MAGIC.length];
            if (all.length < MAGIC.length + 8) {
                throw new EngramException(source, "header", "an Engram model file (at least 16 bytes)",
                        all.length + " bytes", null);
            }
            in.readFully(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new EngramException(source, "magic", "an Engram model file starting with 'ENGRAMNN'",
                        "'" + printable(magic) + "'", null);
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new EngramException(source, "version", "model format version " + VERSION, String.valueOf(version),
                        version > VERSION ? "the file was written by a newer Engram" : "the file was written by an older Engram");
            }
            int length = in.readInt();
            if (length < 0 || length > all.length - 24) {
                throw new EngramException(source, "length", "a payload of at most " + Math.max(0, all.length - 24)
                        + " bytes (file size " + all.length + ")", String.valueOf(length), "the file is truncated");
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
            return parse(source, payload);
        } catch (EOFException e) {
            throw new EngramException(source, "payload", "a complete model file", "end of file", "the file is truncated");
        } catch (IOException e) {
            throw new EngramException(source + ": cannot read model file: " + e.getMessage(), e);
        }
    }

    private static LayeredNet parse(String source, byte[] payload) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            long seed = in.readLong();
            int inputs = in.readInt();
            double dtMs = in.readDouble();
            double initGain = in.readDouble();
            int hiddenCount = in.readInt();
            if (hiddenCount < 1 || hiddenCount > 1024) {
                throw new EngramException(source, "hidden layers", "1 to 1024", String.valueOf(hiddenCount),
                        "the file is corrupt");
            }
            List<HiddenLayer> hidden = new ArrayList<>();
            for (int l = 0; l < hiddenCount; l++) {
                hidden.add(new HiddenLayer(in.readInt(), named(source, NeuronKind.class, in.readUTF()), in.readDouble(),
                        in.readDouble(), named(source, ResetMode.class, in.readUTF()), in.readDouble(), in.readDouble(),
                        in.readBoolean()));
            }
            ReadoutLayer readout = new ReadoutLayer(in.readInt(), named(source, Readout.class, in.readUTF()),
                    in.readDouble(), in.readDouble(), named(source, ResetMode.class, in.readUTF()), in.readDouble());
            LayeredNetSpec spec = new LayeredNetSpec(inputs, hidden, readout, dtMs, initGain);
            int matrices = in.readInt();
            if (matrices < 0 || matrices > 4 * 1024) {
                throw new EngramException(source, "matrices", "0 to 4096", String.valueOf(matrices), "the file is corrupt");
            }
            float[][] weights = new float[matrices][];
            for (int m = 0; m < matrices; m++) {
                long count = (long) in.readInt() * in.readInt();
                if (count < 0 || count * 4 > payload.length) {
                    throw new EngramException(source, "matrix " + m, "a shape that fits the file", String.valueOf(count),
                            "the file is corrupt");
                }
                weights[m] = new float[(int) count];
                for (int k = 0; k < count; k++) {
                    weights[m][k] = Float.intBitsToFloat(in.readInt());
                }
            }
            if (in.available() != 0) {
                throw new EngramException(source, "payload", "no bytes after the last matrix",
                        in.available() + " bytes", "the file is corrupt");
            }
            return LayeredNet.withWeights(spec, seed, weights);
        } catch (org.engram.simulator.ParameterException e) {
            throw new EngramException(source + ": the model file holds invalid parameters: " + e.getMessage(), e);
        }
    }

    private static <E extends Enum<E>> E named(String source, Class<E> type, String name) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw new EngramException(source, type.getSimpleName(), "one of "
                + java.util.Arrays.toString(type.getEnumConstants()), name, "the file is corrupt");
    }

    private static String printable(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(b >= 32 && b < 127 ? (char) b : '?');
        }
        return sb.toString();
    }
}
