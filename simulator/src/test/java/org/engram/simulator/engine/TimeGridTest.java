package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.engram.simulator.ParameterException;
import org.junit.jupiter.api.Test;

/** Milliseconds to whole steps: decimal inputs on the grid pass, anything off it fails, at any size. */
class TimeGridTest {

    /** k steps of dt written as a decimal, the way a user types it, then parsed (rounded once). */
    private static double typed(long k, String dt) {
        return Double.parseDouble(new BigDecimal(dt).multiply(BigDecimal.valueOf(k)).toPlainString());
    }

    /**
     * A step that is a whole number of substeps, as decimals give it, is split into that number
     * (computed exactly with BigDecimal); any other into the next larger, none of its substeps
     * longer than allowed.
     */
    @Test
    void aStepSplitsIntoTheFewestSubstepsNoneTooLong() {
        assertEquals(14, new TimeGrid(0.07).substeps(0.005));   // 0.07 / 0.005 computes as 14.000000000000002
        assertEquals(7, new TimeGrid(0.07).substeps(0.01));
        assertEquals(3, new TimeGrid(0.025).substeps(0.01));
        assertEquals(1, new TimeGrid(0.001).substeps(0.01));
        // 2e7 substeps: 0.14 / 7e-9 computes as 20000000.000000004, an ulp (3.7e-9) over; the tolerance grows
        // with the count (1e-15 of it), as a fixed 1e-9 would give 20000001.
        assertEquals(20_000_000, new TimeGrid(0.14).substeps(7e-9));
        for (String dt : new String[] {"0.01", "0.025", "0.05", "0.07", "0.1", "0.125", "0.3", "0.7", "1", "1.3"}) {
            for (String max : new String[] {"0.005", "0.01", "0.003"}) {
                BigDecimal[] whole = new BigDecimal(dt).divideAndRemainder(new BigDecimal(max));
                int expected = whole[0].intValueExact() + (whole[1].signum() == 0 ? 0 : 1);
                TimeGrid grid = new TimeGrid(Double.parseDouble(dt));
                int n = grid.substeps(Double.parseDouble(max));
                assertEquals(Math.max(1, expected), n, () -> "dt = " + dt + ", substeps of at most " + max);
                assertTrue(grid.dtMs() / n <= Double.parseDouble(max) * (1 + 1e-12), () -> dt + " / " + n);
            }
        }
    }

    /** A step of 0 would make every duration infinitely many steps; one below 0 or not finite is no step. */
    @Test
    void aStepThatIsNoLengthIsRefused() {
        for (double dt : new double[] {0, -0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            ParameterException e = assertThrows(ParameterException.class, () -> new TimeGrid(dt));
            assertEquals("dt", e.location(), e.getMessage());
        }
        assertEquals(Double.MIN_VALUE, new TimeGrid(Double.MIN_VALUE).dtMs(), "the smallest step there is");
    }

    /** A longest substep of 0, below it, or not finite gave 1 or Integer.MAX_VALUE substeps without a word. */
    @Test
    void aLongestSubstepThatIsNoLengthIsRefused() {
        for (double max : new double[] {0, -0.01, Double.NaN, Double.POSITIVE_INFINITY}) {
            ParameterException e = assertThrows(ParameterException.class, () -> new TimeGrid(0.1).substeps(max));
            assertEquals("longest substep", e.location(), e.getMessage());
        }
    }

    @Test
    void everyDecimalMultipleOfTheStepIsWhole() {
        SplittableRandom random = new SplittableRandom(7);
        for (String dt : new String[] {"0.1", "0.025", "0.01", "0.2", "1"}) {
            TimeGrid grid = new TimeGrid(Double.parseDouble(dt));
            for (int n = 0; n < 200_000; n++) {
                long k = n < 100_000 ? n : random.nextLong(Integer.MAX_VALUE);
                double ms = typed(k, dt);
                assertEquals(k, grid.wholeSteps("test", "duration", ms), () -> ms + " ms at dt = " + dt);
            }
        }
    }

    @Test
    void offGridDurationsFailAtAnySize() {
        TimeGrid grid = new TimeGrid(0.1);
        // Off by 1e-7 ms (1e-6 steps) on a short duration, by 0.004 and 0.5 steps on long ones.
        for (double ms : new double[] {1.00000001, 1.55, 1_000_000.0004, 100_000_000.05}) {
            ParameterException e = assertThrows(ParameterException.class,
                    () -> grid.wholeSteps("test", "duration", ms));
            assertEquals("duration", e.location(), e.getMessage());
            assertEquals(TimeGrid.DT, e.comparedWith(), "the step made it wrong: " + e.getMessage());
        }
        // A negative duration is wrong whatever the step.
        assertNull(assertThrows(ParameterException.class, () -> grid.wholeSteps("test", "d", -1)).comparedWith());
    }

    /**
     * A duration that must last a step refuses one that rounds to none (1e-12 ms lies within the
     * whole-step tolerance of 0) as it refuses 0, and takes one step and more as wholeSteps does.
     */
    @Test
    void positiveStepsRefuseDurationsThatRoundToNoStep() {
        TimeGrid grid = new TimeGrid(0.1);
        assertEquals(0, grid.wholeSteps("test", "bin", 1e-12), "what the plain conversion makes of it");
        for (double ms : new double[] {1e-12, 0, -0.1, Double.NaN, 0.05}) {
            ParameterException e = assertThrows(ParameterException.class, () -> grid.positiveSteps("test", "bin", ms));
            assertEquals("bin", e.location(), e.getMessage());
            assertTrue(e.getMessage().contains("whole number of time steps"), e.getMessage());
            assertEquals(TimeGrid.DT, e.comparedWith(), e.getMessage());
        }
        assertEquals(1, grid.positiveSteps("test", "bin", 0.1));
        assertEquals(12, grid.positiveSteps("test", "bin", 1.2));
    }

    /** A limit under an hour (dt = 1e-5 ms: 21474.83647 ms) is given in ms alone. */
    @Test
    void aLimitUnderAnHourIsGivenInMs() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> new TimeGrid(1e-5).wholeSteps("test", "delay", 3e4));
        assertTrue(e.getMessage().endsWith("at most 2147483647 time steps of dt = 1.0E-5 ms (21474.83647 ms), found"
                + " 30000.0"), e.getMessage());
    }

    /** dt = 3.6e6 / 2147483647 ms puts the limit at 3.6e6 ms as a double: exactly an hour, given in hours. */
    @Test
    void aLimitOfExactlyAnHourIsGivenInHours() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> new TimeGrid(3.6e6 / Integer.MAX_VALUE).wholeSteps("test", "delay", 1e7));
        assertTrue(e.getMessage().contains(" ms, 1.0 hours), found 1.0E7"), e.getMessage());
    }

    /** Exact multiples of dt and their neighbours one ulp away are the same number of whole steps. */
    @Test
    void exactMultiplesAndTheirNeighboursAreWholeSteps() {
        TimeGrid grid = new TimeGrid(0.25);
        for (int k : new int[] {1, 2, 7, 1000, 1 << 20}) {
            double ms = k * 0.25;   // exact: 0.25 is a power of two
            for (double near : new double[] {Math.nextDown(ms), ms, Math.nextUp(ms)}) {
                assertEquals(k, grid.wholeSteps("test", "delay", near), () -> "ms = " + near);
                assertEquals(k, grid.positiveSteps("test", "bin", near), () -> "ms = " + near);
                assertEquals(k, grid.nearestSteps(near), () -> "ms = " + near);
            }
        }
    }

    /** Rounding to the nearest step, a half up (as Math.round), saturating at the int range. */
    @Test
    void nearestStepsRoundsAndSaturates() {
        TimeGrid grid = new TimeGrid(0.1);
        assertEquals(1, grid.nearestSteps(0.14));
        assertEquals(2, grid.nearestSteps(0.16));
        assertEquals(0, grid.nearestSteps(0.04));
        assertEquals(-3, grid.nearestSteps(-0.3));
        // 0.125 / 0.25 is exactly 0.5 and Math.round takes a half up; -0.125 / 0.25 = -0.5 goes up to 0.
        assertEquals(1, new TimeGrid(0.25).nearestSteps(0.125));
        assertEquals(0, new TimeGrid(0.25).nearestSteps(-0.125));
        assertEquals(Integer.MAX_VALUE, grid.nearestSteps(1e300));
        assertEquals(Integer.MIN_VALUE, grid.nearestSteps(-1e300));
    }

    @Test
    void durationsBeyondTheStepCounterSayWhatTheLimitIs() {
        TimeGrid grid = new TimeGrid(0.1);
        // 1e12 ms is 1e13 whole steps, more than an int counts: the limit is the problem, not the grid.
        // 1e20 ms is 1e21 steps, beyond what a long holds, and 2^31 steps is just past the limit.
        for (double ms : new double[] {1e12, 1e20, (Integer.MAX_VALUE + 1.0) * 0.1}) {
            ParameterException e = assertThrows(ParameterException.class,
                    () -> grid.wholeSteps("test", "duration", ms));
            // 2147483647 x 0.1 ms = 214748364.7 ms, 59.65 hours.
            assertTrue(e.getMessage().endsWith("expected at most 2147483647 time steps of dt = 0.1 ms (214748364.7 ms,"
                    + " 59.7 hours), found " + ms), e.getMessage());
            assertTrue(!e.getMessage().contains("whole number"), e.getMessage());
            assertEquals(TimeGrid.DT, e.comparedWith(), "a longer step counts fewer steps: " + e.getMessage());
        }
    }

    /**
     * A spike typed at grid time k dt is emitted in step k - 1 (the step it ends), one just after it
     * in step k, at any size: a tolerance of 1e-9 steps alone put 8,000 of these times at dt = 0.01
     * and 60,000 at dt = 0.3 (of 400,000 near 1e6..1e9 steps) one step late.
     */
    @Test
    void aSpikeTimeOnTheGridEndsItsStepAtAnySize() {
        SplittableRandom random = new SplittableRandom(9);
        for (String dt : new String[] {"0.1", "0.01", "0.3", "0.025"}) {
            TimeGrid grid = new TimeGrid(Double.parseDouble(dt));
            for (int n = 0; n < 200_000; n++) {
                long k = n < 100_000 ? 1 + n : 1 + random.nextLong(Integer.MAX_VALUE - 1L);
                double ms = typed(k, dt);
                assertEquals(k - 1, grid.stepEndingAtOrAfter(ms), () -> ms + " ms at dt = " + dt);
                // A thousandth of a step later (far above the tolerance) belongs to the next step.
                double later = typed(k, dt) + Double.parseDouble(dt) * 1e-3;
                if (k < Integer.MAX_VALUE) {
                    assertEquals(k, grid.stepEndingAtOrAfter(later), () -> later + " ms at dt = " + dt);
                }
            }
        }
    }

    @Test
    void stepZeroTakesTimesFromZeroAndLateTimesSaturate() {
        TimeGrid grid = new TimeGrid(0.1);
        assertEquals(0, grid.stepEndingAtOrAfter(0));
        assertEquals(0, grid.stepEndingAtOrAfter(0.05));
        assertEquals(0, grid.stepEndingAtOrAfter(0.1));
        assertEquals(1, grid.stepEndingAtOrAfter(0.10001));
        assertEquals(Integer.MAX_VALUE, grid.stepEndingAtOrAfter(1e15));
    }

    @Test
    void timesAFewUlpsApartAreOneMoment() {
        for (double t : new double[] {1.0, 3.3, 1_000_000.0}) {
            assertTrue(TimeGrid.atOrBefore(t, t));
            assertTrue(TimeGrid.atOrBefore(Math.nextDown(t), t));
            assertTrue(TimeGrid.atOrBefore(t + 4 * Math.ulp(t), t), () -> "4 ulps after " + t);
            assertFalse(TimeGrid.atOrBefore(t + 9 * Math.ulp(t), t), () -> "9 ulps after " + t);
            assertFalse(TimeGrid.atOrBefore(t + 1e-9, t), () -> "1e-9 ms after " + t);
        }
        // Two sums meaning 3.3 ms land an ulp apart.
        assertTrue(TimeGrid.atOrBefore(1.7 + 1.6, 1.1 + 2.2) && TimeGrid.atOrBefore(1.1 + 2.2, 1.7 + 1.6));
        assertFalse(TimeGrid.atOrBefore(Double.MIN_VALUE, 0), "time 0 has no neighbours");
        assertFalse(TimeGrid.atOrBefore(5, Double.NEGATIVE_INFINITY), "never is before every time");
        assertTrue(TimeGrid.atOrBefore(Double.NEGATIVE_INFINITY, 5));
        // a <= b holds for equal infinities, where a difference of NaN would say otherwise.
        assertTrue(TimeGrid.atOrBefore(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY), "never, never");
        assertTrue(TimeGrid.atOrBefore(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY));
    }

    @Test
    void aTimeIsShownAsItsStepsTimeWithoutTheProductsRounding() {
        assertEquals("27.700000000000003", String.valueOf(277 * 0.1), "the product this guards against");
        assertEquals("27.7", String.valueOf(TimeGrid.shownMs(277 * 0.1)));
        assertEquals("0.3", String.valueOf(TimeGrid.shownMs(0.1 + 0.2)));
        // Precise-mode times keep their digits down to 1e-9 ms.
        assertEquals("1.234567891", String.valueOf(TimeGrid.shownMs(1.2345678912)));
        assertEquals("-2.5", String.valueOf(TimeGrid.shownMs(-2.5)));
        assertEquals(Double.POSITIVE_INFINITY, TimeGrid.shownMs(Double.POSITIVE_INFINITY));
        assertTrue(Double.isNaN(TimeGrid.shownMs(Double.NaN)));
    }

    @Test
    void anInterruptedRunNamesItsTimesAsSteps() {
        assertEquals("the run was interrupted: it stopped at 27.7 ms of the 50.1 ms asked for, where the engine can"
                + " go on (clear the thread's interrupt status first)",
                new RunInterrupted(277 * 0.1, 501 * 0.1).getMessage());
    }

    /**
     * {@code isWholeSteps} agrees with {@code wholeSteps} wherever the latter answers, on decimals typed on the grid
     * and half a step off it, and also says so for values {@code wholeSteps} refuses for their size or sign.
     */
    @Test
    void isWholeStepsAgreesWithTheConversion() {
        for (String dt : new String[] {"0.1", "0.025", "0.07", "1"}) {
            TimeGrid grid = new TimeGrid(Double.parseDouble(dt));
            for (long k : new long[] {0, 1, 3, 10, 12_345, 2_000_000_000L}) {
                double on = typed(k, dt);
                assertTrue(grid.isWholeSteps(on), () -> k + " x " + dt);
                assertEquals(k, grid.wholeSteps("test", "ms", on));
                double off = on + grid.dtMs() / 2;
                assertFalse(grid.isWholeSteps(off), () -> k + ".5 x " + dt);
                assertThrows(ParameterException.class, () -> grid.wholeSteps("test", "ms", off));
            }
            assertTrue(grid.isWholeSteps(typed(-3, dt)), "a negative multiple is on the grid");
            assertTrue(grid.isWholeSteps(typed(1L << 40, dt)), "beyond the int range of steps, still a multiple");
        }
        TimeGrid grid = new TimeGrid(0.1);
        assertFalse(grid.isWholeSteps(0.1 + 1e-6));
        assertFalse(grid.isWholeSteps(Double.NaN));
        assertFalse(grid.isWholeSteps(Double.POSITIVE_INFINITY));
    }
}
