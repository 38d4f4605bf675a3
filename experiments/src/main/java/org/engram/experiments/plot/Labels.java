package org.engram.experiments.plot;

import java.util.List;
import org.engram.experiments.metrics.MetricFormat;
import org.jfree.data.Range;

/** Checks on the labels callers pass to the figures, and number formats for subtitles. */
final class Labels {
    private Labels() {
    }

    static void requireCount(List<String> labels, int count, String what) {
        if (labels.size() != count) {
            throw new IllegalArgumentException(what + ": expected " + count + ", found " + labels.size());
        }
    }

    /** A fraction as a percentage with one decimal, e.g. {@code "83.4%"}; {@code "n/a"} for NaN. */
    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : MetricFormat.format("%.1f%%", 100 * fraction);
    }

    /** A difference of fractions in signed percentage points, e.g. {@code "-12.3 pp"}; {@code "n/a"} for NaN. */
    static String points(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : MetricFormat.format("%+.1f pp", 100 * fraction);
    }

    /**
     * The subtitle's note of error bars that run past the value axis, which cuts them: a figure
     * captioned from it must not read a cut interval as the whole one.
     *
     * @param cut  how many bars run past the axis
     * @param axis the axis as drawn, its margin included (a bar within the margin is drawn whole)
     * @param unit the values' unit, e.g. {@code "%"}, or {@code ""}
     * @return {@code ""} for none, else e.g. {@code "; 2 bars run past the axis (-4 to 104%) and are cut"}
     */
    static String barsCut(int cut, Range axis, String unit) {
        String where = "the axis (" + MetricFormat.format("%.0f", axis.getLowerBound()) + " to "
                + MetricFormat.format("%.0f", axis.getUpperBound()) + unit + ")";
        return cut == 0 ? "" : "; " + cut + (cut == 1 ? " bar runs past " + where + " and is"
                : " bars run past " + where + " and are") + " cut";
    }

    /**
     * A strategy's label as a figure shows it beside others: with its number of seeds, {@code naive (n=3)},
     * when they differ among the strategies shown (runs of other seeds compared), as the subtitle then
     * gives only their range.
     *
     * @param label the label
     * @param seeds its number of seeds
     * @param mixed whether the strategies shown have different numbers of seeds
     * @return the label to show
     */
    static String withSeeds(String label, int seeds, boolean mixed) {
        return mixed ? label + " (n=" + seeds + ")" : label;
    }
}
