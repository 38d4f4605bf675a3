package org.engram.experiments.run;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import java.util.function.IntConsumer;
import org.engram.learning.continual.ContinualLearner;
import org.engram.learning.continual.TaskData;
import org.engram.learning.train.EpochResult;
import org.engram.learning.train.TrainBenchmark;

/** A unit trained by surrogate-gradient BPTT: a {@link ContinualLearner} over the unit's tasks. */
final class BpttUnit implements UnitLearner {
    private final ContinualLearner learner;
    private final List<TaskData> tasks;

    BpttUnit(ContinualLearner learner, List<TaskData> tasks) {
        this.learner = learner;
        this.tasks = tasks;
    }

    @Override
    public double[] untrainedAccuracy(List<TaskData> on) {
        return accuracy(on);
    }

    @Override
    public double[] accuracy(List<TaskData> on) {
        double[] row = new double[on.size()];
        for (int j = 0; j < row.length; j++) {
            row[j] = learner.evaluate(on.get(j));
        }
        return row;
    }

    @Override
    public void startTask(int task) {
        learner.startTask(tasks.get(task));
    }

    @Override
    public EpochResult trainEpoch(int epoch, IntConsumer afterBatch) {
        return learner.trainEpoch(epoch, afterBatch);
    }

    @Override
    public void finishTask() {
        learner.finishTask();
    }

    @Override
    public long[] inferenceActivity() {
        return learner.inferenceActivity();
    }

    @Override
    public String weightsHash() {
        return TrainBenchmark.weightsHash(learner.net());
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        learner.writeState(out);
    }

    /** Restores the learner, then re-registers the tasks its state covers. */
    @Override
    public int readState(DataInput in) throws IOException {
        int done = learner.readState(in);
        learner.restoreTasks(tasks.subList(0, done));
        return done;
    }

    @Override
    public void close() {
        learner.close();
    }
}
