package org.engram.experiments.plot;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.ui.RectangleEdge;

/**
 * A value axis of percentages that runs past 0 or 100 for room (whole markers, labels above the
 * data) but has no tick or grid line there: an accuracy axis reading "101" would suggest a value
 * that cannot be.
 */
final class PercentAxis extends NumberAxis {
    private static final long serialVersionUID = 1L;
    /** Ticks computed a hair past 100 (rounding of the tick arithmetic) still count as 100. */
    private static final double SLACK = 1e-9;

    /**
     * @param label the axis label, with its unit
     */
    PercentAxis(String label) {
        super(label);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
        List<ValueTick> kept = new ArrayList<>();
        for (Object tick : super.refreshTicks(g2, state, dataArea, edge)) {
            double value = ((ValueTick) tick).getValue();
            if (value >= -SLACK && value <= 100 + SLACK) {
                kept.add((ValueTick) tick);
            }
        }
        return kept;
    }
}
