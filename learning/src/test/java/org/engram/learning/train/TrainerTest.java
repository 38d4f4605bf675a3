package org.engram.learning.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.engram.learning.encode.Encoder;
import org.engram.learning.encode.RateEncoder;
import org.engram.learning.layered.HiddenLayer;
import org.engram.learning.layered.LayeredNet;
import org.engram.learning.layered.LayeredNetSpec;
import org.engram.learning.layered.Readout;
import org.engram.learning.layered.ReadoutLayer;
import org.engram.learning.train.optim.LearningRateSchedule;
import org.engram.learning.train.optim.OptimizerSpec;
import org.engram.simulator.ParameterException;
import org.junit.jupiter.api.Test;

class TrainerTest {
    private static final int STEPS = 16;

    private static LayeredNet net(boolean recurrent) {
        return LayeredNet.create(LayeredNetSpec.of(SyntheticPatterns.INPUTS,
                List.of(HiddenLayer.lif(32, 10.0).withRecurrent(recurrent)),
                ReadoutLayer.of(SyntheticPatterns.CLASSES, Readout.MEAN_MEMBRANE, 10.0)), 5);
    }

    private static TrainerOptions options(int threads) {
        return TrainerOptions.defaults().withOptimizer(OptimizerSpec.adam(), LearningRateSchedule.constant(5e-3))
                .withBatch(32, 8).withThreads(threads).withSeed(9);
    }

    @Test
    void learnsSyntheticSpikePatternsToNinetyFivePercent() {
        SyntheticPatterns train = SyntheticPatterns.train();
        SyntheticPatterns test = SyntheticPatterns.test();
        LayeredNet net = net(false);
        try (Trainer trainer = new Trainer(net, RateEncoder.bernoulli(STEPS, 1.0), options(2))) {
            double before = trainer.evaluate(test.x, test.y, null);
            for (int e = 0; e < 6; e++) {
                trainer.trainEpoch(train.x, train.y, e);
            }
            double after = trainer.evaluate(test.x, test.y, null);
            assertTrue(before < 0.6, "untrained accuracy " + before + " should be near chance (0.25)");
            assertTrue(after >= 0.95, "held-out accuracy after training: " + after);
        }
    }

    @Test
    void sameWeightsForOneTwoAndThreeThreads() {
        SyntheticPatterns train = SyntheticPatterns.train();
        List<String> hashes = new ArrayList<>();
        String initial = TrainBenchmark.weightsHash(net(true));
        for (int threads = 1; threads <= 3; threads++) {
            LayeredNet net = net(true);
            try (Trainer trainer = new Trainer(net, RateEncoder.bernoulli(STEPS, 1.0), options(threads))) {
                trainer.trainEpoch(train.x, train.y, 0);
                trainer.trainEpoch(train.x, train.y, 1);
            }
            hashes.add(TrainBenchmark.weightsHash(net));
        }
        assertNotEquals(initial, hashes.get(0), "training must change the weights");
        assertEquals(hashes.get(0), hashes.get(1), "1 vs 2 threads");
        assertEquals(hashes.get(0), hashes.get(2), "1 vs 3 threads");
    }

    /**
     * A block larger than the batch is one block of the whole batch: the block size of 2^31 - 1, whose count of
     * blocks wrapped to a negative number, trains the weights that a block of exactly the batch does.
     */
    @Test
    void aBlockOfAnyLargerSizeIsTheWholeBatch() {
        SyntheticPatterns train = SyntheticPatterns.train();
        List<String> hashes = new ArrayList<>();
        for (int blockSize : new int[] {32, Integer.MAX_VALUE}) {
            LayeredNet net = net(false);
            try (Trainer trainer = new Trainer(net, RateEncoder.bernoulli(STEPS, 1.0),
                    options(2).withBatch(32, blockSize))) {
                trainer.trainEpoch(train.x, train.y, 0);
            }
            hashes.add(TrainBenchmark.weightsHash(net));
        }
        assertNotEquals(TrainBenchmark.weightsHash(net(false)), hashes.get(0), "training must change the weights");
        assertEquals(hashes.get(0), hashes.get(1));
    }

    /**
     * A batch rejected for a NaN input leaves nothing behind: the next batch trains exactly as on a
     * fresh trainer, for any thread count (partial block gradients used to leak into it).
     */
    @Test
    void aRejectedBatchDoesNotLeakIntoTheNext() {
        SyntheticPatterns data = SyntheticPatterns.train();
        Batch good = new Batch(java.util.Arrays.copyOf(data.x, 32), java.util.Arrays.copyOf(data.y, 32), new long[32],
                null);
        float[][] poisoned = new float[32][];
        for (int i = 0; i < 32; i++) {
            poisoned[i] = data.x[32 + i].clone();
        }
        poisoned[9][3] = Float.NaN;
        Batch bad = new Batch(poisoned, java.util.Arrays.copyOfRange(data.y, 32, 64), new long[32], null);
        LayeredNet fresh = net(false);
        try (Trainer trainer = new Trainer(fresh, RateEncoder.bernoulli(STEPS, 1.0), options(1))) {
            trainer.trainBatch(good);
        }
        String expected = TrainBenchmark.weightsHash(fresh);
        for (int threads = 1; threads <= 3; threads++) {
            LayeredNet net = net(false);
            try (Trainer trainer = new Trainer(net, RateEncoder.bernoulli(STEPS, 1.0), options(threads))) {
                assertThrows(ParameterException.class, () -> trainer.trainBatch(bad));
                trainer.trainBatch(good);
            }
            assertEquals(expected, TrainBenchmark.weightsHash(net), threads + " thread(s)");
        }
    }

    @Test
    void maskedOutClassesGetNoGradientAndAreNeverPredicted() {
        SyntheticPatterns data = SyntheticPatterns.train();
        LayeredNet net = net(false);
        boolean[] mask = {false, true, true, false};
        int n = 16;
        float[][] x = new float[n][];
        int[] y = new int[n];
        long[] streams = new long[n];
        boolean[][] masks = new boolean[n][];
        int k = 0;
        for (int i = 0; k < n; i++) {
            if (mask[data.y[i]]) {
                x[k] = data.x[i];
                y[k] = data.y[i];
                streams[k] = Encoder.streamState(1, i, 0);
                masks[k] = mask;
                k++;
            }
        }
        try (Trainer trainer = new Trainer(net, RateEncoder.bernoulli(STEPS, 1.0), options(1))) {
            float[][] g = trainer.meanGradient(new Batch(x, y, streams, masks), Loss.CROSS_ENTROPY);
            int readout = net.matrixCount() - 1;
            int classes = net.post(readout);
            double allowed = 0;
            for (int i = 0; i < net.pre(readout); i++) {
                for (int c = 0; c < classes; c++) {
                    float value = g[readout][i * classes + c];
                    if (mask[c]) {
                        allowed += Math.abs(value);
                    } else {
                        assertEquals(0f, value, "gradient into masked class " + c);
                    }
                }
            }
            assertTrue(allowed > 0, "allowed classes must receive gradient");
            for (int p : trainer.predict(data.x, mask)) {
                assertTrue(mask[p], "predicted masked-out class " + p);
            }
            assertThrows(ParameterException.class, () -> trainer.meanGradient(
                    new Batch(new float[][] {data.x[0]}, new int[] {0}, new long[] {1}, new boolean[][] {mask}),
                    Loss.CROSS_ENTROPY), "a label outside the mask is a user error");
        }
    }

    @Test
    void perSampleGradientsAverageToTheMeanGradient() {
        SyntheticPatterns data = SyntheticPatterns.train();
        LayeredNet net = net(true);
        int n = 12;
        float[][] x = java.util.Arrays.copyOf(data.x, n);
        int[] y = java.util.Arrays.copyOf(data.y, n);
        long[] streams = new long[n];
        for (int i = 0; i < n; i++) {
            streams[i] = Encoder.streamState(3, i, 0);
        }
        Batch batch = new Batch(x, y, streams, null);
        try (Trainer trainer = new Trainer(net, RateEncoder.bernoulli(STEPS, 1.0), options(2))) {
            float[][] mean = trainer.meanGradient(batch, Loss.OUTPUT_SQUARED_NORM);
            double[][] sum = new double[mean.length][];
            for (int m = 0; m < mean.length; m++) {
                sum[m] = new double[mean[m].length];
            }
            trainer.perSampleGradients(batch, Loss.OUTPUT_SQUARED_NORM, (b, loss, g) -> {
                for (int m = 0; m < g.length; m++) {
                    for (int k = 0; k < g[m].length; k++) {
                        sum[m][k] += g[m][k];
                    }
                }
            });
            for (int m = 0; m < mean.length; m++) {
                double scale = 0;
                for (float v : mean[m]) {
                    scale = Math.max(scale, Math.abs(v));
                }
                // Float sums of n = 12 terms in two different orders: rounding within ~1e-6 of the largest entry.
                for (int k = 0; k < mean[m].length; k++) {
                    assertEquals(sum[m][k] / n, mean[m][k], 1e-5 * scale, "matrix " + m + " weight " + k);
                }
            }
        }
    }

    @Test
    void hooksRunInDocumentedOrderAndZeroUpdateLeavesWeightsUnchanged() {
        SyntheticPatterns data = SyntheticPatterns.train();
        LayeredNet net = net(true);
        List<String> calls = new ArrayList<>();
        float[][] before = new float[net.matrixCount()][];
        for (int m = 0; m < before.length; m++) {
            before[m] = net.weights(m).clone();
        }
        TrainingHooks recorder = new TrainingHooks() {
            @Override
            public boolean needsActivity() {
                return true;
            }

            @Override
            public Batch beforeBatch(Batch batch) {
                calls.add("beforeBatch");
                return batch;
            }

            @Override
            public void addPenaltyGradient(int matrix, float[] weights, float[] grad) {
                calls.add("penalty" + matrix);
            }

            @Override
            public void transformUpdate(int matrix, float[] update, LayerActivity activity) {
                calls.add("transform" + matrix);
                assertEquals(8, activity.samples());
                assertEquals(net.pre(matrix), activity.pre());
                java.util.Arrays.fill(update, 0f);
            }

            @Override
            public void afterBatch(Batch batch, BatchResult result) {
                calls.add("afterBatch");
            }
        };
        try (Trainer trainer = new Trainer(net, RateEncoder.bernoulli(STEPS, 1.0), options(2))) {
            trainer.setHooks(recorder);
            long[] streams = new long[8];
            trainer.trainBatch(new Batch(java.util.Arrays.copyOf(data.x, 8), java.util.Arrays.copyOf(data.y, 8),
                    streams, null));
        }
        assertEquals(List.of("beforeBatch", "penalty0", "penalty1", "penalty2", "transform0", "transform1",
                "transform2", "afterBatch"), calls);
        for (int m = 0; m < before.length; m++) {
            assertArrayEquals(before[m], net.weights(m), "matrix " + m);
        }
    }

    /** A batch of {@code n} training samples whose classes the mask allows, each with that mask. */
    private static Batch maskedBatch(SyntheticPatterns data, boolean[] mask, int n, LogitTerm term) {
        float[][] x = new float[n][];
        int[] y = new int[n];
        long[] streams = new long[n];
        boolean[][] masks = new boolean[n][];
        LogitTerm[][] terms = term == null ? null : new LogitTerm[n][];
        for (int i = 0, k = 0; k < n; i++) {
            if (mask[data.y[i]]) {
                x[k] = data.x[i];
                y[k] = data.y[i];
                streams[k] = Encoder.streamState(1, i, 0);
                masks[k] = mask;
                if (terms != null) {
                    terms[k] = new LogitTerm[] {term};
                }
                k++;
            }
        }
        return new Batch(x, y, streams, masks, terms);
    }

    /**
     * Task-incremental: once a task's head is no longer allowed, later batches leave its weights
     * bit for bit as they were, although Adam's momentum, weight decay and clipping would move
     * them; a logit term that reaches the head (distillation) trains it again.
     */
    @Test
    void readoutUnitsNoSampleMayChooseKeepTheirWeights() {
        SyntheticPatterns data = SyntheticPatterns.train();
        boolean[] first = {true, true, false, false};
        boolean[] second = {false, false, true, true};
        LogitTerm reachesFirstHead = new LogitTerm() {
            @Override
            public double loss(float[] logits) {
                return 0.5 * (logits[0] * logits[0] + logits[1] * logits[1]);
            }

            @Override
            public void addLogitGradient(float[] logits, float[] grad) {
                grad[0] += logits[0];
                grad[1] += logits[1];
            }

            @Override
            public void markLogits(boolean[] reached) {
                reached[0] = true;
                reached[1] = true;
            }
        };
        for (LogitTerm term : java.util.Arrays.asList(null, reachesFirstHead)) {
            LayeredNet net = net(false);
            int readout = net.matrixCount() - 1;
            int classes = net.post(readout);
            TrainerOptions o = options(2).withRegularisation(0.1, 1.0);
            try (Trainer trainer = new Trainer(net, RateEncoder.bernoulli(STEPS, 1.0), o)) {
                trainer.trainBatch(maskedBatch(data, first, 16, null));
                float[] afterFirst = net.weights(readout).clone();
                trainer.trainBatch(maskedBatch(data, second, 16, term));
                trainer.trainBatch(maskedBatch(data, second, 16, term));
                float[] w = net.weights(readout);
                int changedFirst = 0;
                int changedSecond = 0;
                for (int k = 0; k < w.length; k++) {
                    if (w[k] != afterFirst[k]) {
                        if (first[k % classes]) {
                            changedFirst++;
                        } else {
                            changedSecond++;
                        }
                    }
                }
                assertTrue(changedSecond > 0, "the second head trains");
                if (term == null) {
                    assertEquals(0, changedFirst, "weights of the first head changed by batches that cannot use it");
                } else {
                    assertTrue(changedFirst > 0, "a term that reaches the first head trains it");
                }
            }
        }
    }

    /**
     * The max-membrane readout starts at the readout's first input (step 1 with one hidden layer):
     * hidden neurons that fire at every step from step 0 and only negative readout weights keep the
     * readout's membrane below 0 from step 1 on, so each logit is negative; it used to be exactly 0,
     * the empty step 0, which carried no gradient.
     */
    @Test
    void maxMembraneLogitsStartAtTheReadoutsFirstInput() {
        SyntheticPatterns data = SyntheticPatterns.train();
        LayeredNet net = LayeredNet.create(LayeredNetSpec.of(SyntheticPatterns.INPUTS,
                List.of(HiddenLayer.lif(32, 10.0)),
                ReadoutLayer.of(SyntheticPatterns.CLASSES, Readout.MAX_MEMBRANE, 10.0)), 5);
        java.util.Arrays.fill(net.weights(0), 5f);   // any input spike makes every hidden neuron fire
        float[] readout = net.weights(net.matrixCount() - 1);
        for (int k = 0; k < readout.length; k++) {
            readout[k] = -Math.abs(readout[k]) - 0.01f;
        }
        try (Trainer trainer = new Trainer(net, RateEncoder.bernoulli(STEPS, 1.0), options(1))) {
            float[] logits = new float[SyntheticPatterns.CLASSES];
            trainer.logits(data.x[0], Encoder.streamState(1, 0, 0), logits);
            for (float o : logits) {
                assertTrue(o < 0, java.util.Arrays.toString(logits));
            }
        }
    }

    /** A short logits buffer was an ArrayIndexOutOfBoundsException from an arraycopy. */
    @Test
    void logitsBufferOfTheWrongLengthIsAParameterError() {
        SyntheticPatterns data = SyntheticPatterns.train();
        LayeredNet net = LayeredNet.create(LayeredNetSpec.of(SyntheticPatterns.INPUTS,
                List.of(HiddenLayer.lif(8, 10.0)),
                ReadoutLayer.of(SyntheticPatterns.CLASSES, Readout.MEAN_MEMBRANE, 10.0)), 5);
        try (Trainer trainer = new Trainer(net, RateEncoder.bernoulli(STEPS, 1.0), options(1))) {
            ParameterException e = assertThrows(ParameterException.class,
                    () -> trainer.logits(data.x[0], Encoder.streamState(1, 0, 0), new float[1]));
            assertTrue(e.getMessage().contains("logits buffer") && e.getMessage().contains("found 1"), e.getMessage());
        }
    }

    /** A closed trainer says so, whatever its thread count, instead of a rejected-task error. */
    @Test
    void aClosedTrainerRefusesWork() {
        SyntheticPatterns data = SyntheticPatterns.test();
        for (int threads = 1; threads <= 2; threads++) {
            Trainer trainer = new Trainer(net(false), RateEncoder.bernoulli(STEPS, 1.0), options(threads));
            trainer.close();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> trainer.evaluate(data.x, data.y, null));
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
        }
    }

    /** Evaluating against labels the readout has no unit for is refused, not scored as wrong. */
    @Test
    void evaluationRefusesLabelsOutsideTheReadout() {
        SyntheticPatterns data = SyntheticPatterns.test();
        try (Trainer trainer = new Trainer(net(false), RateEncoder.bernoulli(STEPS, 1.0), options(1))) {
            int[] labels = data.y.clone();
            labels[3] = SyntheticPatterns.CLASSES;
            ParameterException e = assertThrows(ParameterException.class, () -> trainer.evaluate(data.x, labels, null));
            assertTrue(e.getMessage().contains("label")
                    && e.getMessage().contains(String.valueOf(SyntheticPatterns.CLASSES)),
                    e.getMessage());
        }
    }

    /** Each layer delays by one step: an encoder with no more steps than hidden layers is refused. */
    @Test
    void tooFewStepsForTheLayersAreRefused() {
        LayeredNet twoHidden = LayeredNet.create(LayeredNetSpec.of(SyntheticPatterns.INPUTS,
                List.of(HiddenLayer.lif(8, 10.0), HiddenLayer.lif(8, 10.0)),
                ReadoutLayer.of(SyntheticPatterns.CLASSES, Readout.MEAN_MEMBRANE, 10.0)), 5);
        ParameterException e = assertThrows(ParameterException.class,
                () -> new Trainer(twoHidden, RateEncoder.bernoulli(2, 1.0), options(1)));
        assertTrue(e.getMessage().contains("steps") && e.getMessage().contains("2 hidden layer"), e.getMessage());
        new Trainer(twoHidden, RateEncoder.bernoulli(3, 1.0), options(1)).close();
    }

    @Test
    void weightDecayAddsDecayTimesWeightToTheGradient() {
        SyntheticPatterns data = SyntheticPatterns.train();
        Batch batch = new Batch(java.util.Arrays.copyOf(data.x, 8), java.util.Arrays.copyOf(data.y, 8),
                new long[8], null);
        float[][] plain = new float[0][];
        float[][] decayed = new float[0][];
        float[][] start = new float[0][];
        for (double wd : new double[] {0.0, 0.5}) {
            LayeredNet net = net(false);
            start = new float[net.matrixCount()][];
            for (int m = 0; m < start.length; m++) {
                start[m] = net.weights(m).clone();
            }
            TrainerOptions o = options(1).withOptimizer(OptimizerSpec.sgd(0), LearningRateSchedule.constant(0.01))
                    .withRegularisation(wd, 0);
            try (Trainer trainer = new Trainer(net, RateEncoder.bernoulli(STEPS, 1.0), o)) {
                trainer.trainBatch(batch);
            }
            float[][] after = new float[net.matrixCount()][];
            for (int m = 0; m < after.length; m++) {
                after[m] = net.weights(m).clone();
            }
            if (wd == 0) {
                plain = after;
            } else {
                decayed = after;
            }
        }
        for (int m = 0; m < start.length; m++) {
            for (int k = 0; k < start[m].length; k++) {
                // SGD: w1 = w0 - lr (g + wd w0); the two runs differ by -lr wd w0 up to float rounding (~1e-8).
                assertEquals(-0.01 * 0.5 * start[m][k], decayed[m][k] - plain[m][k], 2e-8, "matrix " + m);
            }
        }
    }

    /**
     * The activity of every matrix, as {@link LayerActivity} defines it, from the spikes that reach
     * it: the encoder's input spikes in the same step, the hidden layer's spikes one step late, into
     * the readout and back into the layer itself.
     */
    @Test
    void activityOfSpikesIsTheirMeanExponentialTraceOneStepLate() {
        SyntheticPatterns data = SyntheticPatterns.train();
        LayeredNet net = net(true);
        RateEncoder encoder = RateEncoder.bernoulli(STEPS, 0.8);
        int samples = 3;
        float[][] x = java.util.Arrays.copyOf(data.x, samples);
        long[] streams = new long[samples];
        for (int b = 0; b < samples; b++) {
            streams[b] = Encoder.streamState(4, b, 0);
        }
        Batch batch = new Batch(x, java.util.Arrays.copyOf(data.y, samples), streams, null);
        TrainerOptions options = options(1);
        double lambda = Math.exp(-net.spec().dtMs() / options.activityTauMs());
        try (Trainer trainer = new Trainer(net, encoder, options)) {
            float[][] activity = trainer.activity(batch);
            org.engram.learning.encode.EncodedInput in = new org.engram.learning.encode.EncodedInput(STEPS,
                    SyntheticPatterns.INPUTS);
            for (int b = 0; b < samples; b++) {
                int[][][] spikes = trainer.spikes(x[b], streams[b]);
                encoder.encode(x[b], streams[b], in);
                for (int m = 0; m < net.matrixCount(); m++) {
                    int pre = net.pre(m);
                    // What reaches matrix m in step t: input spikes at t, else hidden spikes at t - 1.
                    double[][] reach = new double[STEPS][pre];
                    for (int t = 0; t < STEPS; t++) {
                        if (pre == SyntheticPatterns.INPUTS) {
                            for (int e = in.spikeStart(t); e < in.spikeEnd(t); e++) {
                                reach[t][in.index()[e]] = 1;
                            }
                        } else if (t > 0) {
                            for (int i : spikes[0][t - 1]) {
                                reach[t][i] = 1;
                            }
                        }
                    }
                    double total = 0;
                    for (int i = 0; i < pre; i++) {
                        double r = 0;
                        double rate = 0;
                        for (int t = 0; t < STEPS; t++) {
                            r = lambda * r + (1 - lambda) * reach[t][i];
                            rate += r / STEPS;
                        }
                        total += rate;
                        // float sums of 16 terms below 1: rounding below 1e-6
                        assertEquals(rate, activity[m][b * pre + i], 1e-6, "matrix " + m + ", sample " + b
                                + ", neuron " + i);
                    }
                    assertTrue(total > 0, "matrix " + m + " of sample " + b + " receives spikes");
                }
            }
        }
    }

    /** The first {@code n} samples of the synthetic training set, their labels and epoch-0 streams. */
    private static Batch firstSamples(int n, boolean[] mask) {
        SyntheticPatterns data = SyntheticPatterns.train();
        long[] streams = new long[n];
        boolean[][] masks = mask == null ? null : new boolean[n][];
        for (int b = 0; b < n; b++) {
            streams[b] = Encoder.streamState(4, b, 0);
            if (masks != null) {
                masks[b] = mask;
            }
        }
        return new Batch(java.util.Arrays.copyOf(data.x, n), java.util.Arrays.copyOf(data.y, n), streams, masks);
    }

    /**
     * A batch's result is its samples' mean cross-entropy and their correct predictions under the
     * weights before its step, read here from the logits (a direct current encodes alike in every
     * stream, so evaluation's streams give the training forward pass); an epoch's is the mean of its
     * batches' weighted by their samples, over one batch per {@code batch size} samples.
     */
    @Test
    void batchAndEpochResultsAreTheLossAndAccuracyBeforeEachStep() {
        SyntheticPatterns data = SyntheticPatterns.train();
        int n = 50;
        float[][] x = java.util.Arrays.copyOf(data.x, n);
        int[] y = java.util.Arrays.copyOf(data.y, n);
        boolean[] mask = {true, true, true, false};
        for (int i = 0; i < n; i++) {
            y[i] = Math.min(y[i], 2);
        }
        List<BatchResult> results = new ArrayList<>();
        TrainingHooks record = new TrainingHooks() {
            @Override
            public void afterBatch(Batch batch, BatchResult result) {
                results.add(result);
            }
        };
        // 50 samples: batches of 16, 16, 16 and 2, each cut into blocks of 3.
        TrainerOptions options = options(1).withBatch(16, 3);
        try (Trainer trainer = new Trainer(net(false), new org.engram.learning.encode.DirectCurrentEncoder(STEPS,
                1.0), options)) {
            trainer.setHooks(record);
            float[] logits = new float[SyntheticPatterns.CLASSES];
            double lossSum = 0;
            int correct = 0;
            for (int i = 0; i < n; i++) {
                trainer.logits(x[i], 0L, logits);
                int best = 0;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < logits.length; j++) {
                    if (mask[j] && logits[j] > max) {
                        max = logits[j];
                        best = j;
                    }
                }
                double sum = 0;
                for (int j = 0; j < logits.length; j++) {
                    sum += mask[j] ? Math.exp(logits[j] - max) : 0;
                }
                lossSum += Math.log(sum) - (logits[y[i]] - max);
                correct += best == y[i] ? 1 : 0;
            }
            long[] streams = new long[n];
            boolean[][] masks = new boolean[n][];
            java.util.Arrays.fill(masks, mask);
            BatchResult whole = trainer.trainBatch(new Batch(x, y, streams, masks));
            assertEquals(n, whole.samples());
            assertEquals(correct, whole.correct());
            // float logits, double sums of 50 terms: 1e-6 of the loss is far above their rounding
            assertEquals(lossSum / n, whole.meanLoss(), 1e-6 * lossSum / n);
            assertTrue(correct > 0 && correct < n, "a test of the count: " + correct + " of " + n);
            results.clear();
            EpochResult epoch = trainer.trainEpoch(x, y, 0, mask);
            assertEquals(4, results.size(), "batches of the epoch");
            double epochLoss = 0;
            int epochCorrect = 0;
            for (BatchResult r : results) {
                epochLoss += r.meanLoss() * r.samples();
                epochCorrect += r.correct();
            }
            assertEquals(n, epoch.samples());
            assertEquals(epochLoss / n, epoch.meanLoss(), 1e-12);
            assertEquals((double) epochCorrect / n, epoch.accuracy(), 0.0);
            assertTrue(epochCorrect > 0, "a test of the count");
            int[] begun = new int[1];
            trainer.setHooks(new TrainingHooks() {
                @Override
                public Batch beforeBatch(Batch batch) {
                    begun[0]++;
                    return batch;
                }
            });
            trainer.trainEpoch(java.util.Arrays.copyOf(x, 48), java.util.Arrays.copyOf(y, 48), 1, mask);
            assertEquals(3, begun[0], "48 samples are 3 batches of 16, and no empty fourth");
        }
    }

    /**
     * An epoch with a class mask trains only the units it allows: the readout weights of a masked-out
     * class stay exactly as they were (readout matrix, column of the class).
     */
    @Test
    void anEpochWithAClassMaskLeavesTheOtherUnitsAlone() {
        SyntheticPatterns data = SyntheticPatterns.train();
        int n = 40;
        int[] y = java.util.Arrays.copyOf(data.y, n);
        for (int i = 0; i < n; i++) {
            y[i] = y[i] % 2;
        }
        LayeredNet net = net(false);
        int readout = net.matrixCount() - 1;
        float[] before = net.weights(readout).clone();
        try (Trainer trainer = new Trainer(net, RateEncoder.bernoulli(STEPS, 1.0), options(1))) {
            trainer.trainEpoch(java.util.Arrays.copyOf(data.x, n), y, 0, new boolean[] {true, true, false, false});
        }
        float[] after = net.weights(readout);
        int post = net.post(readout);
        boolean moved = false;
        for (int k = 0; k < after.length; k++) {
            if (k % post >= 2) {
                assertEquals(before[k], after[k], 0f, "weight " + k + " of a masked-out class");
            } else {
                moved |= before[k] != after[k];
            }
        }
        assertTrue(moved, "the allowed classes train");
    }

    /**
     * A matrix wider than one reduction chunk (16,384 weights: here 48 x 1024, three chunks of 16 rows)
     * is reduced and stepped whole: one SGD step moves every weight by -lr times its mean gradient.
     */
    @Test
    void aMatrixOfSeveralChunksTakesTheWholeStep() {
        LayeredNet net = LayeredNet.create(LayeredNetSpec.of(SyntheticPatterns.INPUTS,
                List.of(HiddenLayer.lif(1024, 10.0)),
                ReadoutLayer.of(SyntheticPatterns.CLASSES, Readout.MEAN_MEMBRANE, 10.0)), 5);
        float lr = 0.5f;
        TrainerOptions options = TrainerOptions.defaults().withOptimizer(OptimizerSpec.sgd(0),
                LearningRateSchedule.constant(lr)).withBatch(8, 4).withSeed(9);
        Batch batch = firstSamples(8, null);
        try (Trainer trainer = new Trainer(net, RateEncoder.bernoulli(STEPS, 1.0), options)) {
            float[][] g = trainer.meanGradient(batch, Loss.CROSS_ENTROPY);
            float[][] w = new float[net.matrixCount()][];
            for (int m = 0; m < w.length; m++) {
                w[m] = net.weights(m).clone();
            }
            trainer.trainBatch(batch);
            for (int m = 0; m < w.length; m++) {
                int nonZero = 0;
                for (int k = 0; k < w[m].length; k++) {
                    float step = -lr * g[m][k];
                    assertEquals(step, trainer.lastUpdate(m)[k], 0f, "update " + k + " of matrix " + m);
                    assertEquals(w[m][k] + step, net.weights(m)[k], 0f, "weight " + k + " of matrix " + m);
                    nonZero += g[m][k] != 0 ? 1 : 0;
                }
                // The last chunk's rows are reached too.
                int lastRow = (net.pre(m) - 1) * net.post(m);
                boolean lastRowMoved = false;
                for (int k = lastRow; k < w[m].length; k++) {
                    lastRowMoved |= g[m][k] != 0;
                }
                assertTrue(nonZero > w[m].length / 10 && lastRowMoved, "matrix " + m + " has a gradient to step");
            }
        }
        // Adam keeps state per weight: a chunk stepped twice (its range overlapping another's) would
        // move its moments twice. Its first step is -lr m^/(sqrt(v^) + eps) with m^ = g, v^ = g^2.
        LayeredNet fresh = LayeredNet.create(net.spec(), 5);
        TrainerOptions adam = options.withOptimizer(OptimizerSpec.adam(), LearningRateSchedule.constant(lr));
        try (Trainer trainer = new Trainer(fresh, RateEncoder.bernoulli(STEPS, 1.0), adam)) {
            float[][] g = trainer.meanGradient(batch, Loss.CROSS_ENTROPY);
            trainer.trainBatch(batch);
            for (int m = 0; m < g.length; m++) {
                for (int k = 0; k < g[m].length; k++) {
                    double step = -lr * g[m][k] / (Math.abs(g[m][k]) + 1e-8);
                    // float moments and bias corrections: a few ulps of a step of at most lr
                    assertEquals(step, trainer.lastUpdate(m)[k], 1e-5 * lr, "Adam's update " + k + " of matrix " + m);
                }
            }
        }
    }

    /**
     * Readout units no sample may choose are left out of the clipping norm: with weight decay their
     * gradient would not be zero, but the optimiser is given it as zero, and the step of the others
     * is clipped by the norm of theirs alone.
     */
    @Test
    void untrainedUnitsAreLeftOutOfTheClippingNorm() {
        LayeredNet net = net(false);
        float lr = 0.1f;
        double decay = 0.05;
        double clip = 1e-3;
        TrainerOptions options = TrainerOptions.defaults().withOptimizer(OptimizerSpec.sgd(0),
                LearningRateSchedule.constant(lr)).withRegularisation(decay, clip).withBatch(8, 4).withSeed(9);
        boolean[] mask = {true, true, true, false};
        Batch batch = firstSamples(8, mask);
        for (int b = 0; b < 8; b++) {
            batch.labels()[b] = Math.min(batch.labels()[b], 2);
        }
        int readout = net.matrixCount() - 1;
        int post = net.post(readout);
        try (Trainer trainer = new Trainer(net, RateEncoder.bernoulli(STEPS, 1.0), options)) {
            float[][] g = trainer.meanGradient(batch, Loss.CROSS_ENTROPY);
            double sq = 0;
            for (int m = 0; m < g.length; m++) {
                float[] w = net.weights(m);
                for (int k = 0; k < g[m].length; k++) {
                    g[m][k] += (float) decay * w[k];
                    if (m == readout && !mask[k % post]) {
                        g[m][k] = 0f;
                    }
                    sq += (double) g[m][k] * g[m][k];
                }
            }
            double norm = Math.sqrt(sq);
            assertTrue(norm > clip, "the step is clipped: " + norm);
            float factor = (float) (clip / norm);
            trainer.trainBatch(batch);
            for (int m = 0; m < g.length; m++) {
                for (int k = 0; k < g[m].length; k++) {
                    // float products of the same factors: equal up to a rounding of the step
                    assertEquals(g[m][k] * factor, trainer.gradient(m)[k], 1e-6 * Math.abs(g[m][k] * factor) + 1e-12,
                            "gradient " + k + " of matrix " + m);
                }
            }
        }
    }

    /** What needs no samples: an empty batch trains nothing, and its mean gradient is zero. */
    @Test
    void anEmptyBatchChangesNothing() {
        LayeredNet net = net(false);
        float[] before = net.weights(0).clone();
        Batch empty = new Batch(new float[0][], new int[0], new long[0], null);
        RateEncoder encoder = RateEncoder.bernoulli(STEPS, 1.0);
        try (Trainer trainer = new Trainer(net, encoder, options(1))) {
            assertEquals(encoder, trainer.encoder());
            BatchResult r = trainer.trainBatch(empty);
            assertEquals(new BatchResult(0, 0, 0), r);
            assertEquals(0, trainer.step());
            float[][] g = trainer.meanGradient(empty, Loss.CROSS_ENTROPY);
            for (int m = 0; m < g.length; m++) {
                assertArrayEquals(new float[net.weights(m).length], g[m], "matrix " + m);
            }
            trainer.setStep(0);
            assertEquals(0, trainer.step());
            assertThrows(ParameterException.class, () -> trainer.setStep(-1));
            Batch outside = new Batch(new float[][] {SyntheticPatterns.train().x[0]},
                    new int[] {SyntheticPatterns.CLASSES}, new long[1], null);
            assertEquals("label", assertThrows(ParameterException.class, () -> trainer.perSampleGradients(outside,
                    Loss.CROSS_ENTROPY, (b, loss, grad) -> { })).location());
        }
        assertArrayEquals(before, net.weights(0));
    }

    /**
     * Predictions are the largest allowed logit of each sample under evaluation's streams, in every
     * block of 32 samples; inference counts what the definitions of {@link Trainer#inferenceActivity}
     * count from the spikes: spikes of the input and every layer, a synaptic operation per spike and
     * target, a multiply-accumulate per current input and first-layer neuron.
     */
    @Test
    void predictionsAndInferenceCountsFollowTheirDefinitions() {
        SyntheticPatterns data = SyntheticPatterns.test();
        int n = 70;
        float[][] x = java.util.Arrays.copyOf(data.x, n);
        boolean[] mask = {true, false, true, true};
        int hidden = 32;
        for (boolean current : new boolean[] {false, true}) {
            LayeredNet net = LayeredNet.create(LayeredNetSpec.of(SyntheticPatterns.INPUTS,
                    List.of(HiddenLayer.lif(hidden, 10.0).withRecurrent(true)),
                    ReadoutLayer.of(SyntheticPatterns.CLASSES, Readout.SPIKE_COUNT, 10.0)), 5);
            Encoder encoder = current ? new org.engram.learning.encode.DirectCurrentEncoder(STEPS, 1.0)
                    : RateEncoder.bernoulli(STEPS, 1.0);
            TrainerOptions options = options(2);
            try (Trainer trainer = new Trainer(net, encoder, options)) {
                int[] predicted = trainer.predict(x, mask);
                long[] counts = trainer.inferenceActivity();
                float[] logits = new float[SyntheticPatterns.CLASSES];
                long spikes = 0;
                long synOps = 0;
                org.engram.learning.encode.EncodedInput in = new org.engram.learning.encode.EncodedInput(STEPS,
                        SyntheticPatterns.INPUTS);
                for (int i = 0; i < n; i++) {
                    long stream = Encoder.streamState(options.seed(), i, Trainer.EVALUATION_EPOCH);
                    trainer.logits(x[i], stream, logits);
                    int best = -1;
                    for (int j = 0; j < logits.length; j++) {
                        if (mask[j] && (best < 0 || logits[j] > logits[best])) {
                            best = j;
                        }
                    }
                    // Spike counts tie: any largest allowed logit is right.
                    assertEquals(logits[best], logits[predicted[i]], 0f, "sample " + i);
                    assertTrue(mask[predicted[i]], "sample " + i + " predicts an allowed class");
                    encoder.encode(x[i], stream, in);
                    long inputSpikes = current ? 0 : in.spikeEnd(STEPS - 1);
                    int[][][] s = trainer.spikes(x[i], stream);
                    long hiddenSpikes = 0;
                    long readoutSpikes = 0;
                    for (int t = 0; t < STEPS; t++) {
                        hiddenSpikes += s[0][t].length;
                        readoutSpikes += s[1][t].length;
                    }
                    spikes += inputSpikes + hiddenSpikes + readoutSpikes;
                    synOps += inputSpikes * hidden + hiddenSpikes * (hidden + SyntheticPatterns.CLASSES);
                }
                assertEquals(n, counts[0], "samples");
                assertEquals(spikes, counts[1], "spikes");
                assertEquals(synOps, counts[2], "synaptic operations");
                assertEquals(current ? (long) n * SyntheticPatterns.INPUTS * hidden : 0, counts[3], "MACs");
                assertTrue(synOps > 0, "the hidden layer spikes");
            }
        }
    }

    /**
     * What a trainer reads of the weights follows their training: after a step, its spikes and
     * activity are those a new trainer of the same weights gives, and the activity a hook is given
     * in a batch larger than the ones before is that of every one of its samples.
     */
    @Test
    void aTrainersViewOfTheWeightsFollowsTheirTraining() {
        LayeredNet net = net(true);
        RateEncoder encoder = RateEncoder.bernoulli(STEPS, 1.0);
        float[][][] seen = new float[1][][];
        TrainingHooks capture = new TrainingHooks() {
            @Override
            public boolean needsActivity() {
                return true;
            }

            @Override
            public void transformUpdate(int matrix, float[] update, LayerActivity activity) {
                if (seen[0] == null) {
                    seen[0] = new float[net.matrixCount()][];
                }
                float[] rates = new float[activity.samples() * activity.pre()];
                for (int b = 0; b < activity.samples(); b++) {
                    for (int i = 0; i < activity.pre(); i++) {
                        rates[b * activity.pre() + i] = activity.rate(b, i);
                    }
                }
                seen[0][matrix] = rates;
            }
        };
        Batch small = firstSamples(2, null);
        Batch large = firstSamples(6, null);
        float[] sample = large.samples()[5];
        long stream = large.streamStates()[5];
        try (Trainer trainer = new Trainer(net, encoder, options(1).withOptimizer(OptimizerSpec.sgd(0),
                LearningRateSchedule.constant(0.5)))) {
            trainer.setHooks(capture);
            trainer.trainBatch(small);
            float[][] expected;
            int[][][] spikes;
            try (Trainer fresh = new Trainer(net, encoder, options(1))) {
                expected = fresh.activity(large);
                spikes = fresh.spikes(sample, stream);
            }
            int[][][] ownSpikes = trainer.spikes(sample, stream);
            float[][] activity = trainer.activity(large);
            seen[0] = null;
            trainer.trainBatch(large);
            for (int m = 0; m < expected.length; m++) {
                assertArrayEquals(expected[m], activity[m], "activity of matrix " + m);
                assertArrayEquals(expected[m], seen[0][m], "activity given to the hook, matrix " + m);
            }
            for (int l = 0; l < spikes.length; l++) {
                for (int t = 0; t < STEPS; t++) {
                    assertArrayEquals(spikes[l][t], ownSpikes[l][t], "layer " + l + ", step " + t);
                }
            }
        }
    }

    @Test
    void inputActivityOfADirectCurrentIsItsMeanNormalisedTrace() {
        SyntheticPatterns data = SyntheticPatterns.train();
        LayeredNet net = net(false);
        float[][] seen = new float[1][];
        TrainingHooks capture = new TrainingHooks() {
            @Override
            public boolean needsActivity() {
                return true;
            }

            @Override
            public void transformUpdate(int matrix, float[] update, LayerActivity activity) {
                if (matrix == 0) {
                    seen[0] = java.util.Arrays.copyOf(activity.rates(), activity.samples() * activity.pre());
                }
            }
        };
        double gain = 0.8;
        try (Trainer trainer = new Trainer(net, new org.engram.learning.encode.DirectCurrentEncoder(STEPS, gain),
                options(1))) {
            trainer.setHooks(capture);
            trainer.trainBatch(new Batch(java.util.Arrays.copyOf(data.x, 4), java.util.Arrays.copyOf(data.y, 4),
                    new long[4], null));
        }
        // r_t = l r_(t-1) + (1 - l) x, r_(-1) = 0  =>  r_t = x (1 - l^(t+1)); mean over T steps.
        // dt = 1 ms, tau = 20 ms.
        double lambda = Math.exp(-1.0 / 20.0);
        double factor = 0;
        for (int t = 0; t < STEPS; t++) {
            factor += (1 - Math.pow(lambda, t + 1)) / STEPS;
        }
        for (int b = 0; b < 4; b++) {
            for (int i = 0; i < SyntheticPatterns.INPUTS; i++) {
                // float sums of 16 terms: relative rounding below 1e-6
                assertEquals(data.x[b][i] * gain * factor, seen[0][b * SyntheticPatterns.INPUTS + i], 1e-6,
                        "sample " + b + " input " + i);
            }
        }
    }

    @Test
    void clippingLimitsTheStepToTheClipNorm() {
        SyntheticPatterns data = SyntheticPatterns.train();
        LayeredNet net = net(false);
        float[][] before = new float[net.matrixCount()][];
        for (int m = 0; m < before.length; m++) {
            before[m] = net.weights(m).clone();
        }
        double clip = 1e-3;
        TrainerOptions o = options(1).withOptimizer(OptimizerSpec.sgd(0), LearningRateSchedule.constant(1.0))
                .withRegularisation(0, clip);
        try (Trainer trainer = new Trainer(net, RateEncoder.bernoulli(STEPS, 1.0), o)) {
            trainer.trainBatch(new Batch(java.util.Arrays.copyOf(data.x, 8), java.util.Arrays.copyOf(data.y, 8),
                    new long[8], null));
        }
        double sq = 0;
        for (int m = 0; m < before.length; m++) {
            for (int k = 0; k < before[m].length; k++) {
                double d = net.weights(m)[k] - before[m][k];
                sq += d * d;
            }
        }
        // With SGD at lr 1 the step is the clipped gradient, whose norm is the clip norm; float
        // rounding of weights near 0.1 adds ~1e-8 per weight, far below 1% of 1e-3.
        assertEquals(clip, Math.sqrt(sq), 0.01 * clip);
    }

    @Test
    void predictRejectsClassMasksOfTheWrongLengthOrWithNoClass() {
        SyntheticPatterns data = SyntheticPatterns.test();
        try (Trainer trainer = new Trainer(net(false), RateEncoder.bernoulli(STEPS, 1.0), options(1))) {
            // CLASSES = 4: a shorter mask used to index past its end, a longer one was silently cut,
            // and an all-false mask made every prediction -1, which no label equals.
            for (boolean[] mask : new boolean[][] {{true, true}, {true, true, true, true, true}, new boolean[4]}) {
                ParameterException e = assertThrows(ParameterException.class,
                        () -> trainer.predict(data.x, mask));
                assertTrue(e.getMessage().contains("class mask"), e.getMessage());
            }
        }
    }

    /**
     * The count of batches is the quotient rounded up, as a double computes it for these sizes, whatever the
     * sizes: near 2^31 the sum it was computed from wrapped to a negative count (from a fuzz audit).
     */
    @Test
    void batchesAreTheQuotientRoundedUpWithoutWrapping() {
        int[] sizes = {1, 2, 3, 7, 64, 1 << 30, Integer.MAX_VALUE - 1, Integer.MAX_VALUE};
        for (int samples : new int[] {0, 1, 5, 40, 60000, Integer.MAX_VALUE - 1, Integer.MAX_VALUE}) {
            for (int size : sizes) {
                assertEquals((long) Math.ceil((double) samples / size), TrainerOptions.batches(samples, size),
                        samples + " samples in batches of " + size);
            }
        }
    }

    @Test
    void optionsRejectInfiniteWeightDecayAndSlope() {
        // Both pass ">= 0" / "> 0" checks, yet an infinite decay makes every gradient infinite and an
        // infinite slope gives inf * 0 = NaN in the surrogate wherever the membrane sits at threshold.
        TrainerOptions o = TrainerOptions.defaults();
        double inf = Double.POSITIVE_INFINITY;
        assertEquals("weight_decay", assertThrows(ParameterException.class,
                () -> o.withRegularisation(inf, 0.0)).location());
        assertEquals("slope", assertThrows(ParameterException.class,
                () -> o.withSurrogate(Surrogate.FAST_SIGMOID, inf)).location());
    }

    @Test
    void batchesAndBlocksOfOneSampleAreTheSmallestTaken() {
        TrainerOptions o = TrainerOptions.defaults().withBatch(1, 1);
        assertEquals(1, o.batchSize());
        assertEquals(1, o.blockSize());
        assertEquals("batch_size", assertThrows(ParameterException.class, () -> o.withBatch(0, 1)).location());
        assertEquals("block_size", assertThrows(ParameterException.class, () -> o.withBatch(1, 0)).location());
    }

    @Test
    void optionsRejectMoreThreadsThanTheEngineTakes() {
        // One worker thread each: a count with a typo ran out of native threads or heap, not into a message.
        TrainerOptions o = TrainerOptions.defaults();
        assertEquals(1024, o.withThreads(1024).threads());
        ParameterException e = assertThrows(ParameterException.class, () -> o.withThreads(1025));
        assertEquals("threads", e.location());
        assertTrue(e.expected().contains("[1, 1024]"), e.expected());
    }

    @Test
    void epochOfNoSamplesReportsZerosNotNaN() {
        // Same convention as evaluate() and ContinualLearner.trainEpoch: no samples, no loss, no hits
        // (0/0 used to make both figures NaN, which JSON cannot hold).
        try (Trainer trainer = new Trainer(net(false), RateEncoder.bernoulli(STEPS, 1.0), options(1))) {
            EpochResult r = trainer.trainEpoch(new float[0][], new int[0], 0);
            assertEquals(new EpochResult(0, 0, 0), r);
        }
    }
}
