package org.engram.learning.train.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.engram.simulator.ParameterException;
import org.junit.jupiter.api.Test;

class OptimizerTest {
    @Test
    void adamFirstStepMovesEachWeightByTheLearningRateAgainstItsGradient() {
        Optimizer adam = OptimizerSpec.adam().create(new int[] {3});
        float[] g = {0.5f, -2e-3f, 4f};
        float[] up = new float[3];
        adam.beginStep();
        adam.update(0, g, up, 0.01f);
        // m_hat = g, v_hat = g^2 after bias correction: update = -lr g / (|g| + eps). The float forms of
        // 1 - beta (1 - 0.9f = 0.100000024) and of the corrections err by up to ~1e-5 relative: 1e-7 at lr 0.01.
        for (int k = 0; k < 3; k++) {
            assertEquals(-0.01 * g[k] / (Math.abs(g[k]) + 1e-8), up[k], 2e-7, "weight " + k);
        }
    }

    /**
     * Kingma and Ba (2015), Algorithm 1, worked by hand for two steps with beta1 = 0.8, beta2 = 0.95,
     * epsilon = 1e-3 and alpha = 0.1, so that a wrong bias correction (t stuck at 1, or the betas swapped),
     * a missing epsilon or epsilon inside the square root would each move the second update by more than 1e-4.
     * <pre>
     *   weight 0, g = (1, -0.5):  m2 = 0.8 * 0.2 - 0.2 * 0.5 = 0.06,  v2 = 0.95 * 0.05 + 0.05 * 0.25 = 0.06,
     *     m_hat = 0.06 / (1 - 0.64) = 1/6,  v_hat = 0.06 / (1 - 0.9025) = 0.615385,
     *     update2 = -0.1 (1/6) / (0.784465 + 0.001) = -0.0212189
     *   weight 1, g = (0.02, 0.04): m2 = 0.0112, v2 = 9.9e-5, m_hat = 0.031111, v_hat = 1.015385e-3,
     *     update2 = -0.1 * 0.031111 / (0.031865 + 0.001) = -0.0946631
     *   weight 2, g = (-3, 0):    m2 = -0.48, v2 = 0.4275, m_hat = -4/3, v_hat = 4.384615,
     *     update2 = 0.1 (4/3) / (2.093947 + 0.001) = 0.0636452
     * </pre>
     * The first step is -alpha g / (|g| + epsilon): -0.0999001, -0.0952381, 0.0999667.
     */
    @Test
    void adamTwoStepsMatchAlgorithmOneByHand() {
        Optimizer adam = new OptimizerSpec(OptimizerSpec.Kind.ADAM, 0, 0.8, 0.95, 1e-3).create(new int[] {3});
        float[] up = new float[3];
        adam.beginStep();
        adam.update(0, new float[] {1f, 0.02f, -3f}, up, 0.1f);
        // Float arithmetic over ~10 operations: relative error ~1e-6, so 1e-7 absolute on updates of ~0.1.
        assertArrayEquals(new float[] {-0.0999001f, -0.0952381f, 0.0999667f}, up, 2e-7f, "step 1");
        adam.beginStep();
        adam.update(0, new float[] {-0.5f, 0.04f, 0f}, up, 0.1f);
        assertArrayEquals(new float[] {-0.0212189f, -0.0946631f, 0.0636452f}, up, 2e-7f, "step 2");
        assertEquals(2, adam.steps());
    }

    @Test
    void sgdMomentumAccumulatesVelocity() {
        Optimizer sgd = OptimizerSpec.sgd(0.9).create(new int[] {2});
        float[] up = new float[2];
        sgd.beginStep();
        sgd.update(0, new float[] {1f, -2f}, up, 0.1f);
        assertArrayEquals(new float[] {-0.1f, 0.2f}, up, 1e-7f);
        sgd.beginStep();
        sgd.update(0, new float[] {0.5f, 0f}, up, 0.1f);
        // v = 0.9 v + g: (1.4, -1.8)
        assertArrayEquals(new float[] {-0.14f, 0.18f}, up, 1e-7f);
    }

    @Test
    void restoredAdamContinuesExactlyAsTheOriginal() {
        int[] sizes = {4};
        Optimizer a = OptimizerSpec.adam().create(sizes);
        float[] up = new float[4];
        float[][] grads = {{0.1f, -0.3f, 0.2f, 1f}, {-0.2f, 0.1f, 0.4f, -1f}, {0.3f, 0.3f, -0.1f, 0.5f}};
        a.beginStep();
        a.update(0, grads[0], up, 0.01f);
        Optimizer b = OptimizerSpec.adam().create(sizes);
        b.restore(a.state(), a.steps());
        float[] upA = new float[4];
        float[] upB = new float[4];
        for (int s = 1; s < 3; s++) {
            a.beginStep();
            a.update(0, grads[s], upA, 0.01f);
            b.beginStep();
            b.update(0, grads[s], upB, 0.01f);
            assertArrayEquals(upA, upB, "step " + s);
        }
    }

    @Test
    void schedulesFollowTheirFormulas() {
        LearningRateSchedule step = LearningRateSchedule.step(1.0, 10, 0.5);
        assertEquals(1.0, step.rate(9));
        assertEquals(0.25, step.rate(25));
        LearningRateSchedule cos = LearningRateSchedule.cosine(1.0, 0.1, 100);
        assertEquals(1.0, cos.rate(0), 1e-15);
        assertEquals(0.55, cos.rate(50), 1e-15);
        assertEquals(0.1, cos.rate(100), 1e-15);
        assertEquals(0.1, cos.rate(500), 1e-15);
        assertEquals(0.003, LearningRateSchedule.constant(0.003).rate(1234));
    }

    /**
     * Adam works in float: an epsilon of 1e-50 rounds to 0 and a weight whose gradient is 0 got the
     * update 0 / (sqrt(0) + 0) = NaN. The smallest positive float still gives 0 / epsilon = 0.
     */
    @Test
    void adamRejectsAnEpsilonThatIsZeroInFloat() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> new OptimizerSpec(OptimizerSpec.Kind.ADAM, 0, 0.9, 0.999, 1e-50));
        assertTrue(e.getMessage().contains("epsilon") && e.getMessage().contains("found 1.0E-50"),
                e.getMessage());
        Optimizer adam = new OptimizerSpec(OptimizerSpec.Kind.ADAM, 0, 0.9, 0.999, Float.MIN_VALUE)
                .create(new int[] {1});
        float[] update = new float[1];
        adam.beginStep();
        adam.update(0, new float[] {0f}, update, 0.01f);
        assertEquals(0f, update[0], 0f, "no movement (the sign of the zero does not matter)");
    }

    @Test
    void schedulesRejectAnInfiniteLearningRate() {
        // An infinite rate passes "> 0" but turns every weight into NaN or infinity at the first step.
        double inf = Double.POSITIVE_INFINITY;
        for (org.junit.jupiter.api.function.Executable make : new org.junit.jupiter.api.function.Executable[] {
            () -> LearningRateSchedule.constant(inf),
            () -> LearningRateSchedule.step(inf, 10, 0.5),
            () -> LearningRateSchedule.cosine(inf, 0.0, 10)}) {
            ParameterException e = assertThrows(ParameterException.class, make);
            assertEquals("lr", e.location());
        }
    }

    /**
     * SGD's momentum and step count survive a restore: a copy made after two steps takes the next two
     * exactly as the original. Plain SGD keeps no state at all.
     */
    @Test
    void restoredSgdContinuesExactlyAsTheOriginal() {
        int[] sizes = {3, 2};
        Optimizer a = OptimizerSpec.sgd(0.9).create(sizes);
        float[][][] grads = {{{0.1f, -0.3f, 0.2f}, {1f, -1f}}, {{-0.2f, 0.1f, 0.4f}, {0.5f, 0f}},
            {{0.3f, 0.3f, -0.1f}, {-2f, 0.25f}}, {{0.05f, -0.7f, 0.6f}, {0f, 1f}}};
        float[][] upA = {new float[3], new float[2]};
        float[][] upB = {new float[3], new float[2]};
        for (int s = 0; s < 2; s++) {
            a.beginStep();
            a.update(0, grads[s][0], upA[0], 0.1f);
            a.update(1, grads[s][1], upA[1], 0.1f);
        }
        Optimizer b = OptimizerSpec.sgd(0.9).create(sizes);
        b.restore(a.state(), a.steps());
        assertEquals(2, b.steps());
        for (int s = 2; s < 4; s++) {
            a.beginStep();
            b.beginStep();
            for (int m = 0; m < 2; m++) {
                a.update(m, grads[s][m], upA[m], 0.1f);
                b.update(m, grads[s][m], upB[m], 0.1f);
                assertArrayEquals(upA[m], upB[m], "step " + s + ", matrix " + m);
            }
        }
        assertEquals(4, b.steps());
        float[][] plain = OptimizerSpec.sgd(0).create(sizes).state();
        assertEquals(0, plain[0].length + plain[1].length, "plain SGD has no velocity to keep");
    }

    /**
     * A checkpoint taken before the first step restores to a fresh optimiser: its first step is
     * still -lr sign(g) (for |g| far above epsilon), and it counts from 1.
     */
    @Test
    void adamRestoredAtStepZeroTakesAFirstStep() {
        Optimizer adam = OptimizerSpec.adam().create(new int[] {2});
        adam.restore(new float[][] {new float[2], new float[2]}, 0);
        assertEquals(0, adam.steps());
        float[] up = new float[2];
        adam.beginStep();
        adam.update(0, new float[] {0.3f, -4f}, up, 0.01f);
        assertArrayEquals(new float[] {-0.01f, 0.01f}, up, 2e-7f);   // float corrections: see the first test
        assertEquals(1, adam.steps());
    }

    /** State of another shape is refused, naming what differs, before anything is copied. */
    @Test
    void restoreRefusesStateOfAnotherShape() {
        Optimizer adam = OptimizerSpec.adam().create(new int[] {3});
        ParameterException count = assertThrows(ParameterException.class,
                () -> adam.restore(new float[][] {new float[3]}, 1));
        assertEquals("state arrays", count.location());
        ParameterException length = assertThrows(ParameterException.class,
                () -> adam.restore(new float[][] {new float[3], new float[4]}, 1));
        assertEquals("state[1]", length.location());
        Optimizer sgd = OptimizerSpec.sgd(0.5).create(new int[] {3, 2});
        ParameterException sgdLength = assertThrows(ParameterException.class,
                () -> sgd.restore(new float[][] {new float[3], new float[1]}, 1));
        assertEquals("state[1]", sgdLength.location());
        assertEquals(0, adam.steps() + sgd.steps(), "a refused restore changes nothing");
    }

    /** Each schedule at the edges of its steps: where a decay starts, and where the cosine ends. */
    @Test
    void schedulesAtTheirBoundaries() {
        LearningRateSchedule step = LearningRateSchedule.step(1.0, 10, 0.5);
        assertEquals(1.0, step.initial());
        assertEquals(0.5, step.rate(10));
        assertEquals(0.5, step.rate(19));
        assertEquals(0.25, step.rate(20));
        assertEquals(0.125, LearningRateSchedule.step(1.0, 1, 0.5).rate(3), "a decay every step");
        assertEquals(2.0, LearningRateSchedule.step(2.0, 3, 1.0).rate(100), "gamma 1 keeps the rate");
        LearningRateSchedule shortest = LearningRateSchedule.cosine(2.0, 0, 1);
        assertEquals(2.0, shortest.initial());
        assertEquals(0.0, shortest.rate(1), 1e-15);
        assertEquals(0.0, shortest.rate(2), 1e-15);
        assertEquals(0.3, LearningRateSchedule.cosine(0.3, 0.3, 5).rate(2), 1e-15, "min_lr = lr is constant");
    }

    @Test
    void schedulesRejectParametersOutsideTheirRanges() {
        assertEquals("every", assertThrows(ParameterException.class,
                () -> LearningRateSchedule.step(1.0, 0, 0.5)).location());
        assertEquals("gamma", assertThrows(ParameterException.class,
                () -> LearningRateSchedule.step(1.0, 5, 0.0)).location());
        assertEquals("gamma", assertThrows(ParameterException.class,
                () -> LearningRateSchedule.step(1.0, 5, 1.5)).location());
        assertEquals("min_lr", assertThrows(ParameterException.class,
                () -> LearningRateSchedule.cosine(1.0, -0.1, 5)).location());
        assertEquals("min_lr", assertThrows(ParameterException.class,
                () -> LearningRateSchedule.cosine(1.0, 1.5, 5)).location());
        assertEquals("total", assertThrows(ParameterException.class,
                () -> LearningRateSchedule.cosine(1.0, 0.0, 0)).location());
    }

    /** Momentum and the betas take [0, 1): 0 is allowed (plain SGD, no averaging), 1 is not. */
    @Test
    void optimizerSpecTakesZeroButNotOne() {
        OptimizerSpec.Kind adam = OptimizerSpec.Kind.ADAM;
        assertEquals(0.0, OptimizerSpec.sgd(0).momentum());
        assertEquals(0.0, new OptimizerSpec(adam, 0, 0, 0, 1e-8).beta1());
        assertEquals("momentum", assertThrows(ParameterException.class, () -> OptimizerSpec.sgd(1)).location());
        assertEquals("beta1", assertThrows(ParameterException.class,
                () -> new OptimizerSpec(adam, 0, 1, 0.9, 1e-8)).location());
        assertEquals("beta2", assertThrows(ParameterException.class,
                () -> new OptimizerSpec(adam, 0, 0.9, 1, 1e-8)).location());
    }
}
