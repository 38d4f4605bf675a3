package org.engram.learning.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
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

/**
 * One optimisation step of the trainer against the definitions of its parts: the step's loss, the
 * gradient hooks, plain SGD's update ({@code -lr g}) of the readout columns a class mask trains,
 * the gradients of the weights a step left, and a dataset refused before its first step.
 */
class TrainerStepTest {
    private static final int STEPS = 16;
    private static final float LR = 0.1f;

    private static LayeredNet net() {
        return net(false, Readout.MEAN_MEMBRANE);
    }

    private static LayeredNet net(boolean recurrent, Readout readout) {
        HiddenLayer hidden = HiddenLayer.lif(12, 10.0).withRecurrent(recurrent);
        return LayeredNet.create(LayeredNetSpec.of(SyntheticPatterns.INPUTS, List.of(hidden),
                ReadoutLayer.of(SyntheticPatterns.CLASSES, readout, 10.0)), 5);
    }

    private static Trainer sgdTrainer(LayeredNet net) {
        return new Trainer(net, RateEncoder.bernoulli(STEPS, 1.0), TrainerOptions.defaults()
                .withOptimizer(OptimizerSpec.sgd(0), LearningRateSchedule.constant(LR)).withBatch(8, 2).withSeed(9));
    }

    /** The first {@code n} synthetic samples from {@code offset}, with streams of epoch 0. */
    private static Batch batch(int offset, int n, boolean[] outside) {
        SyntheticPatterns data = SyntheticPatterns.train();
        long[] streams = new long[n];
        for (int b = 0; b < n; b++) {
            streams[b] = Encoder.streamState(4, offset + b, 0);
        }
        return new Batch(Arrays.copyOfRange(data.x, offset, offset + n), Arrays.copyOfRange(data.y, offset, offset + n),
                streams, null, null, null, outside);
    }

    /**
     * Batch's definition of the step's loss: {@code (1/n) sum_(b in mean) l_b + sum_(b outside) l_b},
     * from the samples' own losses under the weights before the step; the result counts the samples
     * in the mean only.
     */
    @Test
    void aStepsLossIsTheMeanInsidePlusTheLossesOutside() {
        boolean[] outside = {false, true, false, false, true};
        Batch batch = batch(0, 5, outside);
        double[] losses = new double[5];
        try (Trainer trainer = sgdTrainer(net())) {
            trainer.perSampleGradients(batch, Loss.CROSS_ENTROPY, (b, loss, g) -> losses[b] = loss);
            BatchResult result = trainer.trainBatch(batch);
            double expected = (losses[0] + losses[2] + losses[3]) / 3 + losses[1] + losses[4];
            assertTrue(losses[1] > 0.1 && losses[4] > 0.1, "the outside samples weigh in the test");
            // Float logits, double sums: both sides round the same per-sample losses, to ~1e-7 relative.
            assertEquals(expected, result.meanLoss(), 1e-6 * expected);
            assertEquals(3, result.samples());
        }
    }

    /** What {@link TrainingHooks#transformGradient} does to the gradient is what plain SGD steps on. */
    @Test
    void theTransformedGradientIsWhatTheOptimiserSteps() {
        Batch batch = batch(0, 8, null);
        LayeredNet net = net();
        try (Trainer trainer = sgdTrainer(net)) {
            float[][] g = trainer.meanGradient(batch, Loss.CROSS_ENTROPY);
            trainer.setHooks(new TrainingHooks() {
                @Override
                public void transformGradient(float[][] grad) {
                    for (float[] matrix : grad) {
                        for (int k = 0; k < matrix.length; k++) {
                            matrix[k] *= 3f;
                        }
                    }
                }
            });
            trainer.trainBatch(batch);
            for (int m = 0; m < g.length; m++) {
                float[] up = trainer.lastUpdate(m);
                for (int k = 0; k < up.length; k++) {
                    // -lr (3 g) in float: two roundings, 2.4e-7 relative.
                    assertEquals(-LR * 3.0 * g[m][k], up[k], 3e-7 * Math.abs(LR * 3.0 * g[m][k]), "matrix " + m);
                }
            }
        }
    }

    /**
     * With a class mask, the readout columns of the allowed classes take plain SGD's step
     * {@code -lr g} in every row and the others none (a mask breaks each row into runs of columns).
     */
    @Test
    void maskedReadoutColumnsTakeTheSgdStepInEveryRow() {
        boolean[] mask = {true, false, true, true};
        SyntheticPatterns data = SyntheticPatterns.train();
        int n = 8;
        float[][] x = new float[n][];
        int[] y = new int[n];
        long[] streams = new long[n];
        boolean[][] masks = new boolean[n][];
        for (int b = 0, i = 0; b < n; i++) {
            if (mask[data.y[i]]) {
                x[b] = data.x[i];
                y[b] = data.y[i];
                streams[b] = Encoder.streamState(4, i, 0);
                masks[b++] = mask;
            }
        }
        LayeredNet net = net();
        int readout = net.matrixCount() - 1;
        int post = net.post(readout);
        try (Trainer trainer = sgdTrainer(net)) {
            trainer.trainBatch(new Batch(x, y, streams, masks));
            float[] g = trainer.gradient(readout);
            float[] up = trainer.lastUpdate(readout);
            boolean moved = false;
            for (int k = 0; k < up.length; k++) {
                float expected = mask[k % post] ? -LR * g[k] : 0f;
                assertEquals(expected, up[k], 0f, "row " + k / post + ", column " + k % post);
                moved |= k >= post && up[k] != 0f;
            }
            assertTrue(moved, "rows after the first move: the test tests them");
        }
    }

    /** Per-sample gradients read the weights as the last step left them, as the mean gradient does. */
    @Test
    void perSampleGradientsFollowTheWeightsOfTheLastStep() {
        Batch one = batch(20, 1, null);
        try (Trainer trainer = sgdTrainer(net())) {
            trainer.trainBatch(batch(0, 8, null));
            float[][][] perSample = new float[1][][];
            trainer.perSampleGradients(one, Loss.CROSS_ENTROPY, (b, loss, g) -> {
                perSample[0] = new float[g.length][];
                for (int m = 0; m < g.length; m++) {
                    perSample[0][m] = g[m].clone();
                }
            });
            float[][] mean = trainer.meanGradient(one, Loss.CROSS_ENTROPY);
            for (int m = 0; m < mean.length; m++) {
                assertArrayEquals(mean[m], perSample[0][m], "matrix " + m);
            }
        }
    }

    /**
     * A sample out of [0, 1] in an epoch's last batch is refused before the first batch trains,
     * naming the sample and the feature: the weights and the step count are as they were.
     */
    @Test
    void aBadSampleInTheLastBatchIsRefusedBeforeAnyStep() {
        SyntheticPatterns data = SyntheticPatterns.train();
        int n = 20;
        float[][] x = new float[n][];
        for (int i = 0; i < n; i++) {
            x[i] = data.x[i].clone();
        }
        x[n - 1][3] = 1.5f;
        LayeredNet net = net();
        String before = TrainBenchmark.weightsHash(net);
        try (Trainer trainer = sgdTrainer(net)) {
            ParameterException e = assertThrows(ParameterException.class,
                    () -> trainer.trainEpoch(x, Arrays.copyOf(data.y, n), 0));
            assertEquals("x[19].feature[3]", e.location());
            assertEquals(0, trainer.step());
        }
        assertEquals(before, TrainBenchmark.weightsHash(net));
    }

    /**
     * A hook that wants activity gets each batch's, as {@link Trainer#activity} computes it under the
     * same weights, for every matrix (the recurrent one too): after a larger batch, and after one of
     * the same size, whose buffer is reused.
     */
    @Test
    void activityIsEachBatchsOwnAsTheBufferGrowsAndIsReused() {
        LayeredNet net = net(true, Readout.MEAN_MEMBRANE);
        try (Trainer trainer = sgdTrainer(net)) {
            float[][][] seen = new float[net.matrixCount()][][];
            trainer.setHooks(new TrainingHooks() {
                @Override
                public boolean needsActivity() {
                    return true;
                }

                @Override
                public void transformUpdate(int matrix, float[] update, LayerActivity activity) {
                    seen[matrix] = new float[][] {Arrays.copyOf(activity.rates(), activity.samples() * activity.pre())};
                }
            });
            trainer.trainBatch(batch(0, 2, null));
            for (int offset : new int[] {2, 7}) {
                Batch next = batch(offset, 5, null);
                float[][] expected = trainer.activity(next);
                trainer.trainBatch(next);
                for (int m = 0; m < expected.length; m++) {
                    assertArrayEquals(expected[m], seen[m][0], "matrix " + m + ", batch at " + offset);
                }
            }
        }
    }

    /**
     * A sample's class weight scales its cross-entropy and its gradient; an extra logit term adds its
     * own loss to the sample's (here {@code 0.25 sum_j z_j^2} of the logits z, gradient {@code z / 2}).
     */
    @Test
    void classWeightsScaleAndLogitTermsAddToTheLoss() {
        SyntheticPatterns data = SyntheticPatterns.train();
        float[][] x = {data.x[3]};
        int[] y = {data.y[3]};
        long[] streams = {Encoder.streamState(4, 3, 0)};
        LogitTerm quarterSquares = new LogitTerm() {
            @Override
            public double loss(float[] logits) {
                double sum = 0;
                for (float z : logits) {
                    sum += 0.25 * z * z;
                }
                return sum;
            }

            @Override
            public void addLogitGradient(float[] logits, float[] grad) {
                for (int j = 0; j < logits.length; j++) {
                    grad[j] += 0.5f * logits[j];
                }
            }
        };
        try (Trainer trainer = sgdTrainer(net())) {
            Batch plain = new Batch(x, y, streams, null);
            Batch weighted = new Batch(x, y, streams, null, null, new float[] {0.5f}, null);
            Batch withTerm = new Batch(x, y, streams, null, new LogitTerm[][] {{quarterSquares}});
            float[][] g = trainer.meanGradient(plain, Loss.CROSS_ENTROPY);
            float[][] half = trainer.meanGradient(weighted, Loss.CROSS_ENTROPY);
            for (int m = 0; m < g.length; m++) {
                for (int k = 0; k < g[m].length; k++) {
                    assertEquals(0.5 * g[m][k], half[m][k], 1e-6 * Math.abs(g[m][k]) + 1e-12, "matrix " + m);
                }
            }
            double[] loss = new double[3];
            trainer.perSampleGradients(plain, Loss.CROSS_ENTROPY, (b, l, grad) -> loss[0] = l);
            trainer.perSampleGradients(withTerm, Loss.CROSS_ENTROPY, (b, l, grad) -> loss[1] = l);
            float[] z = new float[SyntheticPatterns.CLASSES];
            trainer.logits(x[0], streams[0], z);
            loss[2] = trainer.trainBatch(weighted).meanLoss();
            assertEquals(loss[0] + quarterSquares.loss(z), loss[1], 1e-9, "the term's loss adds to the sample's");
            assertEquals(0.5 * loss[0], loss[2], 1e-12, "the step's loss weighs the sample by 0.5");
        }
    }

    /**
     * A logit term that keeps the default {@link LogitTerm#markLogits} reaches every logit: the
     * readout unit of a class the batch's mask leaves out trains through it.
     */
    @Test
    void aTermWithTheDefaultMarksTrainsMaskedOutUnits() {
        SyntheticPatterns data = SyntheticPatterns.train();
        boolean[] mask = {true, true, false, false};
        LogitTerm lastLogit = new LogitTerm() {
            @Override
            public double loss(float[] logits) {
                return logits[3];
            }

            @Override
            public void addLogitGradient(float[] logits, float[] grad) {
                grad[3] += 1f;
            }
        };
        int n = 4;
        float[][] x = new float[n][];
        int[] y = new int[n];
        long[] streams = new long[n];
        boolean[][] masks = new boolean[n][];
        LogitTerm[][] terms = new LogitTerm[n][];
        for (int b = 0; b < n; b++) {
            x[b] = data.x[b];
            y[b] = b % 2;
            streams[b] = Encoder.streamState(4, b, 0);
            masks[b] = mask;
            terms[b] = new LogitTerm[] {lastLogit};
        }
        LayeredNet net = net();
        int readout = net.matrixCount() - 1;
        int post = net.post(readout);
        try (Trainer trainer = sgdTrainer(net)) {
            trainer.trainBatch(new Batch(x, y, streams, masks, terms));
            float[] up = trainer.lastUpdate(readout);
            boolean lastMoved = false;
            for (int k = 3; k < up.length; k += post) {
                lastMoved |= up[k] != 0f;
            }
            assertTrue(lastMoved, "unit 3 trains through the term");
        }
    }

    /**
     * Without input no unit spikes and every spike-count logit is 0: the prediction is the lowest
     * allowed class, as {@link Trainer#predict} breaks ties.
     */
    @Test
    void tiedLogitsPredictTheLowestAllowedClass() {
        float[][] silent = new float[3][SyntheticPatterns.INPUTS];
        try (Trainer trainer = sgdTrainer(net(false, Readout.SPIKE_COUNT))) {
            float[] z = new float[SyntheticPatterns.CLASSES];
            trainer.logits(silent[0], 1, z);
            assertArrayEquals(new float[SyntheticPatterns.CLASSES], z);
            assertArrayEquals(new int[] {0, 0, 0}, trainer.predict(silent, null));
            assertArrayEquals(new int[] {1, 1, 1}, trainer.predict(silent, new boolean[] {false, true, false, true}));
        }
    }
}
