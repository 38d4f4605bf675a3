package org.engram.experiments.run;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import java.util.function.IntConsumer;
import org.engram.learning.continual.TaskData;
import org.engram.learning.train.EpochResult;
import org.engram.learning.unsupervised.DiehlCookLearner;

/**
 * A unit learned by the unsupervised Diehl and Cook network: an epoch shows each training sample
 * of the task once; it has no loss or training accuracy (NaN in {@code log.csv}). Its untrained
 * accuracy labels the neurons with every task's samples (all classes, as BPTT's untrained readout
 * has them all); after a task, with the tasks seen so far. Activity is that of classifying the
 * test samples ({@link DiehlCookLearner#inferenceActivity()}); spike inputs need no
 * multiply-accumulates (0). The labelling reads the training samples of the tasks it is given, which
 * in the validation views are the same as in the unit's tasks (the held-out samples left out).
 */
final class DiehlCookUnit implements UnitLearner {
    private final DiehlCookLearner learner;
    private final List<TaskData> tasks;
    private int task = -1;

    DiehlCookUnit(DiehlCookLearner learner, List<TaskData> tasks) {
        this.learner = learner;
        this.tasks = tasks;
    }

    @Override
    public double[] untrainedAccuracy(List<TaskData> on) {
        return learner.evaluate(on, on.size());
    }

    @Override
    public double[] accuracy(List<TaskData> on) {
        return learner.evaluate(on, learner.tasksDone());
    }

    @Override
    public void startTask(int index) {
        task = index;
        learner.startTask();
    }

    @Override
    public EpochResult trainEpoch(int epoch, IntConsumer afterBatch) {
        float[][] x = tasks.get(task).trainX();
        learner.trainPass(x, afterBatch);
        return new EpochResult(x.length, Double.NaN, Double.NaN);
    }

    @Override
    public void finishTask() {
        learner.finishTask();
    }

    @Override
    public long[] inferenceActivity() {
        long[] a = learner.inferenceActivity();
        return new long[] {a[0], a[1], a[2], 0};
    }

    @Override
    public String weightsHash() {
        return learner.weightsHash();
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        learner.writeState(out);
    }

    @Override
    public int readState(DataInput in) throws IOException {
        return learner.readState(in);
    }

    @Override
    public void close() {
        learner.close();
    }
}
