package org.engram.learning.continual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.Consumer;
import org.engram.learning.encode.RateEncoder;
import org.engram.simulator.ParameterException;
import org.junit.jupiter.api.Test;

/**
 * The learner's oracle, asked at a task's end: its logits are the ones the learner classifies by,
 * its gradients overwrite the arrays they are given, and arrays of another shape are refused.
 */
class LearnerOracleTest {
    private static final TaskData[] TASKS = SplitPatterns.tasks(40, 30);

    /** Runs a check on the oracle of task 0's end, after two epochs of training. */
    private static void atTheEndOfTheFirstTask(Consumer<TaskContext> check, Consumer<ContinualLearner> after) {
        ContinualStrategy probe = new ContinualStrategy() {
            @Override
            public String name() {
                return "oracle_probe";
            }

            @Override
            public void afterTask(TaskContext task) {
                check.accept(task);
            }
        };
        // Inputs of 0 and 1 with a spike probability of 1 per unit: every encoding is the same spike
        // train, so the oracle's streams and the evaluation's give the same logits.
        try (ContinualLearner l = new ContinualLearner(ContinualLearnerTest.net(), RateEncoder.bernoulli(10, 1.0),
                ContinualLearnerTest.options(1), probe, Scenario.TASK_INCREMENTAL)) {
            l.startTask(TASKS[0]);
            l.trainEpoch(0);
            l.trainEpoch(1);
            l.finishTask();
            after.accept(l);
        }
    }

    /**
     * The test samples classified by the oracle's logits (the larger of the task's two units) are right
     * as often as the learner's own evaluation says, and that is more often than a guess.
     */
    @Test
    void outputsAreTheLogitsTheLearnerClassifiesBy() {
        TaskData task = TASKS[0];
        double[] byOracle = new double[1];
        atTheEndOfTheFirstTask(t -> {
            SampleSet test = new ArraySamples(0, task.testX(), task.testY());
            float[] logits = new float[SplitPatterns.CLASSES];
            int[] classes = task.classes();
            int right = 0;
            for (int s = 0; s < test.size(); s++) {
                Arrays.fill(logits, Float.NaN);
                t.oracle().outputs(test, s, logits);
                int predicted = logits[classes[1]] > logits[classes[0]] ? classes[1] : classes[0];
                right += predicted == test.label(s) ? 1 : 0;
            }
            byOracle[0] = (double) right / test.size();
        }, l -> assertEquals(l.evaluate(task), byOracle[0], 0));
        assertTrue(byOracle[0] > 0.75, "accuracy " + byOracle[0]);
    }

    /** Each reduction overwrites what the arrays held: arrays of NaN give what arrays of zeros give. */
    @Test
    void gradientsOverwriteTheirArrays() {
        atTheEndOfTheFirstTask(t -> {
            int[] samples = {0, 1, 2, 3};
            for (GradientOracle.Reduction reduction : GradientOracle.Reduction.values()) {
                double[][] clean = t.model().newPerWeight();
                t.oracle().gradients(GradientOracle.Objective.LOSS, reduction, t.trainData(), samples, clean);
                double[][] dirty = t.model().newPerWeight();
                for (double[] d : dirty) {
                    Arrays.fill(d, Double.NaN);
                }
                t.oracle().gradients(GradientOracle.Objective.LOSS, reduction, t.trainData(), samples, dirty);
                for (int m = 0; m < clean.length; m++) {
                    assertArrayEquals(clean[m], dirty[m], 0, reduction + ", matrix " + m);
                }
            }
        }, l -> { });
    }

    /** An array of another size, or none, for one matrix is refused naming the matrix and what was found. */
    @Test
    void anArrayOfAnotherSizeOrNoneIsRefusedNamingTheMatrix() {
        atTheEndOfTheFirstTask(t -> {
            double[][] shortOne = t.model().newPerWeight();
            shortOne[1] = new double[3];
            double[][] missing = t.model().newPerWeight();
            missing[0] = null;
            String[] where = {"out[1]", "out[0]"};
            String[] found = {"3", "null"};
            double[][][] outs = {shortOne, missing};
            for (int c = 0; c < outs.length; c++) {
                double[][] out = outs[c];
                ParameterException e = assertThrows(ParameterException.class, () -> t.oracle().gradients(
                        GradientOracle.Objective.LOSS, GradientOracle.Reduction.MEAN, t.trainData(), new int[] {0},
                        out));
                assertEquals(where[c], e.location(), e.getMessage());
                assertEquals(found[c], e.found(), e.getMessage());
            }
        }, l -> { });
    }
}
