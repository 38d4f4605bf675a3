package org.engram.experiments.plot;

/**
 * Where the points of several series that share an x value are drawn, side by side around it, so
 * that their error bars do not cover each other.
 *
 * <p>Neighbours are a fixed step apart while that keeps the group within its span; more series
 * share the span, closer together, so that every point stays nearer its own x than the next one
 * and inside an axis that ends half a span past the first and last x.
 */
final class Dodge {
    private Dodge() {
    }

    /**
     * The offset of one series' point from the x it stands for.
     *
     * @param index the series' place among those side by side, 0 to {@code count - 1}
     * @param count how many series stand side by side
     * @param step  the distance between neighbours while the group fits its span, in x units
     * @param span  the widest the group may be, first point to last, in x units
     * @return the offset, in x units: negative for the first half of the series, 0 for one alone
     */
    static double offset(int index, int count, double step, double span) {
        if (count < 2) {
            return 0;
        }
        return (index - (count - 1) / 2.0) * Math.min(step, span / (count - 1));
    }
}
