package org.engram.simulator.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link FixedDecimals} against {@code String.format}, whose digits the monitors' CSV files kept. */
class FixedDecimalsTest {
    private static void assertAsFormat(double x, int decimals) {
        String expected = String.format(Locale.ROOT, "%." + decimals + "f", x);
        assertEquals(expected, FixedDecimals.format(x, decimals), () -> "x = " + x + " (bits "
                + Long.toHexString(Double.doubleToRawLongBits(x)) + "), " + decimals + " decimals");
    }

    @Test
    void randomValuesOfEveryMagnitudeAreWrittenAsFormatWritesThem() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            double x = random.nextDouble(1, 10) * Math.pow(10, random.nextInt(-14, 16));
            x = random.nextBoolean() ? x : -x;
            assertAsFormat(x, random.nextBoolean() ? 9 : 6);
        }
    }

    @Test
    void gridTimesAreWrittenAsFormatWritesThem() {
        // Times of steps of 0.1 ms and of bins of 0.3 ms, as the monitors compute them.
        for (int s = 0; s < 300_000; s++) {
            assertAsFormat(s * 0.1, 9);
            assertAsFormat(0.5 + s * 0.3, 9);
        }
    }

    @Test
    void halvesAtTheLastDecimalKeptRoundAsFormatRoundsThem() {
        // Decimals ending in 5 just past the last digit kept: half up on the shortest decimal, not
        // on the binary value (0.0000000015 is a little below its decimal, and still rounds up).
        for (int k = 0; k < 100_000; k++) {
            assertAsFormat(k / 1e9 + 5e-10, 9);
            assertAsFormat(k / 1e6 + 5e-7, 6);
            assertAsFormat(k + 0.5, 0);
            assertAsFormat(-(k / 1e6 + 5e-7), 6);
        }
        assertAsFormat(2.675, 2);
        assertAsFormat(1.0000000005, 9);
    }

    @Test
    void zerosSignsAndValuesPastTheFiniteAreWrittenAsFormatWritesThem() {
        for (double x : new double[] {0.0, -0.0, -1e-12, 1e-12, -4e-10, -5e-10, Double.MIN_VALUE,
                -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1e22, 123456789.123456789,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            for (int decimals : new int[] {0, 1, 6, 9}) {
                assertAsFormat(x, decimals);
            }
        }
    }
}
