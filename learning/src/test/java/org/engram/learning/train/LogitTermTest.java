package org.engram.learning.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.engram.learning.encode.Encoder;
import org.engram.learning.encode.RateEncoder;
import org.engram.learning.layered.HiddenLayer;
import org.engram.learning.layered.LayeredNet;
import org.engram.learning.layered.LayeredNetSpec;
import org.engram.learning.layered.Readout;
import org.engram.learning.layered.ReadoutLayer;
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
        SyntheticPatterns data = SyntheticPatterns.train();
        LayeredNet net = LayeredNet.create(LayeredNetSpec.of(SyntheticPatterns.INPUTS,
                List.of(HiddenLayer.lif(16, 10.0)),
                ReadoutLayer.of(SyntheticPatterns.CLASSES, Readout.MEAN_MEMBRANE, 10.0)), 4);
        int n = 8;
        float[][] x = new float[n][];
        int[] y = new int[n];
        long[] streams = new long[n];
        LogitTerm[][] terms = new LogitTerm[n][];
        for (int i = 0; i < n; i++) {
            x[i] = data.x[i];
            y[i] = data.y[i];
            streams[i] = Encoder.streamState(1, i, 0);
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
}
