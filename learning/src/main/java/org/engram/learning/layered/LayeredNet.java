package org.engram.learning.layered;

import java.util.ArrayList;
import java.util.List;
import org.engram.simulator.ParameterException;
import org.engram.simulator.input.SpikeTimes;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Projection;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.random.Purpose;
import org.engram.simulator.random.SplitMixRandom;

/**
 * A layered spiking network built as a simulator {@link Network}: populations {@code input},
 * {@code hidden1 .. hiddenK}, {@code readout}; all-to-all plastic projections with a one-step delay
 * from each layer to the next and, for recurrent layers, from the layer to itself.
 *
 * <p>The trainable weights are the projections' live weight arrays. Because every projection is
 * all-to-all, its CSR rows are the rows of an input-major matrix: the weight from neuron {@code i}
 * of the layer below to neuron {@code j} is {@code weights(m)[i * post + j]}, so the forward pass
 * adds one contiguous row per presynaptic spike. Matrices are numbered in layer order, the
 * feed-forward matrix of a layer before its recurrent one.
 *
 * <p>The populations use {@code lif_delta} neurons with the layer's tau_m and threshold, rest and
 * reset at 0 and no refractory period: the engine reproduces the trained dynamics for LIF layers
 * with reset to zero. Reset by subtraction, threshold adaptation and the non-spiking membrane
 * readouts are dynamics of the trainer only.
 */
public final class LayeredNet {
    private static final double LARGEST_THRESHOLD = 1e30;
    /** Name of the input population: spike sources whose times {@link EngineInference} loads per sample. */
    public static final String INPUT = "input";

    private final LayeredNetSpec spec;
    private final Network network;
    private final List<Layer> layers;
    private final float[][] weights;
    private final int[] matrixPre;
    private final int[] matrixPost;
    private final int[] matrixLayer;
    /** Held through each {@link EngineInference} run: one engine at a time simulates the network. */
    final Object engineTurn = new Object();

    private LayeredNet(LayeredNetSpec spec, long seed) {
        this.spec = spec;
        NetworkBuilder b = new NetworkBuilder(spec.dtMs()).seed(seed);
        List<Layer> built = wire(spec, b);
        this.network = b.build();
        this.layers = List.copyOf(built);
        int[][] shapes = spec.matrixShapes();
        int n = shapes.length;
        this.weights = new float[n][];
        this.matrixPre = new int[n];
        this.matrixPost = new int[n];
        this.matrixLayer = new int[n];
        List<Projection> projections = network.projections();
        for (int m = 0; m < n; m++) {
            matrixPre[m] = shapes[m][0];
            matrixPost[m] = shapes[m][1];
            matrixLayer[m] = shapes[m][2];
            weights[m] = projections.get(m).weights();
        }
    }

    /**
     * Refuses a shape whose weight matrices cannot be built (past an array, or past the heap alone or
     * together), as building it would, but without drawing a weight: a run checks its network before
     * it starts.
     *
     * @param spec the shape and parameters
     * @throws ParameterException naming the projection that does not fit
     */
    public static void requireFits(LayeredNetSpec spec) {
        NetworkBuilder b = new NetworkBuilder(spec.dtMs());
        wire(spec, b);
        // Each matrix was checked alone as it was added; together they must fit too.
        b.requireFitsWhenBuilt();
    }

    /** Adds the layers' populations and all-to-all projections to {@code b}; the builder checks each. */
    private static List<Layer> wire(LayeredNetSpec spec, NetworkBuilder b) {
        List<Population<?, ?>> pops = new ArrayList<>();
        pops.add(b.population(INPUT, spec.inputs(), SpikeTimes.MODEL,
                new SpikeTimes.Params(new double[spec.inputs()][0])));
        List<Layer> built = new ArrayList<>();
        int pre = spec.inputs();
        int matrix = 0;
        Synapses oneStep = Synapses.excitatory(0).delayMs(spec.dtMs()).asPlastic();
        AllToAll rule = new AllToAll();
        for (int l = 0; l < spec.hidden().size(); l++) {
            HiddenLayer h = spec.hidden().get(l);
            Population<?, ?> pop = b.population("hidden" + (l + 1), h.size(), LifDelta.MODEL,
                    lifParams(h.tauMs(), h.threshold()));
            b.connect(pops.get(l).name() + "->" + pop.name(), pops.get(l), pop, rule, oneStep);
            int ff = matrix++;
            int rec = -1;
            if (h.recurrent()) {
                b.connect(pop.name() + "->" + pop.name(), pop, pop, rule, oneStep);
                rec = matrix++;
            }
            built.add(new Layer(l, h.size(), pre, true, h.tauMs(), h.threshold(), h.reset(),
                    h.kind() == NeuronKind.ADAPTIVE_LIF, h.tauAdaptMs(), h.adaptation(), 1.0, spec.dtMs(), ff, rec));
            pops.add(pop);
            pre = h.size();
        }
        ReadoutLayer r = spec.readout();
        int last = spec.hidden().size();
        Population<?, ?> out = b.population("readout", r.classes(), LifDelta.MODEL,
                lifParams(r.tauMs(), r.readout().spiking() ? r.threshold() : LARGEST_THRESHOLD));
        b.connect(pops.get(last).name() + "->readout", pops.get(last), out, rule, oneStep);
        built.add(new Layer(last, r.classes(), pre, r.readout().spiking(), r.tauMs(), r.threshold(), r.reset(),
                false, 1.0, 0.0, r.traceTauMs(), spec.dtMs(), matrix, -1));
        return built;
    }

    /** Refuses a missing spec by name, where its first use would be a bare NullPointerException. */
    private static LayeredNetSpec requireSpec(LayeredNetSpec spec) {
        return ParameterException.requireNonNull("layered network", "spec", spec,
                "a LayeredNetSpec (LayeredNetSpec.of)");
    }

    private static LifDelta.Params lifParams(double tauMs, double threshold) {
        return new LifDelta.Params(tauMs, 250.0, 0.0, threshold, 0.0, 0.0, 0.0);
    }

    /**
     * Builds the network and draws initial weights, uniform in {@code +-initGain / sqrt(fan_in)},
     * matrix {@code m} from the stream (seed, WEIGHT_INIT, m).
     *
     * @param spec the shape and parameters
     * @param seed the seed of the network and its initial weights
     * @return the network
     * @throws ParameterException if the spec is null
     */
    public static LayeredNet create(LayeredNetSpec spec, long seed) {
        LayeredNet net = new LayeredNet(requireSpec(spec), seed);
        for (int m = 0; m < net.weights.length; m++) {
            SplitMixRandom rng = new SplitMixRandom(
                    org.engram.simulator.random.RandomStreams.streamState(seed, Purpose.WEIGHT_INIT, m));
            double bound = spec.initGain() / Math.sqrt(net.matrixPre[m]);
            float[] w = net.weights[m];
            for (int k = 0; k < w.length; k++) {
                w[k] = (float) ((2 * rng.nextDouble() - 1) * bound);
            }
        }
        return net;
    }

    /**
     * Builds the network with given weights (for loading saved models).
     *
     * @param spec    the shape and parameters
     * @param seed    the network seed
     * @param weights one array per matrix, each of length {@code pre * post}; copied
     * @return the network
     * @throws ParameterException if the spec is null, or a matrix is missing, {@code null} or of another length
     *                            (checked before the network is built)
     */
    public static LayeredNet withWeights(LayeredNetSpec spec, long seed, float[][] weights) {
        int[][] shapes = requireSpec(spec).matrixShapes();
        if (weights == null || weights.length != shapes.length) {
            throw new ParameterException("layered network", "weight matrices", shapes.length + " matrices",
                    weights == null ? "null" : String.valueOf(weights.length));
        }
        for (int m = 0; m < weights.length; m++) {
            long size = (long) shapes[m][0] * shapes[m][1];
            if (weights[m] == null || weights[m].length != size) {
                throw new ParameterException("layered network", "weights[" + m + "]", size + " values ("
                        + shapes[m][0] + " x " + shapes[m][1] + ")", weights[m] == null ? "null"
                        : String.valueOf(weights[m].length));
            }
        }
        LayeredNet net = new LayeredNet(spec, seed);
        for (int m = 0; m < weights.length; m++) {
            System.arraycopy(weights[m], 0, net.weights[m], 0, weights[m].length);
        }
        return net;
    }

    /** {@return the spec} */
    public LayeredNetSpec spec() {
        return spec;
    }

    /** {@return the simulator network whose projection weights are this network's weights} */
    public Network network() {
        return network;
    }

    /** {@return the seed the network was built with} */
    public long seed() {
        return network.seed();
    }

    /** {@return the trainable layers, hidden first, readout last} */
    public List<Layer> layers() {
        return layers;
    }

    /** {@return the readout kind} */
    public Readout readout() {
        return spec.readout().readout();
    }

    /** {@return number of classes} */
    public int classes() {
        return spec.readout().classes();
    }

    /** {@return number of inputs} */
    public int inputs() {
        return spec.inputs();
    }

    /** {@return number of weight matrices} */
    public int matrixCount() {
        return weights.length;
    }

    /**
     * The live weights of a matrix, input-major: {@code w[i * post(m) + j]}.
     *
     * @param m the matrix, in [0, {@link #matrixCount()})
     * @return the live array (shared with the simulator projection)
     * @throws ParameterException for an index outside the matrices
     */
    public float[] weights(int m) {
        return weights[requireMatrix(m)];
    }

    /**
     * Checks a matrix index, for the methods here and the trainer's that take one.
     *
     * @param m the index
     * @return {@code m}
     * @throws ParameterException for an index outside [0, {@link #matrixCount()})
     */
    public int requireMatrix(int m) {
        if (m < 0 || m >= weights.length) {
            throw new ParameterException("layered network", "matrix", "an index in [0, " + weights.length + ")", m);
        }
        return m;
    }

    /**
     * {@return number of presynaptic neurons (rows)}
     *
     * @param m the matrix
     * @throws ParameterException for an index outside the matrices
     */
    public int pre(int m) {
        return matrixPre[requireMatrix(m)];
    }

    /**
     * {@return number of postsynaptic neurons (columns)}
     *
     * @param m the matrix
     * @throws ParameterException for an index outside the matrices
     */
    public int post(int m) {
        return matrixPost[requireMatrix(m)];
    }

    /**
     * {@return the index of the layer the matrix feeds}
     *
     * @param m the matrix
     * @throws ParameterException for an index outside the matrices
     */
    public int layerOf(int m) {
        return matrixLayer[requireMatrix(m)];
    }

    /** {@return the total number of weights} */
    public long weightCount() {
        long n = 0;
        for (float[] w : weights) {
            n += w.length;
        }
        return n;
    }
}
