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
}
