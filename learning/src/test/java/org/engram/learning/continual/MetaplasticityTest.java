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

    /**
     * An update of 1e-30 on a weight of -1e-20 shrinks |w|, and with m = 1e20 (m of the order of 1/|w|, as
     * the class suggests for small weights) m w = -1, so it is scaled by sech^2(1). Their product, -1e-50,
     * is below the least float (1.4e-45) and rounds to -0 in float, which would hide the shrink.
     */
    @Test
    void aShrinkingUpdateIsScaledEvenWhereItsProductWithTheWeightUnderflowsAFloat() {
        StubModel m = new StubModel(new int[] {1}, new int[] {1});
        m.w[0] = new float[] {-1e-20f};
        Metaplasticity meta = new Metaplasticity(new Metaplasticity.Params(1e20));
        meta.beforeTask(new FixedTask(0, Scenario.TASK_INCREMENTAL, 1, m, null, List.of()));
        float[] update = {1e-30f};
        meta.transformUpdate(0, update, null);
        // -1e-20f is -1e-20 to 2e-8 relative, so m w = -1 to 2e-8 and sech^2 to 2e-8 (its slope at 1 is
        // -0.64); with 1e-30f's own rounding (6e-8) and the result's (6e-8), 2e-7 relative covers it
        assertEquals(1e-30 * SECH2_ONE, update[0], 2e-7 * 1e-30 * SECH2_ONE);
    }
}
