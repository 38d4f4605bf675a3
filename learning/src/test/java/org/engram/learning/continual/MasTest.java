package org.engram.learning.continual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class MasTest {
    @Test
    void importanceIsMeanAbsoluteGradientOfSquaredOutputNorm() {
        ToyLinearModel model = new ToyLinearModel(2, 2, 1);
        System.arraycopy(new float[] {1, 0, 0.5f, -1}, 0, model.w, 0, 4);
        SampleSet data = new ArraySamples(0, new float[][] {{1, 2}, {-1, 1}}, new int[] {0, 1});
        TaskContext ctx = new FixedTask(0, Scenario.DOMAIN_INCREMENTAL, 1, model, model, List.of(data, data));
        Mas mas = new Mas(new Mas.Params(3, 2));
        assertNull(mas.importance(0), "no importance before the first task ends");
        float[] before = {0.5f, 0, 0, 0};
        mas.addPenaltyGradient(0, new float[] {2, 0, 0.5f, 0}, before);
        assertArrayEquals(new float[] {0.5f, 0, 0, 0}, before, 0, "no pull before the first task ends");
        mas.afterTask(ctx);
        // d||z||^2 / dW[i][o] = 2 z_o x_i. Sample (1, 2): z = (2, -2) -> (4, -4, 8, -8);
        // sample (-1, 1): z = (-0.5, -1) -> (1, 2, -1, -2). Mean of absolute values:
        double[] expected = {2.5, 3, 4.5, 5};
        assertArrayEquals(expected, mas.importance(0), 1e-15);
        float[] grad = new float[4];
        mas.addPenaltyGradient(0, new float[] {2, 0, 0.5f, 0}, grad);
        // Aljundi et al. eq. 3, penalty lambda sum Omega (theta - theta*)^2: its gradient
        // 2 lambda Omega (theta - theta*) = 6 * (2.5 * 1, 0, 0, 5 * 1)
        assertArrayEquals(new float[] {15, 0, 0, 30}, grad, 0);
        mas.afterTask(new FixedTask(1, Scenario.DOMAIN_INCREMENTAL, 1, model, model, List.of(data, data)));
        assertArrayEquals(new double[] {5, 6, 9, 10}, mas.importance(0), 1e-15, "importance accumulates");
    }
}
