package org.engram.experiments.metrics;

import java.util.Locale;

/**
 * What an error bar, a learning curve's band or a table's ± shows of a metric's spread over seeds.
 * Each measure is a half-width around the mean of {@code n} seeds, from their sample standard
 * deviation {@code s} ({@link SeedSummary}); with one seed no measure has a value, and nothing is
 * drawn.
 *
 * <ul>
 *   <li>{@link #CI95}: {@code t_{0.975, n-1} s / sqrt(n)}, the 95% Student-t interval of the mean;</li>
 *   <li>{@link #SD}: {@code s};</li>
 *   <li>{@link #SE}: {@code s / sqrt(n)}, the standard error of the mean;</li>
 *   <li>{@link #NONE}: no bars, the means alone.</li>
 * </ul>
 */
public enum ErrorMeasure {
    /** The 95% confidence interval of the mean (Student t with {@code n - 1} degrees of freedom). */
    CI95("95% confidence interval", " (Student t)",
            "the half-width of the 95% confidence interval over seeds (Student t with n - 1 degrees of freedom)"),
    /** One sample standard deviation of the seeds. */
    SD("one standard deviation", "", "one standard deviation over seeds (of the sample: divided by n - 1)"),
    /** One standard error of the mean: the sample standard deviation over the square root of the seeds' count. */
    SE("one standard error of the mean", "", "one standard error of the mean over seeds (the sample standard"
            + " deviation over the square root of n)"),
    /** No error bars: the means alone. */
    NONE(null, "", null);

    /** What a bar of this measure is, as subtitles name it, or null for none. */
    private final String what;
    /** How it is computed, where a subtitle adds it, e.g. {@code " (Student t)"}; empty when its name says all. */
    private final String how;
    /** What a table's ± is, or null for none. */
    private final String plusMinus;

    ErrorMeasure(String what, String how, String plusMinus) {
        this.what = what;
        this.how = how;
        this.plusMinus = plusMinus;
    }

    /**
     * The half-width of this measure's bar around a summary's mean.
     *
     * @param s a summary over seeds; for {@link #CI95}, one at 95% confidence
     * @return the half-width in the values' unit, or NaN when there is no bar (one seed, or {@link #NONE})
     * @throws IllegalArgumentException for {@link #CI95} and a summary at another confidence
     */
    public double halfWidth(SeedSummary s) {
        return switch (this) {
            case CI95 -> {
                if (s.confidence() != SeedSummary.CONFIDENCE_95) {
                    throw new IllegalArgumentException("a 95% interval from a summary at confidence "
                            + s.confidence());
                }
                yield s.halfWidth();
            }
            case SD -> s.sd();
            case SE -> s.sd() / Math.sqrt(s.n());
            case NONE -> Double.NaN;
        };
    }

    /** {@return whether bars of this measure are drawn at all: all but {@link #NONE}} */
    public boolean drawn() {
        return this != NONE;
    }

    /**
     * What a figure's bars or band of this measure are, as its subtitle or title says it: the one
     * wording of every figure, which its description and {@code captions.md} repeat.
     *
     * @param noun what the figure draws: {@code bars}, {@code error bars} or {@code band}
     * @param how  whether to say how the measure is computed where its name leaves it out ({@code (Student t)})
     * @param over what follows the measure, e.g. {@code " over 3 seeds"}, or {@code ""}
     * @return e.g. {@code bars: 95% confidence interval (Student t)}, {@code band: one standard deviation};
     *         for {@link #NONE} {@code no band}, or {@code no error bars}
     */
    public String caption(String noun, boolean how, String over) {
        if (what == null) {
            return noun.equals("band") ? "no band" : "no error bars";
        }
        return noun + ": " + what + (how ? this.how : "") + over;
    }

    /**
     * What a table's ± is with this measure, for the note under or above the table.
     *
     * @return e.g. {@code one standard deviation over seeds (...)}; null for {@link #NONE}, whose tables have no ±
     */
    public String plusMinus() {
        return plusMinus;
    }

    /** {@return the word that chooses this measure on the command line, e.g. {@code ci95}} */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
