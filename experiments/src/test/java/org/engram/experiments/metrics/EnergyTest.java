package org.engram.experiments.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.engram.simulator.ParameterException;
import org.junit.jupiter.api.Test;

class EnergyTest {
    @Test
    void defaultCostsGiveHandComputedJoules() {
        // 1e6 synaptic operations x 0.9 pJ = 0.9e6 pJ = 9e-7 J; 1e6 MACs x 4.6 pJ = 4.6e-6 J.
        // Products of a few doubles: relative error ~1e-16, tolerance 1e-20 J on ~1e-6 J.
        Energy e = Energy.HOROWITZ_45NM;
        assertEquals(9e-7, e.synOpsJoules(1_000_000), 1e-20);
        assertEquals(4.6e-6, e.macJoules(1_000_000), 1e-20);
        assertEquals(9e-7 + 4.6e-6, e.joules(1_000_000, 1_000_000), 1e-20);
    }

    @Test
    void costsAreConfigurableAndChecked() {
        assertEquals(2e-12 * 3, new Energy(2, 5).synOpsJoules(3), 1e-25);
        assertThrows(ParameterException.class, () -> new Energy(0, 4.6));
        assertThrows(ParameterException.class, () -> new Energy(0.9, Double.NaN));
        assertThrows(ParameterException.class, () -> Energy.HOROWITZ_45NM.synOpsJoules(-1));
        assertThrows(ParameterException.class, () -> Energy.HOROWITZ_45NM.macJoules(-1));
        assertThrows(ParameterException.class, () -> Energy.HOROWITZ_45NM.joules(0, -1));
    }

    /**
     * At the largest cost allowed, the most operations a count holds cost a finite energy, which metrics.json can
     * hold; a cost above it is refused (1e308 pJ made a run's energy infinite after all its training).
     */
    @Test
    void theLargestCostKeepsEveryEnergyFinite() {
        Energy largest = new Energy(Energy.MAX_PJ, Energy.MAX_PJ);
        assertTrue(Double.isFinite(largest.joules(Long.MAX_VALUE, Long.MAX_VALUE)));
        assertThrows(ParameterException.class, () -> new Energy(Math.nextUp(Energy.MAX_PJ), 4.6));
        assertThrows(ParameterException.class, () -> new Energy(0.9, 1e308));
    }

    /**
     * Each bad cost is one problem, named by its key: a NaN cost is not a positive one, and is not reported again
     * as above 1e12 pJ (NaN fails that comparison too).
     */
    @Test
    void eachBadCostIsOneProblemNamedByItsKey() {
        ParameterException e = assertThrows(ParameterException.class, () -> new Energy(Double.NaN, -1));
        assertEquals(List.of("pj_per_accumulate", "pj_per_multiply_accumulate"),
                e.problems().stream().map(ParameterException::location).toList());
        ParameterException large = assertThrows(ParameterException.class, () -> new Energy(2e12, 4.6));
        assertEquals(1, large.problems().size());
        assertEquals("a cost of at most 1e12 pJ (1 J) per operation", large.problems().get(0).expected());
    }

    /** A run without spikes, or a spiking input without multiply-accumulates, costs nothing: zero counts are valid. */
    @Test
    void zeroOperationsCostZeroJoules() {
        assertEquals(0, Energy.HOROWITZ_45NM.synOpsJoules(0), 0);
        assertEquals(0, Energy.HOROWITZ_45NM.macJoules(0), 0);
        assertEquals(4.6e-12, Energy.HOROWITZ_45NM.joules(0, 1), 1e-25);
    }
}
