package org.engram.experiments.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Each measure's half-width against the hand-computed spread of known values, and what it is called. */
class ErrorMeasureTest {
    /**
     * t_{0.975, 2} from the closed form of Student's t with 2 degrees of freedom, whose CDF is
     * 1/2 + t / (2 sqrt(2 + t^2)): t_p = (2p - 1) / sqrt(2 p (1 - p)) = 4.3026527297494639 (to 17
     * digits in decimal arithmetic). commons-math's solver, accurate to 1e-9, gives 4.302652729911275.
     */
    private static final double T_975_2 = 0.95 / Math.sqrt(2 * 0.975 * 0.025);

    /**
     * {0.70, 0.80, 0.75}: mean 0.75, squared deviations 0.0025 + 0.0025 + 0 = 0.005, s^2 = 0.005 / 2,
     * s = 0.05; se = 0.05 / sqrt(3); the 95% interval's half-width 4.302652729911275 * 0.05 / sqrt(3).
     * The sums are of doubles near 0.7, so s is exact to a few ulps (1e-15); the t quantile is solved
     * by commons-math to 1e-9 (it is off by 1.6e-10), times 0.05 / sqrt(3) at most 3e-11, within 1e-10.
     */
    @Test
    void threeKnownValuesGiveTheHandComputedSpreads() {
        SeedSummary s = SeedSummary.of(new double[] {0.70, 0.80, 0.75});
        assertEquals(0.05, ErrorMeasure.SD.halfWidth(s), 1e-15);
        assertEquals(0.05 / Math.sqrt(3), ErrorMeasure.SE.halfWidth(s), 1e-15);
        assertEquals(T_975_2 * 0.05 / Math.sqrt(3), ErrorMeasure.CI95.halfWidth(s), 1e-10);
        assertTrue(Double.isNaN(ErrorMeasure.NONE.halfWidth(s)), "none: no bar");
        assertEquals(4.3026527297494639, T_975_2, 1e-15);
    }

    @Test
    void oneSeedHasNoBarWhateverTheMeasure() {
        SeedSummary one = SeedSummary.of(new double[] {0.8});
        for (ErrorMeasure m : ErrorMeasure.values()) {
            assertTrue(Double.isNaN(m.halfWidth(one)), m + " of one seed");
        }
    }

    /** A summary at 90% would be drawn under the name of a 95% interval. */
    @Test
    void aNinetyFiveIntervalIsNotTakenFromASummaryAtAnotherConfidence() {
        SeedSummary ninety = SeedSummary.of(new double[] {1, 2, 3}, 0.90);
        assertThrows(IllegalArgumentException.class, () -> ErrorMeasure.CI95.halfWidth(ninety));
        assertEquals(1, ErrorMeasure.SD.halfWidth(ninety), 1e-15);
    }

    @Test
    void captionsSayWhatTheBarsAre() {
        assertEquals("bars: 95% confidence interval (Student t)", ErrorMeasure.CI95.caption("bars", true, ""));
        assertEquals("bars: 95% confidence interval over 3 seeds", ErrorMeasure.CI95.caption("bars", false,
                " over 3 seeds"));
        assertEquals("error bars: one standard deviation over 3 seeds", ErrorMeasure.SD.caption("error bars", true,
                " over 3 seeds"));
        assertEquals("band: one standard error of the mean", ErrorMeasure.SE.caption("band", true, ""));
        assertEquals("no error bars", ErrorMeasure.NONE.caption("bars", true, " over 3 seeds"));
        assertEquals("no band", ErrorMeasure.NONE.caption("band", true, ""));
        assertFalse(ErrorMeasure.NONE.drawn());
        assertEquals("ci95 sd se none", String.join(" ", java.util.Arrays.stream(ErrorMeasure.values())
                .map(ErrorMeasure::word).toList()));
    }

    @Test
    void aTablesPlusMinusSaysWhichSpreadItIsAndNoneHasNone() {
        assertTrue(ErrorMeasure.CI95.plusMinus().startsWith("the half-width of the 95% confidence interval"));
        assertTrue(ErrorMeasure.SD.plusMinus().startsWith("one standard deviation over seeds"));
        assertTrue(ErrorMeasure.SE.plusMinus().startsWith("one standard error of the mean over seeds"));
        assertEquals(null, ErrorMeasure.NONE.plusMinus());
    }

    @Test
    void withoutAChoiceBarsAreIntervalsAndCurvesHaveOneStandardDeviation() {
        assertEquals(new ErrorBars(ErrorMeasure.CI95, ErrorMeasure.SD), ErrorBars.of(null));
        assertEquals(new ErrorBars(ErrorMeasure.SE, ErrorMeasure.SE), ErrorBars.of(ErrorMeasure.SE));
    }

    /** Bars and curves each need a measure; {@link ErrorMeasure#NONE}, not null, is how to draw none. */
    @Test
    void errorBarsRefuseAMissingMeasureForBarsOrCurves() {
        IllegalArgumentException bars = assertThrows(IllegalArgumentException.class,
                () -> new ErrorBars(null, ErrorMeasure.SD));
        assertEquals("error bars: a measure for bars and one for curves, found null and SD", bars.getMessage());
        IllegalArgumentException curves = assertThrows(IllegalArgumentException.class,
                () -> new ErrorBars(ErrorMeasure.NONE, null));
        assertEquals("error bars: a measure for bars and one for curves, found NONE and null", curves.getMessage());
    }
}
