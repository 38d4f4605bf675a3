package org.engram.learning.continual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class L2AnchorTest {
    @Test
    void penaltyPullsTowardsPreviousTaskWeightsOnly() {
        StubModel m = new StubModel(new int[] {1}, new int[] {3});
        L2Anchor l2 = new L2Anchor(new L2Anchor.Params(0.5));
        float[] grad = {1, 1, 1};
        l2.addPenaltyGradient(0, new float[] {5, 5, 5}, grad);
        assertArrayEquals(new float[] {1, 1, 1}, grad, 0, "no anchor during the first task");
        m.w[0] = new float[] {1, -2, 0.5f};
        l2.afterTask(new FixedTask(0, Scenario.TASK_INCREMENTAL, 1, m, null, List.of()));
        m.w[0] = new float[] {3, -2, -1.5f};
        grad = new float[3];
        l2.addPenaltyGradient(0, m.w[0], grad);
        assertArrayEquals(new float[] {1, 0, -1}, grad, 0);
    }
}
