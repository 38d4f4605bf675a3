package org.engram.learning.continual;

import org.engram.simulator.random.Purpose;
import org.engram.simulator.random.RandomStreams;
import org.engram.simulator.random.SplitMixRandom;

/**
 * Joint training, the upper baseline: every batch of task t also trains on samples of all earlier
 * tasks, so nothing has to be remembered.
 *
 * <p>For each earlier task it appends as many samples as the batch has own samples, drawn
 * uniformly with replacement from that task's training set, so every task weighs the same in each
 * batch. Draws come from {@code RandomStreams.of(seed, Purpose.REPLAY, t)}. The earlier tasks' data
 * are read through {@link TaskContext#trainData(int)} at {@code beforeTask}; the strategy keeps no
 * state across tasks.
 */
public final class Joint implements ContinualStrategy {
    /** Registry name. */
    public static final String NAME = "joint";

    private SampleSet[] earlier = new SampleSet[0];
    private SplitMixRandom random;

    /** Creates the strategy, which has no hyperparameters. */
    public Joint() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void beforeTask(TaskContext task) {
        int t = task.taskIndex();
        earlier = new SampleSet[t];
        for (int p = 0; p < t; p++) {
            earlier[p] = task.trainData(p);
        }
        random = RandomStreams.of(task.seed(), Purpose.REPLAY, t);
    }

    @Override
    public void beforeBatch(BatchContext batch) {
        int n = batch.ownSize();
        for (SampleSet data : earlier) {
            for (int j = 0; j < n; j++) {
                int s = random.nextInt(data.size());
                batch.append(data.input(s), data.label(s), data.task());
            }
        }
    }
}
