package org.engram.learning.continual;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.function.IntSupplier;
import org.engram.learning.encode.RateEncoder;

/**
 * Watches the gradient from both sides of a strategy chained between {@link #before()} and
 * {@link #after()}: how many steps it passed through it, and at how many it changed it, to compare
 * with the counts a projecting strategy reports.
 */
final class GradientChanges {
    private float[][] seen;
    private int steps;
    private int changed;

    private GradientChanges() {
    }

    /**
     * Trains the first tasks of the split patterns task-incrementally, two epochs of 80 samples in
     * batches of 16 each, with a projecting strategy watched from both sides, and checks after each
     * task that the strategy counted a reference at every step after the first task (none during it)
     * and as projected exactly the steps whose gradient it changed.
     *
     * @param strategy       the strategy
     * @param referenceSteps its count of the current task's steps with a reference
     * @param projectedSteps its count of the current task's projected steps
     * @param tasks          how many tasks to train
     * @return per task, the steps it projected
     */
    static int[] checkCounts(ContinualStrategy strategy, IntSupplier referenceSteps, IntSupplier projectedSteps,
                             int tasks) {
        TaskData[] data = SplitPatterns.tasks(40, 30);
        GradientChanges changes = new GradientChanges();
        int[] projected = new int[tasks];
        try (ContinualLearner l = new ContinualLearner(ContinualLearnerTest.net(), RateEncoder.bernoulli(10, 1.0),
                ContinualLearnerTest.options(1), Strategies.chain(changes.before(), strategy, changes.after()),
                Scenario.TASK_INCREMENTAL)) {
            for (int t = 0; t < tasks; t++) {
                changes.steps = 0;
                changes.changed = 0;
                l.startTask(data[t]);
                l.trainEpoch(0);
                l.trainEpoch(1);
                assertEquals(10, changes.steps, "80 samples in batches of 16, two epochs");
                assertEquals(t == 0 ? 0 : 10, referenceSteps.getAsInt(), "task " + t);
                assertEquals(changes.changed, projectedSteps.getAsInt(), "task " + t);
                projected[t] = projectedSteps.getAsInt();
                l.finishTask();
            }
        }
        return projected;
    }

    /** {@return the strategy to chain first: it copies the gradient it is given} */
    private ContinualStrategy before() {
        return new Side("gradient_before") {
            @Override
            public void transformGradient(float[][] grad) {
                seen = new float[grad.length][];
                for (int m = 0; m < grad.length; m++) {
                    seen[m] = grad[m].clone();
                }
            }
        };
    }

    /** {@return the strategy to chain last: it counts the step, and the change if the gradient differs} */
    private ContinualStrategy after() {
        return new Side("gradient_after") {
            @Override
            public void transformGradient(float[][] grad) {
                steps++;
                if (!Arrays.deepEquals(seen, grad)) {
                    changed++;
                }
            }
        };
    }

    private abstract static class Side implements ContinualStrategy {
        private final String name;

        Side(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }
    }
}
