package org.engram.simulator.monitor;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Writes a finite double with a fixed number of decimals, as {@code String.format(Locale.ROOT,
 * "%.9f", x)} does, in a fraction of its time: a spike file holds a formatted time per line, and
 * {@code String.format} (a parse of its pattern and a formatter per call, 1-2 microseconds) took most
 * of the time of writing ten million lines.
 *
 * <p>The digits are the same: both round the shortest decimal that reads back as {@code x} (the
 * digits of {@link Double#toString(double)}) half up at the last decimal kept.
 */
final class FixedDecimals {
    private FixedDecimals() {
    }

    /**
     * Appends {@code x} with {@code decimals} decimals.
     *
     * @param out      where the text goes
     * @param x        the value; NaN and infinities are written as {@code String.format} writes them
     * @param decimals the decimals to keep, {@code >= 0}
     * @return {@code out}
     */
    static StringBuilder append(StringBuilder out, double x, int decimals) {
        if (!Double.isFinite(x)) {
            return out.append(Double.isNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity");
        }
        // The sign apart: String.format keeps it on a value that rounds to zero, and on -0.0; BigDecimal has no -0.
        if (Double.doubleToRawLongBits(x) < 0) {
            out.append('-');
        }
        BigDecimal shortest = new BigDecimal(Double.toString(Math.abs(x)));
        return out.append(shortest.setScale(decimals, RoundingMode.HALF_UP).toPlainString());
    }

    /** {@return {@code x} with {@code decimals} decimals} */
    static String format(double x, int decimals) {
        return append(new StringBuilder(24), x, decimals).toString();
    }
}
