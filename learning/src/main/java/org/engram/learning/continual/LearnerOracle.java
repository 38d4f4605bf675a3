package org.engram.learning.continual;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.engram.learning.layered.LayeredNet;
import org.engram.learning.train.Loss;
import org.engram.learning.train.Trainer;
import org.engram.simulator.ParameterException;

/**
 * The {@link GradientOracle} of a {@link ContinualLearner}: gradients, outputs and activity from its
 * trainer's own forward and (surrogate) backward passes, each sample masked to the readout units its
 * task's samples are trained against. The encodings draw from streams a {@link StreamKey} names,
 * which the learner keeps apart from those of training.
 */
final class LearnerOracle implements GradientOracle {
    /** The encoding stream of one sample of an oracle call. */
    @FunctionalInterface
    interface StreamKey {
        /**
         * {@return the stream's starting state}
         *
         * @param task     the task the sample belongs to
         * @param sample   its index in its set
         * @param position its position among the call's samples, from 0
         */
        long stream(int task, int sample, int position);
    }

    private final Scenario scenario;
    private final LayeredNet net;
    private final Trainer trainer;
    /** The readout units a task's samples are trained against (null: all), as the learner masks them. */
    private final IntFunction<boolean[]> trainingMask;
    private final StreamKey streams;

    LearnerOracle(Scenario scenario, LayeredNet net, Trainer trainer, IntFunction<boolean[]> trainingMask,
                  StreamKey streams) {
        this.scenario = scenario;
        this.net = net;
        this.trainer = trainer;
        this.trainingMask = trainingMask;
        this.streams = streams;
    }

    @Override
    public void gradients(Objective objective, Reduction reduction, SampleSet data, int[] samples,
                          double[][] out) {
        if (samples.length == 0) {
            throw new ParameterException("gradient oracle", "samples", "at least one sample to reduce over", 0);
        }
        if (out.length != net.matrixCount()) {
            throw new ParameterException("gradient oracle", "out", "one array per weight matrix ("
                    + net.matrixCount() + ")", out.length);
        }
        for (int m = 0; m < out.length; m++) {
            if (out[m] == null || out[m].length != net.weights(m).length) {
                throw new ParameterException("gradient oracle", "out[" + m + "]", "one value per weight of"
                        + " matrix " + m + " (" + net.weights(m).length + ")",
                        out[m] == null ? "null" : String.valueOf(out[m].length));
            }
        }
        org.engram.learning.train.Batch batch = oracleBatch(data, samples);
        Loss loss = objective == Objective.LOSS ? Loss.CROSS_ENTROPY : Loss.OUTPUT_SQUARED_NORM;
        for (double[] o : out) {
            Arrays.fill(o, 0);
        }
        if (reduction == Reduction.MEAN) {
            float[][] g = trainer.meanGradient(batch, loss);
            for (int m = 0; m < g.length; m++) {
                for (int k = 0; k < g[m].length; k++) {
                    out[m][k] = g[m][k];
                }
            }
            return;
        }
        double scale = 1.0 / samples.length;
        trainer.perSampleGradients(batch, loss, (sample, l, grad) -> {
            for (int m = 0; m < grad.length; m++) {
                double[] o = out[m];
                float[] g = grad[m];
                for (int k = 0; k < g.length; k++) {
                    o[k] += scale * (reduction == Reduction.MEAN_SQUARE ? (double) g[k] * g[k] : Math.abs(g[k]));
                }
            }
        });
    }

    @Override
    public void outputs(SampleSet data, int sample, float[] logits) {
        trainer.logits(data.input(sample), streams.stream(data.task(sample), sample, 0), logits);
    }

    @Override
    public List<LayerActivity> activities(SampleSet data, int[] samples) {
        float[][] all = trainer.activity(oracleBatch(data, samples));
        List<LayerActivity> layers = new ArrayList<>(all.length);
        for (int l = 0; l < all.length; l++) {
            layers.add(new TrainerActivity(l, new org.engram.learning.train.LayerActivity(samples.length, net.pre(l),
                    all[l]), null));
        }
        return layers;
    }

    /** The samples as a trainer batch: each with its label, its task's mask and its stream. */
    private org.engram.learning.train.Batch oracleBatch(SampleSet data, int[] samples) {
        float[][] x = new float[samples.length][];
        int[] y = new int[samples.length];
        long[] streamStates = new long[samples.length];
        boolean[][] masks = scenario == Scenario.DOMAIN_INCREMENTAL ? null : new boolean[samples.length][];
        boolean[][] byTask = new boolean[0][];
        for (int i = 0; i < samples.length; i++) {
            int task = data.task(samples[i]);
            x[i] = data.input(samples[i]);
            y[i] = data.label(samples[i]);
            streamStates[i] = streams.stream(task, samples[i], i);
            if (masks != null) {
                if (task >= byTask.length) {
                    byTask = Arrays.copyOf(byTask, task + 1);
                }
                if (byTask[task] == null) {
                    byTask[task] = trainingMask.apply(task);
                }
                masks[i] = byTask[task];
            }
        }
        return new org.engram.learning.train.Batch(x, y, streamStates, masks);
    }
}
