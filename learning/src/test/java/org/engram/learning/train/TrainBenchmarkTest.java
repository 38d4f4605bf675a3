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
        TrainBenchmark.Result one = TrainBenchmark.run(train.x, train.y, test.x, test.y, SyntheticPatterns.CLASSES,
                options(1));
        TrainBenchmark.Result two = TrainBenchmark.run(train.x, train.y, test.x, test.y, SyntheticPatterns.CLASSES,
                options(2));
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
     * The benchmark trains what its settings document: LIF layers of threshold 1 reset by
     * subtraction, the fast sigmoid, Adam with a cosine from the learning rate to 0 over every step
     * of every epoch (ceil(n / batch) per epoch, here 160 samples in batches of 32: 5, where a count of
     * (n + batch) / batch would give 6), then tests on
     * evaluation's streams. A trainer set up so by hand ends with the same weights and accuracy; and
     * the seconds it reports lie within the wall time of the call.
     */
    @Test
    void trainsAsItsSettingsSayAndTimesWithinTheCall() {
        SyntheticPatterns train = SyntheticPatterns.train();
        SyntheticPatterns test = SyntheticPatterns.test();
        int n = 160;
        float[][] x = java.util.Arrays.copyOf(train.x, n);
        int[] y = java.util.Arrays.copyOf(train.y, n);
        TrainBenchmark.Options o = options(1);
        long before = System.nanoTime();
        TrainBenchmark.Result r = TrainBenchmark.run(x, y, test.x, test.y, SyntheticPatterns.CLASSES, o);
        double wall = (System.nanoTime() - before) / 1e9;
        org.engram.learning.layered.LayeredNet net = org.engram.learning.layered.LayeredNet.create(
                org.engram.learning.layered.LayeredNetSpec.of(SyntheticPatterns.INPUTS,
                        List.of(org.engram.learning.layered.HiddenLayer.lif(24, o.tauMs())),
                        org.engram.learning.layered.ReadoutLayer.of(SyntheticPatterns.CLASSES, o.readout(),
                                o.tauMs())), o.seed());
        TrainerOptions options = TrainerOptions.defaults().withSurrogate(Surrogate.FAST_SIGMOID, o.slope())
                .withDetachReset(false).withOptimizer(org.engram.learning.train.optim.OptimizerSpec.adam(),
                        org.engram.learning.train.optim.LearningRateSchedule.cosine(o.learningRate(), 0, 5L * 2))
                .withBatch(o.batch(), o.blockSize()).withThreads(1).withSeed(o.seed());
        double accuracy;
        try (Trainer trainer = new Trainer(net, org.engram.learning.encode.RateEncoder.bernoulli(o.steps(), 1.0),
                options)) {
            trainer.trainEpoch(x, y, 0);
            trainer.trainEpoch(x, y, 1);
            assertEquals(10, trainer.step(), "steps of two epochs");
            accuracy = trainer.evaluate(test.x, test.y, null);
        }
        assertEquals(TrainBenchmark.weightsHash(net), r.weightsHash());
        assertEquals(accuracy, r.testAccuracy(), 0.0);
        // Not a speed: each interval the benchmark times lies within the one timed here around it.
        assertTrue(r.trainSeconds() > 0 && r.trainSeconds() < wall, r.trainSeconds() + " s of " + wall);
        assertTrue(r.inferenceSamplesPerSecond() > test.x.length / wall,
                r.inferenceSamplesPerSecond() + " samples/s; " + test.x.length + " samples in " + wall + " s");
    }

    /**
     * The readout has a unit for every class of the data as given, not for the classes that a
     * (limited) set happens to hold: training and testing on classes 0 and 1 only of 4 gives a
     * readout of 4 units (it used to be sized from the labels, 2).
     */
    @Test
    void theReadoutHasOneUnitPerClassGivenWhateverTheLabelsHold() {
        SyntheticPatterns train = SyntheticPatterns.train();
        SyntheticPatterns test = SyntheticPatterns.test();
        TrainBenchmark.Result r = TrainBenchmark.run(firstTwoClasses(train.x, train.y), twoClassLabels(train.y),
                firstTwoClasses(test.x, test.y), twoClassLabels(test.y), SyntheticPatterns.CLASSES, options(1));
        assertEquals(SyntheticPatterns.CLASSES, r.classes());
        assertEquals(SyntheticPatterns.INPUTS, r.inputs());
    }

    /** A label the classes given have no readout unit for is refused, naming the set, the range and the label. */
    @Test
    void refusesALabelPastTheClassesGiven() {
        SyntheticPatterns train = SyntheticPatterns.train();
        SyntheticPatterns test = SyntheticPatterns.test();
        ParameterException e = assertThrows(ParameterException.class,
                () -> TrainBenchmark.run(train.x, train.y, test.x, test.y, 3, options(1)));
        assertEquals("training label", e.location());
        assertEquals("a class index in [0, 3)", e.expected());
        assertEquals("3", e.found());
    }

    /** @return the samples of classes 0 and 1 */
    private static float[][] firstTwoClasses(float[][] x, int[] y) {
        List<float[]> kept = new java.util.ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 2) {
                kept.add(x[i]);
            }
        }
        return kept.toArray(float[][]::new);
    }

    /** @return the labels of classes 0 and 1 */
    private static int[] twoClassLabels(int[] y) {
        return java.util.Arrays.stream(y).filter(c -> c < 2).toArray();
    }

    /** The defaults are those documented, one epoch being allowed; the withers change only their field. */
    @Test
    void defaultsAreTheDocumentedOnes() {
        TrainBenchmark.Options d = TrainBenchmark.Options.defaults();
        assertEquals(new TrainBenchmark.Options(List.of(256), 20, 128, 1, TrainBenchmark.Encoding.RATE,
                Readout.MEAN_MEMBRANE, 1, 42, 2e-3, 10.0, 10.0, 16), d);
        assertEquals(new TrainBenchmark.Options(List.of(256), 20, 128, 1, TrainBenchmark.Encoding.RATE,
                Readout.MEAN_MEMBRANE, 4, 42, 2e-3, 10.0, 10.0, 16), d.withThreads(4));
        assertEquals(new TrainBenchmark.Options(List.of(64, 32), 20, 128, 1, TrainBenchmark.Encoding.RATE,
                Readout.MEAN_MEMBRANE, 1, 42, 2e-3, 10.0, 10.0, 16), d.withHidden(List.of(64, 32)));
        assertEquals("encoding", assertThrows(ParameterException.class, () -> new TrainBenchmark.Options(List.of(8),
                10, 8, 1, null, Readout.MEAN_MEMBRANE, 1, 1, 1e-3, 10, 10, 8)).location());
        assertEquals("readout", assertThrows(ParameterException.class, () -> new TrainBenchmark.Options(List.of(8),
                10, 8, 1, TrainBenchmark.Encoding.RATE, null, 1, 1, 1e-3, 10, 10, 8)).location());
    }

    @Test
    void rejectsZeroEpochs() {
        assertThrows(ParameterException.class, () -> new TrainBenchmark.Options(List.of(8), 10, 8, 0,
                TrainBenchmark.Encoding.RATE, Readout.MEAN_MEMBRANE, 1, 1, 1e-3, 10, 10, 8));
    }
}
