package org.engram.learning.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.engram.learning.continual.LogitMatch;
import org.engram.learning.encode.Encoder;
import org.engram.learning.encode.RateEncoder;
import org.engram.learning.layered.HiddenLayer;
import org.engram.learning.layered.LayeredNet;
import org.engram.learning.layered.LayeredNetSpec;
import org.engram.learning.layered.Readout;
import org.engram.learning.layered.ReadoutLayer;
import org.engram.simulator.ParameterException;
import org.junit.jupiter.api.Test;

/** Extra loss terms on the logits enter the gradient exactly like the cross-entropy does. */
class LogitTermTest {

    /** The sample's own softmax cross-entropy once more: its gradient is p - onehot(label). */
    private record CrossEntropyAgain(int label) implements LogitTerm {
        @Override
        public double loss(float[] logits) {
            return logSumExp(logits) - logits[label];
        }

        @Override
        public void addLogitGradient(float[] logits, float[] grad) {
            double lse = logSumExp(logits);
            for (int j = 0; j < logits.length; j++) {
                grad[j] += (float) (Math.exp(logits[j] - lse) - (j == label ? 1 : 0));
            }
        }

        private static double logSumExp(float[] z) {
            double max = Double.NEGATIVE_INFINITY;
            for (float v : z) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (float v : z) {
                sum += Math.exp(v - max);
            }
            return max + Math.log(sum);
        }
    }

    @Test
    void aTermEqualToTheCrossEntropyDoublesTheGradient() {
        LayeredNet net = net();
        Samples samples = Samples.first(8, 1);
        float[][] x = samples.x();
        int[] y = samples.y();
        long[] streams = samples.streams();
        LogitTerm[][] terms = new LogitTerm[x.length][];
        for (int i = 0; i < x.length; i++) {
            terms[i] = new LogitTerm[] {new CrossEntropyAgain(y[i])};
        }
        try (Trainer trainer = new Trainer(net, RateEncoder.bernoulli(12, 1.0), TrainerOptions.defaults())) {
            float[][] plain = trainer.meanGradient(new Batch(x, y, streams, null), Loss.CROSS_ENTROPY);
            float[][] doubled = trainer.meanGradient(new Batch(x, y, streams, null, terms), Loss.CROSS_ENTROPY);
            for (int m = 0; m < plain.length; m++) {
                for (int k = 0; k < plain[m].length; k++) {
                    // The softmax is computed in double in both terms; float rounding of the
                    // logit gradient bounds the difference at a few ulps of the larger value.
                    assertEquals(2 * plain[m][k], doubled[m][k], 1e-5 * Math.max(1e-3, Math.abs(plain[m][k])),
                            "matrix " + m + " weight " + k);
                }
            }
        }
    }

    /**
     * Samples outside the batch mean add their weighted losses to the mean over the others: the step's
     * gradient is the mean gradient of the own samples, plus c times the gradient of sample A's
     * cross-entropy, plus that of sample B's term alone, each found from batches of their own (B's
     * term as the gradient of B with the term less that of B without: linearity, not the weights).
     */
    @Test
    void samplesOutsideTheMeanAddTheirWeightedLossesToIt() {
        LayeredNet net = net();
        int own = 6;
        int a = own;
        int b = own + 1;
        Samples samples = Samples.first(own + 2, 5);
        float[][] x = samples.x();
        int[] y = samples.y();
        long[] streams = samples.streams();
        float c = 0.375f;
        LogitTerm term = new CrossEntropyAgain((y[b] + 1) % SyntheticPatterns.CLASSES);
        LogitTerm[][] terms = new LogitTerm[x.length][];
        terms[b] = new LogitTerm[] {term};
        float[] classWeights = new float[x.length];
        Arrays.fill(classWeights, 1f);
        classWeights[a] = c;
        classWeights[b] = 0f;
        boolean[] outside = new boolean[x.length];
        outside[a] = true;
        outside[b] = true;
        try (Trainer trainer = new Trainer(net, RateEncoder.bernoulli(12, 1.0), TrainerOptions.defaults())) {
            Batch all = new Batch(x, y, streams, null, terms, classWeights, outside);
            assertEquals(own, all.meanCount());
            float[][] step = trainer.meanGradient(all, Loss.CROSS_ENTROPY);
            float[][] mean = trainer.meanGradient(new Batch(Arrays.copyOf(x, own),
                    Arrays.copyOf(y, own), Arrays.copyOf(streams, own), null), Loss.CROSS_ENTROPY);
            float[][] ofA = trainer.meanGradient(one(x, y, streams, a, null), Loss.CROSS_ENTROPY);
            float[][] withTerm = trainer.meanGradient(one(x, y, streams, b, term), Loss.CROSS_ENTROPY);
            float[][] without = trainer.meanGradient(one(x, y, streams, b, null), Loss.CROSS_ENTROPY);
            for (int m = 0; m < step.length; m++) {
                for (int k = 0; k < step[m].length; k++) {
                    double expected = mean[m][k] + c * ofA[m][k] + (withTerm[m][k] - without[m][k]);
                    double size = Math.abs(mean[m][k]) + Math.abs(ofA[m][k]) + Math.abs(withTerm[m][k])
                            + Math.abs(without[m][k]);
                    // float sums of a few terms in other orders: a few ulps of the largest part
                    assertEquals(expected, step[m][k], 1e-5 * Math.max(1e-3, size), "matrix " + m + " weight " + k);
                }
            }
        }
    }

    private static LayeredNet net() {
        return LayeredNet.create(LayeredNetSpec.of(SyntheticPatterns.INPUTS, List.of(HiddenLayer.lif(16, 10.0)),
                ReadoutLayer.of(SyntheticPatterns.CLASSES, Readout.MEAN_MEMBRANE, 10.0)), 4);
    }

    private static Batch one(float[][] x, int[] y, long[] streams, int i, LogitTerm term) {
        return new Batch(new float[][] {x[i]}, new int[] {y[i]}, new long[] {streams[i]}, null,
                term == null ? null : new LogitTerm[][] {{term}});
    }

    @Test
    void aBatchOfSamplesAllOutsideTheMeanIsRefused() {
        float[][] x = {{0.5f}};
        assertThrows(ParameterException.class, () -> new Batch(x, new int[] {0},
                new long[] {1}, null, null, null, new boolean[] {true}));
    }

    /**
     * The step's gradient is the gradient of dark experience replay's loss: for the readout weights,
     * on which the logits of a non-spiking (mean membrane) readout depend linearly given the hidden
     * spikes, central differences of the loss, computed here from the trainer's logits alone,
     * {@code (1/n) sum_own CE + c CE_A + match_B}, agree with the trainer's gradient of the batch with
     * A and B outside the mean (B with class weight 0 and the logit match).
     */
    @Test
    void theGradientOfOwnMeanPlusWeightedOutsideLossesMatchesFiniteDifferences() {
        LayeredNet net = net();
        int own = 5;
        int a = own;
        int b = own + 1;
        Samples samples = Samples.first(own + 2, 9);
        float[][] x = samples.x();
        int[] y = samples.y();
        long[] streams = samples.streams();
        float c = 0.25f;
        LogitMatch match = new LogitMatch(
                new float[] {0.5f, -0.25f, 1f}, new int[] {0, 2, 3}, 0.8);
        LogitTerm[][] terms = new LogitTerm[x.length][];
        terms[b] = new LogitTerm[] {match};
        float[] classWeights = new float[x.length];
        Arrays.fill(classWeights, 1f);
        classWeights[a] = c;
        classWeights[b] = 0f;
        boolean[] outside = new boolean[x.length];
        outside[a] = true;
        outside[b] = true;
        try (Trainer trainer = new Trainer(net, RateEncoder.bernoulli(12, 1.0), TrainerOptions.defaults())) {
            int readout = net.matrixCount() - 1;
            float[] analytic = trainer.meanGradient(new Batch(x, y, streams, null, terms, classWeights, outside),
                    Loss.CROSS_ENTROPY)[readout];
            float[] w = net.weights(readout);
            double worst = 0;
            for (int k = 0; k < w.length; k += 7) {
                float w0 = w[k];
                w[k] = w0 + 0x1p-8f;
                double up = derLoss(trainer, x, y, streams, own, c, match);
                float wUp = w[k];
                w[k] = w0 - 0x1p-8f;
                double down = derLoss(trainer, x, y, streams, own, c, match);
                double numeric = (up - down) / (wUp - w[k]);
                w[k] = w0;
                // The loss is smooth in these weights (cubic terms of order h^2 = 1.5e-5 relative); the
                // logits are floats (relative 6e-8 of values below about 10), so the loss of about 3 is
                // known to ~2e-6 and the difference quotient over 2h = 2^-7 to ~3e-4; 1e-3 bounds both.
                assertEquals(numeric, analytic[k], 1e-3, "readout weight " + k);
                worst = Math.max(worst, Math.abs(analytic[k]));
            }
            assertTrue(worst > 1e-2, "the weights checked have gradients well above the tolerance: " + worst);
        }
    }

    /** {@code (1/own) sum CE} over the own samples plus c CE of sample own and the match of sample own + 1. */
    private static double derLoss(Trainer trainer, float[][] x, int[] y, long[] streams, int own, float c,
                                  LogitTerm match) {
        float[] z = new float[SyntheticPatterns.CLASSES];
        double mean = 0;
        for (int i = 0; i < own; i++) {
            trainer.logits(x[i], streams[i], z);
            mean += crossEntropy(z, y[i]);
        }
        trainer.logits(x[own], streams[own], z);
        double outsideA = c * crossEntropy(z, y[own]);
        trainer.logits(x[own + 1], streams[own + 1], z);
        return mean / own + outsideA + match.loss(z);
    }

    private static double crossEntropy(float[] z, int label) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : z) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum) - z[label];
    }

    /** The first {@code count} training patterns, sample i encoded from stream {@code (key, i, 0)}. */
    private record Samples(float[][] x, int[] y, long[] streams) {
        static Samples first(int count, long key) {
            SyntheticPatterns data = SyntheticPatterns.train();
            Samples s = new Samples(new float[count][], new int[count], new long[count]);
            for (int i = 0; i < count; i++) {
                s.x[i] = data.x[i];
                s.y[i] = data.y[i];
                s.streams[i] = Encoder.streamState(key, i, 0);
            }
            return s;
        }
    }
}
