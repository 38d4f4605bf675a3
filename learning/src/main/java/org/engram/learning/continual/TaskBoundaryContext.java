package org.engram.learning.continual;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.engram.learning.layered.LayeredNet;
import org.engram.learning.train.Loss;
import org.engram.learning.train.Trainer;
import org.engram.learning.train.Workers;
import org.engram.simulator.ParameterException;

/**
 * What a strategy sees at a task boundary: the task and its predecessors' data, a view of the
 * model, and an oracle that asks the learner's trainer for gradients, outputs and activity. The
 * oracle's encodings have streams of their own, so they never repeat a draw of training.
 */
final class TaskBoundaryContext implements TaskContext, ModelView, GradientOracle {
    private final int taskIndex;
    private final Scenario scenario;
    private final long seed;
    private final List<TaskData> tasks;
    private final LayeredNet net;
    private final Trainer trainer;
    /** The readout units a task's samples are trained against (null: all), as the learner masks them. */
    private final IntFunction<boolean[]> trainingMask;

    TaskBoundaryContext(int taskIndex, Scenario scenario, long seed, List<TaskData> tasks, LayeredNet net,
                        Trainer trainer, IntFunction<boolean[]> trainingMask) {
        this.taskIndex = taskIndex;
        this.scenario = scenario;
        this.seed = seed;
        this.tasks = tasks;
        this.net = net;
        this.trainer = trainer;
        this.trainingMask = trainingMask;
    }

    @Override
    public int taskIndex() {
        return taskIndex;
    }

    @Override
    public Scenario scenario() {
        return scenario;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public ModelView model() {
        return this;
    }

    @Override
    public GradientOracle oracle() {
        return this;
    }

    @Override
    public SampleSet trainData(int task) {
        if (task < 0 || task > taskIndex) {
            throw new IllegalArgumentException("task " + task + " is not available at task " + taskIndex);
        }
        return tasks.get(task).trainSet();
    }

    @Override
    public Workers workers() {
        return trainer.workers();
    }

    @Override
    public int layerCount() {
        return net.matrixCount();
    }

    @Override
    public int inputs(int layer) {
        return net.pre(layer);
    }

    @Override
    public int outputs(int layer) {
        return net.post(layer);
    }

    @Override
    public float[] weights(int layer) {
        return net.weights(layer);
    }

    /** A task's head: its classes' readout units (task-incremental), else every unit. */
    @Override
    public int[] headUnits(int task) {
        return scenario == Scenario.TASK_INCREMENTAL ? classUnits(task) : ModelView.super.headUnits(task);
    }

    @Override
    public int[] classUnits(int task) {
        int[] units = tasks.get(task).classes().clone();
        Arrays.sort(units);
        return units;
    }

    /** In task-incremental learning the readout is one head per task, masked by the loss. */
    @Override
    public boolean taskSpecific(int layer) {
        return scenario == Scenario.TASK_INCREMENTAL && net.layerOf(layer) == net.layers().size() - 1;
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
        trainer.logits(data.input(sample), oracleStream(data.task(), sample), logits);
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

    private org.engram.learning.train.Batch oracleBatch(SampleSet data, int[] samples) {
        float[][] x = new float[samples.length][];
        int[] y = new int[samples.length];
        long[] streams = new long[samples.length];
        boolean[] mask = scenario == Scenario.DOMAIN_INCREMENTAL ? null : trainingMask.apply(data.task());
        boolean[][] masks = mask == null ? null : new boolean[samples.length][];
        for (int i = 0; i < samples.length; i++) {
            x[i] = data.input(samples[i]);
            y[i] = data.label(samples[i]);
            streams[i] = oracleStream(data.task(), samples[i]);
            if (masks != null) {
                masks[i] = mask;
            }
        }
        return new org.engram.learning.train.Batch(x, y, streams, masks);
    }

    /** Streams for consolidation passes: their own epoch number, so they never repeat training draws. */
    private long oracleStream(int task, int sample) {
        return ContinualLearner.encodingStream(seed, task, sample, Integer.MIN_VALUE);
    }
}
