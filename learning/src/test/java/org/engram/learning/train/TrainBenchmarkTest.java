package org.engram.learning.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.engram.learning.layered.Readout;
import org.engram.simulator.ParameterException;
import org.junit.jupiter.api.Test;

class TrainBenchmarkTest {
    private static TrainBenchmark.Options options(int threads) {
        return new TrainBenchmark.Options(List.of(24), 12, 32, 2, TrainBenchmark.Encoding.RATE, Readout.MEAN_MEMBRANE,
                threads, 5, 5e-3, 10.0, 10.0, 8);
    }

    @Test
    void reportsItsSettingsAndTheSameWeightsForOneAndTwoThreads() {
        SyntheticPatterns train = SyntheticPatterns.train();
        SyntheticPatterns test = SyntheticPatterns.test();
        TrainBenchmark.Result one = TrainBenchmark.run(train.x, train.y, test.x, test.y, options(1));
        TrainBenchmark.Result two = TrainBenchmark.run(train.x, train.y, test.x, test.y, options(2));
        assertEquals(one.weightsHash(), two.weightsHash());
        assertEquals(one.testAccuracy(), two.testAccuracy());
        assertEquals(2L * train.x.length, one.trainSamples());
        assertEquals(List.of(24), one.hidden());
        assertEquals(12, one.steps());
        assertEquals(2, two.threads());
        assertEquals(64, one.weightsHash().length(), "hex SHA-256");
        assertTrue(one.testAccuracy() > 0.8, "the benchmark trains: " + one.testAccuracy());
        assertEquals(one.trainSamples() / one.trainSeconds(), one.samplesPerSecond(), 1e-6 * one.samplesPerSecond());
    }

    /**
     * The readout has a unit for every class of the training and test labels: training on classes
     * 0 and 1 only, the test classes 2 and 3 must still exist (they are unreachable but counted, and
     * the shape says 4); it used to be sized from the training labels, scoring such samples wrong silently.
     */
    @Test
    void theReadoutCoversTheTestLabelsToo() {
        SyntheticPatterns train = SyntheticPatterns.train();
        SyntheticPatterns test = SyntheticPatterns.test();
        int n = 0;
        for (int y : train.y) {
            n += y < 2 ? 1 : 0;
        }
        float[][] x = new float[n][];
        int[] y = new int[n];
        for (int i = 0, k = 0; i < train.y.length; i++) {
            if (train.y[i] < 2) {
                x[k] = train.x[i];
                y[k++] = train.y[i];
            }
        }
        TrainBenchmark.Result r = TrainBenchmark.run(x, y, test.x, test.y, options(1));
        assertEquals(SyntheticPatterns.CLASSES, r.classes());
        assertEquals(SyntheticPatterns.INPUTS, r.inputs());
    }

    @Test
    void rejectsZeroEpochs() {
        assertThrows(ParameterException.class, () -> new TrainBenchmark.Options(List.of(8), 10, 8, 0,
                TrainBenchmark.Encoding.RATE, Readout.MEAN_MEMBRANE, 1, 1, 1e-3, 10, 10, 8));
    }
}
