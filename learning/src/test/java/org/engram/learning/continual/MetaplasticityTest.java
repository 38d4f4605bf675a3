package org.engram.learning.continual;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetaplasticityTest {
    /** sech^2(1) = 1 - tanh^2(1), tanh(1) = 0.7615941559557649 (tables). */
    private static final double SECH2_ONE = 0.41997434161402614;

    @Test
    void shrinkingUpdatesAreScaledByOneMinusTanhSquared() {
        StubModel m = new StubModel(new int[] {1}, new int[] {5});
        m.w[0] = new float[] {0.5f, -0.5f, 0.5f, 0, -1};
        Metaplasticity meta = new Metaplasticity(new Metaplasticity.Params(2));
        meta.beforeTask(new FixedTask(0, Scenario.TASK_INCREMENTAL, 1, m, null, List.of()));
        float[] update = {-0.1f, 0.1f, 0.1f, 0.3f, -0.2f};
        meta.transformUpdate(0, update, null);
        // m w = +-1 for the first two weights, whose updates shrink |w|; one float rounding each
        assertEquals(-0.1 * SECH2_ONE, update[0], 1e-8);
        assertEquals(0.1 * SECH2_ONE, update[1], 1e-8);
        assertEquals(0.1f, update[2], 0, "growth of |w| is not scaled");
        assertEquals(0.3f, update[3], 0, "w = 0 is not scaled");
        assertEquals(-0.2f, update[4], 0, "growth of |w| is not scaled");
        assertEquals(SECH2_ONE, Metaplasticity.attenuation(2, -0.5), 1e-15);
        assertEquals(1 - Math.pow(Math.tanh(3.0), 2), Metaplasticity.attenuation(1.5, 2), 1e-15);
    }
}
