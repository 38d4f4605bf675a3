package org.engram.learning.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.engram.learning.layered.HiddenLayer;
import org.engram.learning.layered.LayeredNet;
import org.engram.learning.layered.LayeredNetSpec;
import org.engram.learning.layered.NeuronKind;
import org.engram.learning.layered.Readout;
import org.engram.learning.layered.ReadoutLayer;
import org.engram.learning.layered.ResetMode;
import org.engram.simulator.EngramException;
import org.engram.simulator.ParameterException;
import org.engram.simulator.Plural;

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
 *       size int; kind UTF; tau_m double; threshold double; reset UTF; tau_adapt double;
 *       adaptation double; recurrent boolean
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
    private static final String MAGIC = "ENGRAMNN";
    private static final String KIND = "model file";

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
        ParameterException.requireNonNull("model file", "net", net, "a value");
        ParameterException.requireNonNull("model file", "file", file, "a value");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(net, out);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        Envelope.write(file, MAGIC, VERSION, bytes.toByteArray());
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
        ParameterException.requireNonNull("model file", "file", file, "a value");
        byte[] payload = Envelope.read(file, MAGIC, VERSION, KIND);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            LayeredNet net = read(file.toString(), in, payload.length, null);
            if (in.available() != 0) {
                throw new EngramException(file.toString(), "payload", "no bytes after the last matrix",
                        in.available() + " bytes", "the file is corrupt");
            }
            return net;
        } catch (IOException e) {
            throw Envelope.unreadablePayload(file.toString(), KIND, e);
        }
    }

    /** Writes the model payload (used by this file and by {@link TrainingCheckpoint}). */
    static void write(LayeredNet net, java.io.DataOutput out) throws IOException {
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
            StateCodec.writeFloatValues(out, net.weights(m));
        }
    }

    /**
     * The first part in which two network specs differ, so that a message names it rather than
     * printing both specs whole.
     *
     * @return what {@code expected} has there, then what {@code found} has
     */
    private static String[] difference(LayeredNetSpec expected, LayeredNetSpec found) {
        if (expected.inputs() != found.inputs()) {
            return new String[] {expected.inputs() + " inputs", found.inputs() + " inputs"};
        }
        List<HiddenLayer> want = expected.hidden();
        List<HiddenLayer> got = found.hidden();
        if (want.size() != got.size()) {
            return new String[] {Plural.count(want.size(), "hidden layer"), Plural.count(got.size(), "hidden layer")};
        }
        List<Integer> wantSizes = want.stream().map(HiddenLayer::size).toList();
        List<Integer> gotSizes = got.stream().map(HiddenLayer::size).toList();
        if (!wantSizes.equals(gotSizes)) {
            // In the config's words (network.hidden), rather than every field of the layers.
            return new String[] {"hidden layer sizes " + wantSizes, "hidden layer sizes " + gotSizes};
        }
        for (int l = 0; l < want.size(); l++) {
            if (!want.get(l).equals(got.get(l))) {
                return new String[] {"hidden layer " + (l + 1) + " " + want.get(l), "hidden layer " + (l + 1) + " "
                        + got.get(l)};
            }
        }
        if (expected.readout().classes() != found.readout().classes()) {
            return new String[] {expected.readout().classes() + " readout units", found.readout().classes()
                    + " readout units"};
        }
        return new String[] {expected.toString(), found.toString()};
    }

    /**
     * Reads a model payload. Nothing is allocated for the weights until the spec is read and every
     * matrix's shape in the file agrees with it, and the network is built only after its weights are
     * read, so layer sizes that a damaged file inflates cannot exhaust memory.
     *
     * @param source   the file or container name, for errors
     * @param in       the stream
     * @param limit    an upper bound on the payload's bytes
     * @param expected the spec the payload must have (a checkpoint of a given network), or
     *                 {@code null} for any
     * @return the network
     * @throws IOException     if the stream ends early
     * @throws CheckpointOfAnotherNetwork naming {@code source} if the payload has another spec
     * @throws EngramException naming {@code source} if the payload is corrupt
     */
    static LayeredNet read(String source, java.io.DataInput in, long limit, LayeredNetSpec expected)
            throws IOException {
        try {
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
            if (expected != null && !spec.equals(expected)) {
                String[] differ = difference(expected, spec);
                throw new CheckpointOfAnotherNetwork(source, differ[0], differ[1]);
            }
            int[][] shapes = spec.matrixShapes();
            int matrices = in.readInt();
            if (matrices != shapes.length) {
                throw new EngramException(source, "matrices", shapes.length + " (the layers' weight matrices)",
                        String.valueOf(matrices), "the file is corrupt");
            }
            float[][] weights = new float[matrices][];
            for (int m = 0; m < matrices; m++) {
                int pre = in.readInt();
                int post = in.readInt();
                if (pre != shapes[m][0] || post != shapes[m][1]) {
                    throw new EngramException(source, "matrix " + m, shapes[m][0] + " x " + shapes[m][1]
                            + " weights (from the layer sizes)", pre + " x " + post, "the file is corrupt");
                }
                long count = (long) pre * post;
                if (count * 4 > limit) {
                    throw new EngramException(source, "matrix " + m, "a shape that fits the file",
                            String.valueOf(count), "the file is corrupt");
                }
                weights[m] = new float[(int) count];
                for (int k = 0; k < count; k++) {
                    weights[m][k] = Float.intBitsToFloat(in.readInt());
                }
            }
            return LayeredNet.withWeights(spec, seed, weights);
        } catch (ParameterException e) {
            throw new EngramException(source + ": the file holds invalid parameters: " + e.getMessage(), e);
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
}
