package org.engram.learning.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.engram.learning.encode.DirectCurrentEncoder;
import org.engram.learning.encode.EncodedInput;
import org.engram.learning.encode.Encoder;
import org.engram.learning.encode.RateEncoder;
import org.engram.learning.layered.HiddenLayer;
import org.engram.learning.layered.Layer;
import org.engram.learning.layered.LayeredNet;
import org.engram.learning.layered.LayeredNetSpec;
import org.engram.learning.layered.NeuronKind;
import org.engram.learning.layered.Readout;
import org.engram.learning.layered.ReadoutLayer;
import org.engram.learning.layered.ResetMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With the spike step replaced by the surrogate's antiderivative in the forward pass, the
 * surrogate gradient is the exact gradient; BPTT (float) must then match central finite
 * differences of an independent double-precision forward pass written here from the equations.
 */
class BpttGradientTest {
    private static final int STEPS = 12;
    /** More steps than fit a step mask: the encoder writes spike lists and the trainer groups them itself. */
    private static final int LONG_STEPS = 70;
    private static final int INPUTS = 6;

    /**
     * Tolerance: float BPTT rounds each of ~10^3 operations at 6e-8 relative, errors add up to ~1e-6 of the gradient
     * norm; FD in double with h = 1e-6 errs ~1e-10. 1e-4 leaves room but catches any wrong term (those err by >1e-2).
     */
    private static final double REL_TOL = 1e-4;

    @ParameterizedTest
    @EnumSource(Readout.class)
    void recurrentLifGradientMatchesFiniteDifferences(Readout readout) {
        HiddenLayer h = new HiddenLayer(5, NeuronKind.LIF, 8.0, 0.6, ResetMode.SUBTRACT, 50.0, 0.0, true);
        check(List.of(h), readout, Surrogate.FAST_SIGMOID, 2.0, false, false);
    }

    @ParameterizedTest
    @EnumSource(value = Surrogate.class, names = {"FAST_SIGMOID", "TRIANGLE"})
    void longSequencesFromSpikeListsMatchFiniteDifferences(Surrogate surrogate) {
        HiddenLayer h = new HiddenLayer(4, NeuronKind.LIF, 20.0, 1.5, ResetMode.SUBTRACT, 50.0, 0.0, true);
        check(List.of(h), Readout.MEAN_MEMBRANE, surrogate, 1.0, false, false, LONG_STEPS);
    }

    @ParameterizedTest
    @EnumSource(Surrogate.class)
    void adaptiveZeroResetGradientMatchesFiniteDifferences(Surrogate surrogate) {
        HiddenLayer h = new HiddenLayer(5, NeuronKind.ADAPTIVE_LIF, 6.0, 0.5, ResetMode.ZERO, 30.0, 0.4, true);
        check(List.of(h), Readout.MEAN_MEMBRANE, surrogate, 1.5, false, false);
    }

    @ParameterizedTest
    @EnumSource(ResetMode.class)
    void twoHiddenLayersWithDirectCurrentMatchFiniteDifferences(ResetMode reset) {
        HiddenLayer h1 = new HiddenLayer(5, NeuronKind.ADAPTIVE_LIF, 8.0, 0.5, reset, 40.0, 0.3, false);
        HiddenLayer h2 = new HiddenLayer(4, NeuronKind.LIF, 5.0, 0.4, reset, 40.0, 0.0, true);
        check(List.of(h1, h2), Readout.SPIKE_COUNT, Surrogate.ARCTAN, 1.0, true, false);
    }

    private void check(List<HiddenLayer> hidden, Readout readout, Surrogate surrogate, double slope,
                       boolean current, boolean detach) {
        check(hidden, readout, surrogate, slope, current, detach, STEPS);
    }

    /**
     * MAS's importance target, the squared norm of the allowed outputs, has the gradient of its
     * definition; an output the mask leaves out adds neither to it nor to its gradient.
     */
    @ParameterizedTest
    @EnumSource(value = Readout.class, names = {"MEAN_MEMBRANE", "SPIKE_COUNT"})
    void outputSquaredNormGradientMatchesFiniteDifferences(Readout readout) {
        HiddenLayer h = new HiddenLayer(5, NeuronKind.LIF, 8.0, 0.6, ResetMode.SUBTRACT, 50.0, 0.0, true);
        check(List.of(h), readout, Surrogate.FAST_SIGMOID, 2.0, false, false, STEPS, Loss.OUTPUT_SQUARED_NORM,
                new boolean[] {true, false, true});
    }

    /**
     * The cross-entropy over some of the classes, the loss of an incoming sample under ER-ACE
     * (log sum over the allowed classes of exp z_c, minus z_y), has the gradient of its definition;
     * the class left out adds neither to the loss nor to its gradient.
     */
    @ParameterizedTest
    @EnumSource(value = Readout.class, names = {"MEAN_MEMBRANE", "SPIKE_COUNT"})
    void crossEntropyOverSomeClassesMatchesFiniteDifferences(Readout readout) {
        HiddenLayer h = new HiddenLayer(5, NeuronKind.LIF, 8.0, 0.6, ResetMode.SUBTRACT, 50.0, 0.0, true);
        check(List.of(h), readout, Surrogate.FAST_SIGMOID, 2.0, false, false, STEPS, Loss.CROSS_ENTROPY,
                new boolean[] {true, false, true});
    }

    /**
     * The first layer's input is built from runs of consecutive spike steps, found from step masks up
     * to 64 steps and from spike lists beyond: patterns that a random encoder seldom draws must give
     * the gradient of their definition too. Every input alternating makes the most runs an input can
     * have ((steps + 1) / 2); a run that ends in step 63 ends at the last bit of a mask; an input
     * whose spikes end one step before the next input's begin, and inputs that spike in every step
     * (one run, not one per spike), test the grouping of spike lists.
     */
    @ParameterizedTest
    @ValueSource(strings = {"alternating12", "lastMaskBit64", "adjacentInputs70"})
    void scriptedSpikePatternsMatchFiniteDifferences(String pattern) {
        Encoder encoder = switch (pattern) {
            case "alternating12" -> new ScriptedEncoder(12, (i, t) -> (i + t) % 2 == 0);
            case "lastMaskBit64" -> new ScriptedEncoder(64, (i, t) -> t % (i + 2) != 0 || t >= 60);
            default -> new ScriptedEncoder(LONG_STEPS, (i, t) -> switch (i) {
                case 0 -> t < 35;
                case 1 -> t >= 35;
                case 3 -> t % 2 == 0;
                case 4 -> t % 2 == 1;
                default -> true;
            });
        };
        HiddenLayer h = new HiddenLayer(4, NeuronKind.LIF, 20.0, 1.5, ResetMode.SUBTRACT, 50.0, 0.0, true);
        check(List.of(h), Readout.MEAN_MEMBRANE, Surrogate.FAST_SIGMOID, 1.0, encoder, false, Loss.CROSS_ENTROPY,
                null);
    }

    /** Input {@code i} spikes in step {@code t} when {@code rule.spikes(i, t)}, whatever the sample. */
    private record ScriptedEncoder(int steps, SpikeRule rule) implements Encoder {
        interface SpikeRule {
            boolean spikes(int input, int step);
        }

        @Override
        public String describe() {
            return "scripted";
        }

        @Override
        public void encode(float[] sample, long streamState, EncodedInput out) {
            out.clearSpikes();
            for (int t = 0; t < steps; t++) {
                for (int i = 0; i < sample.length; i++) {
                    if (rule.spikes(i, t)) {
                        out.spike(i);
                    }
                }
                out.endStep();
            }
        }
    }

    private void check(List<HiddenLayer> hidden, Readout readout, Surrogate surrogate, double slope,
                       boolean current, boolean detach, int steps) {
        check(hidden, readout, surrogate, slope, current, detach, steps, Loss.CROSS_ENTROPY, null);
    }

    /** @param mask the outputs the loss covers, for every sample (it allows labels 0 and 2), or {@code null} for all */
    private void check(List<HiddenLayer> hidden, Readout readout, Surrogate surrogate, double slope,
                       boolean current, boolean detach, int steps, Loss loss, boolean[] mask) {
        Encoder encoder = current ? new DirectCurrentEncoder(steps, 0.6) : RateEncoder.bernoulli(steps, 0.7);
        check(hidden, readout, surrogate, slope, encoder, detach, loss, mask);
    }

    private void check(List<HiddenLayer> hidden, Readout readout, Surrogate surrogate, double slope,
                       Encoder encoder, boolean detach, Loss loss, boolean[] mask) {
        int steps = encoder.steps();
        LayeredNetSpec spec = new LayeredNetSpec(INPUTS, hidden, new ReadoutLayer(3, readout, 10.0, 0.5,
                ResetMode.SUBTRACT, 6.0), 1.0, 2.5);
        LayeredNet net = LayeredNet.create(spec, 7);
        float[][] x = {{0.9f, 0.1f, 0.5f, 1.0f, 0.0f, 0.7f}, {0.2f, 0.8f, 0.6f, 0.3f, 1.0f, 0.4f}};
        int[] y = {2, 0};
        long[] streams = {Encoder.streamState(3, 0, 0), Encoder.streamState(3, 1, 0)};
        Batch batch = new Batch(x, y, streams, mask == null ? null : new boolean[][] {mask, mask});
        TrainerOptions options = TrainerOptions.defaults().withSurrogate(surrogate, slope).withDetachReset(detach);
        float[][] grad;
        double[] lossSum = new double[1];
        try (Trainer trainer = new Trainer(net, encoder, options)) {
            trainer.smoothForward(true);
            grad = trainer.meanGradient(batch, loss);
            trainer.perSampleGradients(batch, loss, (b, value, sampleGrad) -> lossSum[0] += value);
        }
        Reference ref = new Reference(net, encoder, surrogate, slope, x, y, streams, steps);
        ref.loss = loss;
        ref.mask = mask;
        double[][] w = new double[net.matrixCount()][];
        for (int m = 0; m < w.length; m++) {
            w[m] = new double[net.weights(m).length];
            for (int k = 0; k < w[m].length; k++) {
                w[m][k] = net.weights(m)[k];
            }
        }
        // The losses as well: float rounding of ~10^3 operations, ~1e-6 relative; a wrong term errs by far more.
        double expected = ref.meanLoss(w);
        assertEquals(expected, lossSum[0] / y.length, 1e-5 * Math.abs(expected), "mean loss");
        if (detach) {
            ref.holdResetSpikes(w);
        }
        double step = 1e-6;
        for (int m = 0; m < w.length; m++) {
            double diff = 0;
            double norm = 0;
            for (int k = 0; k < w[m].length; k++) {
                double keep = w[m][k];
                w[m][k] = keep + step;
                double up = ref.meanLoss(w);
                w[m][k] = keep - step;
                double down = ref.meanLoss(w);
                w[m][k] = keep;
                double fd = (up - down) / (2 * step);
                diff += (grad[m][k] - fd) * (grad[m][k] - fd);
                norm += fd * fd;
            }
            assertTrue(norm > 1e-12, "matrix " + m + " has a vanishing gradient; the test would not test it");
            double rel = Math.sqrt(diff / norm);
            assertTrue(rel < REL_TOL, "matrix " + m + ": relative error " + rel);
        }
    }

    /** The forward pass in double precision, written from the equations of HiddenLayer and Readout. */
    private static final class Reference {
        private final LayeredNet net;
        private final Surrogate surrogate;
        private final double k;
        private final int[] y;
        private final double[][][] input;
        private final int steps;
        /** Per sample, layer, step and neuron: the spikes the reset uses, or {@code null} for the live ones. */
        private double[][][][] heldReset;
        private double[][][][] recorded;
        /** The loss, over the outputs {@link #mask} allows. */
        Loss loss = Loss.CROSS_ENTROPY;
        /** The outputs the loss covers: those the squared norm sums or the softmax runs over; {@code null}: all. */
        boolean[] mask;

        Reference(LayeredNet net, Encoder encoder, Surrogate surrogate, double slope, float[][] x, int[] y,
                  long[] streams, int steps) {
            this.net = net;
            this.steps = steps;
            this.surrogate = surrogate;
            this.k = slope;
            this.y = y;
            this.input = new double[x.length][steps][INPUTS];
            EncodedInput enc = new EncodedInput(steps, INPUTS);
            for (int b = 0; b < x.length; b++) {
                encoder.encode(x[b], streams[b], enc);
                for (int t = 0; t < steps; t++) {
                    if (enc.isCurrent()) {
                        for (int i = 0; i < INPUTS; i++) {
                            input[b][t][i] = enc.current()[i];
                        }
                    } else {
                        for (int e = enc.spikeStart(t); e < enc.spikeEnd(t); e++) {
                            input[b][t][enc.index()[e]] = 1;
                        }
                    }
                }
            }
        }

        double smooth(double z) {
            return switch (surrogate) {
                case FAST_SIGMOID -> 0.5 + z / (1 + k * Math.abs(z));
                case ARCTAN -> 0.5 + Math.atan(Math.PI / 2 * k * z) / Math.PI;
                case TRIANGLE -> Math.abs(k * z) >= 1 ? (z > 0 ? 1 : 0) : 0.5 + k * z - 0.5 * k * z * Math.abs(k * z);
            };
        }

        double meanLoss(double[][] w) {
            double total = 0;
            for (int b = 0; b < y.length; b++) {
                total += loss(w, input[b], y[b], b);
            }
            return total / y.length;
        }

        /** From now on, the reset uses the spikes of a forward pass with weights {@code w} (a detached reset). */
        void holdResetSpikes(double[][] w) {
            heldReset = null;
            recorded = new double[y.length][net.layers().size()][][];
            meanLoss(w);
            heldReset = recorded;
            recorded = null;
        }

        private double loss(double[][] w, double[][] x, int label, int sample) {
            double[][] below = x;
            boolean delayed = false;
            double[] logits = null;
            List<Layer> layers = net.layers();
            for (Layer ly : layers) {
                int n = ly.size();
                int pre = ly.inputs();
                double[] wf = w[ly.feedForwardMatrix()];
                double[] wr = ly.recurrentMatrix() >= 0 ? w[ly.recurrentMatrix()] : null;
                double[][] s = new double[steps][n];
                double[][] v = new double[steps][n];
                double[] u = new double[n];
                double[] a = new double[n];
                if (recorded != null) {
                    recorded[sample][ly.index()] = s;
                }
                double[][] resetSpikes = heldReset != null ? heldReset[sample][ly.index()] : s;
                for (int t = 0; t < steps; t++) {
                    for (int j = 0; j < n; j++) {
                        double current = 0;
                        int src = delayed ? t - 1 : t;
                        if (src >= 0) {
                            for (int i = 0; i < pre; i++) {
                                current += wf[i * n + j] * below[src][i];
                            }
                        }
                        if (wr != null && t > 0) {
                            for (int q = 0; q < n; q++) {
                                current += wr[q * n + j] * s[t - 1][q];
                            }
                        }
                        double vj = ly.beta() * u[j] + current;
                        v[t][j] = vj;
                        if (!ly.spiking()) {
                            u[j] = vj;
                            continue;
                        }
                        double thj = ly.threshold() + (double) ly.adaptation() * a[j];
                        double sj = smooth(vj - thj);
                        s[t][j] = sj;
                        double sr = resetSpikes[t][j];
                        u[j] = ly.reset() == ResetMode.SUBTRACT ? vj - thj * sr : vj * (1 - sr);
                        a[j] = ly.adaptDecay() * a[j] + sj;
                    }
                }
                below = s;
                delayed = true;
                if (ly.index() == layers.size() - 1) {
                    logits = readLogits(ly, v, s);
                }
            }
            if (loss == Loss.OUTPUT_SQUARED_NORM) {
                double norm = 0;
                for (int j = 0; j < logits.length; j++) {
                    norm += mask == null || mask[j] ? logits[j] * logits[j] : 0;
                }
                return norm;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < logits.length; j++) {
                max = mask == null || mask[j] ? Math.max(max, logits[j]) : max;
            }
            double sum = 0;
            for (int j = 0; j < logits.length; j++) {
                sum += mask == null || mask[j] ? Math.exp(logits[j] - max) : 0;
            }
            return Math.log(sum) - (logits[label] - max);
        }

        private double[] readLogits(Layer ly, double[][] v, double[][] s) {
            int n = ly.size();
            double[] o = new double[n];
            for (int j = 0; j < n; j++) {
                switch (net.readout()) {
                    case SPIKE_COUNT -> {
                        for (int t = 0; t < steps; t++) {
                            o[j] += s[t][j];
                        }
                    }
                    case EXP_RATE -> {
                        for (int t = 0; t < steps; t++) {
                            o[j] = ly.traceDecay() * o[j] + s[t][j];
                        }
                    }
                    case MEAN_MEMBRANE -> {
                        for (int t = 0; t < steps; t++) {
                            o[j] += v[t][j] / steps;
                        }
                    }
                    case MAX_MEMBRANE -> {
                        // from the readout's first input: step L for L hidden layers (Readout's definition)
                        o[j] = Double.NEGATIVE_INFINITY;
                        for (int t = net.layers().size() - 1; t < steps; t++) {
                            o[j] = Math.max(o[j], v[t][j]);
                        }
                    }
                }
            }
            return o;
        }
    }

    /**
     * A detached reset treats the spike in the reset ({@code s_t} in {@code u_t = v_t - th_t s_t} or
     * {@code v_t (1 - s_t)}) as a constant: its gradient is the exact gradient of the forward pass with
     * those reset spikes held at their values for the current weights, while the spikes seen by the
     * layer above, the readout, the recurrence and the adaptation stay live.
     */
    @ParameterizedTest
    @EnumSource(ResetMode.class)
    void detachedResetGradientMatchesFiniteDifferencesWithTheResetSpikesHeld(ResetMode reset) {
        HiddenLayer h1 = new HiddenLayer(5, NeuronKind.ADAPTIVE_LIF, 8.0, 0.5, reset, 40.0, 0.3, true);
        HiddenLayer h2 = new HiddenLayer(4, NeuronKind.LIF, 5.0, 0.4, reset, 40.0, 0.0, false);
        check(List.of(h1, h2), Readout.SPIKE_COUNT, Surrogate.FAST_SIGMOID, 2.0, false, true);
    }

    @ParameterizedTest
    @EnumSource(Surrogate.class)
    void smoothIsAnAntiderivativeOfTheSurrogate(Surrogate s) {
        // Central difference of the float antiderivative at h = 1e-3, at points at least 0.02 from the
        // kinks (z = 0, |kz| = 1): truncation ~h^2 |g''| / 6 < 1e-5, rounding 6e-8 / 1e-3 ~ 6e-5.
        for (int i = 0; i < 19; i++) {
            float z = -0.95f + 0.1f * i;
            float h = 1e-3f;
            double fd = (s.smooth(z + h, 1.3f) - (double) s.smooth(z - h, 1.3f)) / (2 * h);
            assertEquals(s.derivative(z, 1.3f), fd, 3e-4, s + " at z = " + z);
        }
    }
}
