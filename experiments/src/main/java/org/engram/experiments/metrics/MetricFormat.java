package org.engram.experiments.metrics;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * The one rule for writing a metric as text, in summaries, tables, figures and comparisons: a
 * {@link String#format} pattern in {@link Locale#ROOT}, and a value that rounds to zero at the
 * pattern's precision is written as zero without a sign, never as {@code -0.0} (nor {@code +0.0}
 * where the pattern signs other values). A mean over seeds that cancels
 * (BWT +0.01 and -0.01, or 0.3, -0.1 and -0.2, whose mean in double is -9.3e-18) is zero as far
 * as the table can tell, and a minus sign on it would read as forgetting.
 */
public final class MetricFormat {
    private MetricFormat() {
    }

    /**
     * Formats one value.
     *
     * @param pattern a pattern with one floating-point conversion, e.g. {@code "%.1f"} or {@code "%+.1f pp"}
     * @param value   the value
     * @return the text; {@code pattern} without its {@code +} flag applied to 0 if the value would be
     *         written as zero
     */
    public static String format(String pattern, double value) {
        String text = String.format(Locale.ROOT, pattern, value);
        boolean zero = text.equals(String.format(Locale.ROOT, pattern, -0.0))
                || text.equals(String.format(Locale.ROOT, pattern, 0.0));
        return zero ? String.format(Locale.ROOT, pattern.replace("%+", "%"), 0.0) : text;
    }

    /**
     * A value as a config would write it, neither rounded nor with a trailing {@code .0}, for the
     * durations and steps a summary repeats: {@code 10.25}, {@code 1000}, {@code 0.4}.
     *
     * @param value a finite value
     * @return its shortest decimal form, in plain notation
     */
    public static String asWritten(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /**
     * A value with negative zero replaced by zero, for numbers written as they are (JSON).
     *
     * @param value the value
     * @return {@code 0.0} for {@code -0.0}, else the value
     */
    public static double withoutNegativeZero(double value) {
        return value == 0 ? 0.0 : value;
    }
}
