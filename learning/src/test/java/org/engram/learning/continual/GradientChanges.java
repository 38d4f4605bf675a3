package org.engram.learning.continual;

import java.util.Arrays;

/**
 * Watches the gradient from both sides of the strategies chained between {@link #before()} and
 * {@link #after()}: how many steps it passed through them, and at how many they changed it. A test
 * compares the counts a projecting strategy reports with these.
 */
final class GradientChanges {
    private float[][] seen;
    private int steps;
    private int changed;

    /** {@return the strategy to chain first: it copies the gradient it is given} */
    ContinualStrategy before() {
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
    ContinualStrategy after() {
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

    /** Starts counting again, as the strategies' own counts do at a task's start. */
    void reset() {
        steps = 0;
        changed = 0;
    }

    /** {@return the steps counted since the last reset} */
    int steps() {
        return steps;
    }

    /** {@return the steps since the last reset whose gradient was changed in between} */
    int changed() {
        return changed;
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
