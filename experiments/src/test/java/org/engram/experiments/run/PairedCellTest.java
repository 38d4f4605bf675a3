package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.engram.experiments.metrics.SeedSummary;
import org.junit.jupiter.api.Test;

/**
 * A paired difference is printed to 0.1 pp, and a bold one (its interval excludes 0) to as many
 * more decimals, up to three, as its interval needs to be seen to exclude 0 as printed.
 */
class PairedCellTest {
    /** A summary over 5 seeds with the given mean and half-width, in pp; its sd is not small. */
    private static String shown(double meanPp, double halfPp) {
        return PairedFiles.cell(new SeedSummary(5, meanPp / 100, 0.01, halfPp / 100, 0.95)).markdown();
    }

    @Test
    void aBoldDifferenceIsPrintedSoThatItsIntervalExcludesZero() {
        assertEquals("+0.34 ± 0.26", shown(0.34, 0.26));   // +0.3 ± 0.3 would reach 0
        assertEquals("+0.34 ± 0.30", shown(0.34, 0.30));
        assertEquals("-0.34 ± 0.26", shown(-0.34, 0.26));
        assertEquals("+0.03 ± 0.02", shown(0.03, 0.02));   // not +0.0 ± 0.0
        assertEquals("+0.003 ± 0.002", shown(0.003, 0.002));
        // Three decimals at the most: 0.001 pp is far below a step of test accuracy.
        assertEquals("0.000 ± 0.000", shown(0.0003, 0.0002));
        assertEquals("+5.0 ± 2.0", shown(5, 2));
        assertEquals("+0.4 ± 0.3", shown(0.36, 0.26));
    }

    @Test
    void otherDifferencesKeepOneDecimal() {
        assertEquals("+0.3 ± 0.3", shown(0.26, 0.34));   // the interval reaches past 0: not bold
        assertEquals("+0.3 ± 0.3", shown(0.30, 0.30));   // it touches 0
        // The same for every seed: no width, not bold, however far from 0.
        assertEquals("+0.3 ± 0.0", PairedFiles.cell(new SeedSummary(3, 0.0034, 0, 0, 0.95)).markdown());
        assertEquals("n/a", PairedFiles.cell(null).markdown());
    }
}
