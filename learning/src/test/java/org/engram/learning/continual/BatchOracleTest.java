package org.engram.learning.continual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.engram.learning.encode.RateEncoder;
import org.engram.learning.layered.LayeredNet;
import org.junit.jupiter.api.Test;

/**
 * The oracle a batch offers in {@code beforeBatch} takes each sample of a set that mixes tasks with
 * its own task's head, and asking it changes nothing of the training that follows.
 */
class BatchOracleTest {
    private static final int STEPS = 10;
    private static final TaskData[] TASKS = SplitPatterns.tasks(40, 30);

    /** A sample of task 0 and one of task 1, each keeping its task. */
    private static final class TwoTasks implements SampleSet {
        private final SampleSet first = TASKS[0].trainSet();
        private final SampleSet second = TASKS[1].trainSet();

        @Override
        public int task() {
            return 1;
        }

        @Override
        public int task(int sample) {
            return sample;
        }

        @Override
        public int size() {
            return 2;
        }

        @Override
        public float[] input(int sample) {
            return sample == 0 ? first.input(3) : second.input(5);
        }

        @Override
        public int label(int sample) {
            return sample == 0 ? first.label(3) : second.label(5);
        }
    }

    /** Asks both oracles in task 1's first batch and keeps what they said. */
    private static final class Asker implements ContinualStrategy {
        TaskContext context;
        double[][] mixed;
        double[][] ofFirst;
        double[][] ofSecond;

        @Override
        public String name() {
            return "asker";
        }

        @Override
        public void beforeTask(TaskContext task) {
            context = task;
        }

        @Override
        public void beforeBatch(BatchContext batch) {
            if (batch.taskIndex() != 1 || batch.batchIndex() != 0) {
                return;
            }
            ModelView model = context.model();
            mixed = model.newPerWeight();
            ofFirst = model.newPerWeight();
            ofSecond = model.newPerWeight();
            batch.oracle().gradients(GradientOracle.Objective.LOSS, GradientOracle.Reduction.MEAN, new TwoTasks(),
                    new int[] {0, 1}, mixed);
            GradientOracle atBoundary = context.oracle();
            atBoundary.gradients(GradientOracle.Objective.LOSS, GradientOracle.Reduction.MEAN,
                    context.trainData(0), new int[] {3}, ofFirst);
            atBoundary.gradients(GradientOracle.Objective.LOSS, GradientOracle.Reduction.MEAN,
                    context.trainData(1), new int[] {5}, ofSecond);
        }
    }

    /**
     * Task-incremental: the mean gradient over a task-0 and a task-1 sample is the mean of each one's
     * gradient with its own head, which the task-boundary oracle computes from each task's own set.
     * The encoding draws differ, but binary inputs at a rate of one spike per step for a 1 encode
     * the same spikes from any stream. The two results differ only in rounding: the batch oracle sums
     * both samples' back-propagated terms into one float buffer, about 2 x STEPS additions of
     * relative error 2^-24 each, so 1e-5 of the matrix's largest entry bounds the difference.
     */
    @Test
    void eachSampleOfAMixedSetIsTakenWithItsOwnHead() {
        Asker asker = new Asker();
        try (ContinualLearner l = new ContinualLearner(ContinualLearnerTest.net(), RateEncoder.bernoulli(STEPS, 1.0),
                ContinualLearnerTest.options(1), asker, Scenario.TASK_INCREMENTAL)) {
            ContinualLearnerTest.train(l, 0, 2);
        }
        double headZero = 0;
        for (int m = 0; m < asker.mixed.length; m++) {
            double largest = 0;
            for (int k = 0; k < asker.mixed[m].length; k++) {
                largest = Math.max(largest, Math.abs(asker.mixed[m][k]));
            }
            for (int k = 0; k < asker.mixed[m].length; k++) {
                assertEquals((asker.ofFirst[m][k] + asker.ofSecond[m][k]) / 2, asker.mixed[m][k], 1e-5 * largest,
                        "matrix " + m + " entry " + k);
            }
        }
        int readout = asker.mixed.length - 1;
        for (int k = 0; k < asker.mixed[readout].length; k++) {
            if (k % SplitPatterns.CLASSES < 2) {
                headZero = Math.max(headZero, Math.abs(asker.mixed[readout][k]));
            }
        }
        assertTrue(headZero > 0, "the task-0 sample is trained against task 0's head, units 0 and 1");
    }

    /**
     * Each sample of a batch oracle's call is encoded from a stream of its own position: the mean
     * gradient of one input given twice is not that input's gradient at the first position alone, as it
     * would be, up to rounding, if both copies drew the same spikes.
     */
    @Test
    void eachPositionOfAnOracleCallDrawsItsOwnSpikes() {
        double[][][] grads = new double[2][][];
        ContinualStrategy twice = new ContinualStrategy() {
            private TaskContext context;

            @Override
            public String name() {
                return "twice";
            }

            @Override
            public void beforeTask(TaskContext task) {
                context = task;
            }

            @Override
            public void beforeBatch(BatchContext batch) {
                if (batch.batchIndex() > 0) {
                    return;
                }
                float[] x = batch.input(0);
                SampleSet copies = new ArraySamples(0, new float[][] {x, x}, new int[] {batch.label(0),
                        batch.label(0)});
                for (int n = 1; n <= 2; n++) {
                    grads[n - 1] = context.model().newPerWeight();
                    batch.oracle().gradients(GradientOracle.Objective.LOSS, GradientOracle.Reduction.MEAN, copies,
                            n == 1 ? new int[] {0} : new int[] {0, 1}, grads[n - 1]);
                }
            }
        };
        try (ContinualLearner l = new ContinualLearner(ContinualLearnerTest.net(), RateEncoder.bernoulli(STEPS, 0.6),
                ContinualLearnerTest.options(1), twice, Scenario.TASK_INCREMENTAL)) {
            l.startTask(SplitPatterns.tasks(40, 30)[0]);
            l.trainEpoch(0);
        }
        // Two copies that drew the same spikes would differ by rounding alone (below 1e-7 here).
        double largest = 0;
        for (int m = 0; m < grads[0].length; m++) {
            for (int i = 0; i < grads[0][m].length; i++) {
                largest = Math.max(largest, Math.abs(grads[0][m][i] - grads[1][m][i]));
            }
        }
        assertTrue(largest > 1e-4, "the second copy drew the first one's spikes: " + largest);
    }

    /** Asks the batch oracle before every batch of later tasks and throws the answer away. */
    private static final class OnlyAsks implements ContinualStrategy {
        private TaskContext context;

        @Override
        public String name() {
            return "naive";
        }

        @Override
        public void beforeTask(TaskContext task) {
            context = task;
        }

        @Override
        public void beforeBatch(BatchContext batch) {
            if (batch.taskIndex() > 0) {
                double[][] out = context.model().newPerWeight();
                batch.oracle().gradients(GradientOracle.Objective.LOSS, GradientOracle.Reduction.MEAN,
                        context.trainData(0), new int[] {0, 1, 2, 3, 4, 5, 6}, out);
            }
        }
    }

    /**
     * The batch oracle's pass fills the trainer's gradient buffers, but before the step's own pass
     * fills them again: a strategy that only asks it trains to naive training's weights, bit for
     * bit, on two threads, with a stochastic encoder (its draws are the oracle's own).
     */
    @Test
    void askingTheBatchOracleLeavesTrainingAsItWas() {
        float[][][] w = new float[2][][];
        int k = 0;
        for (ContinualStrategy strategy : new ContinualStrategy[] {new Naive(), new OnlyAsks()}) {
            LayeredNet net = ContinualLearnerTest.net();
            try (ContinualLearner l = new ContinualLearner(net, RateEncoder.bernoulli(STEPS, 0.6),
                    ContinualLearnerTest.options(2), strategy, Scenario.CLASS_INCREMENTAL)) {
                ContinualLearnerTest.train(l, 0, SplitPatterns.TASKS);
            }
            w[k++] = ContinualLearnerTest.weights(net);
        }
        for (int m = 0; m < w[0].length; m++) {
            assertArrayEquals(w[0][m], w[1][m], "matrix " + m);
        }
    }
}
