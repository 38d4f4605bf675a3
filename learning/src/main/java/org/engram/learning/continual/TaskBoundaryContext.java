package org.engram.learning.continual;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.engram.learning.layered.LayeredNet;
import org.engram.learning.train.Trainer;
import org.engram.learning.train.Workers;

/**
 * What a strategy sees at a task boundary: the task and its predecessors' data, a view of the
 * model, and an oracle that asks the learner's trainer for gradients, outputs and activity. The
 * oracle's encodings have streams of their own, so they never repeat a draw of training.
 */
final class TaskBoundaryContext implements TaskContext, ModelView {
    private final int taskIndex;
    private final Scenario scenario;
    private final long seed;
    private final List<TaskData> tasks;
    private final LayeredNet net;
    private final Trainer trainer;
    private final LearnerOracle oracle;

    TaskBoundaryContext(int taskIndex, Scenario scenario, long seed, List<TaskData> tasks, LayeredNet net,
                        Trainer trainer, IntFunction<boolean[]> trainingMask) {
        this.taskIndex = taskIndex;
        this.scenario = scenario;
        this.seed = seed;
        this.tasks = tasks;
        this.net = net;
        this.trainer = trainer;
        this.oracle = new LearnerOracle(scenario, net, trainer, trainingMask, this::oracleStream);
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
        return oracle;
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

    /** Streams for consolidation passes: their own epoch number, so they never repeat training draws. */
    private long oracleStream(int task, int sample, int position) {
        return ContinualLearner.encodingStream(seed, task, sample, Integer.MIN_VALUE);
    }
}
